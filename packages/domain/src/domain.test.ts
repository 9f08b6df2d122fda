import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  ANONYMOUS,
  CAPABILITIES,
  ROLES,
  ROLE_CAPABILITIES,
  SERVICE_CATEGORIES,
  ZSignInInput,
  can,
  isValidLevel,
  levelLabel,
  userActor,
  validationError,
  AppError,
  isAppError,
  REGION_NAMES_MI,
} from './index'

describe('service categories', () => {
  it('have unique codes in kebab-case', () => {
    const codes = SERVICE_CATEGORIES.map((c) => c.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const c of codes) expect(c).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  it('cover every line of Table 1 of the MSD guidelines, the family services and the network services', () => {
    const byGroup = (g: string) => SERVICE_CATEGORIES.filter((c) => c.group === g).map((c) => c.code)
    expect(byGroup('MSD_COORDINATED')).toEqual([
      'benefit-payments',
      'employment-assistance',
      'food',
      'accommodation-costs',
      'utility-bills',
      'senior-services',
      'other-urgent-costs',
      'community-support',
    ])
    expect(byGroup('HEALTH_LED')).toEqual([
      'disability-support',
      'medication',
      'medical-devices',
      'mental-health',
      'addiction',
    ])
    expect(byGroup('OTHER_AGENCIES')).toEqual([
      'early-learning-packs',
      'educational-devices',
      'children-in-care',
      'family-violence',
      'whanau-ora',
      'animal-welfare',
    ])
    expect(byGroup('FAMILY_SERVICES')).toHaveLength(7)
    expect(byGroup('NETWORK')).toEqual(['community-connection', 'shared-care'])
  })
})

describe('roles and capabilities', () => {
  it('give every role at least directory search, and only known capabilities', () => {
    for (const r of ROLES) {
      expect(ROLE_CAPABILITIES[r]).toContain('directory:search')
      for (const c of ROLE_CAPABILITIES[r]) expect(CAPABILITIES).toContain(c)
    }
  })

  it('let only the DCE Māori, Partnerships and Communities approve s396 care partners', () => {
    expect(ROLES.filter((r) => ROLE_CAPABILITIES[r].includes('care-partner:approve'))).toEqual(['DCE_MPC'])
  })

  it('let anonymous visitors search the public directory and nothing else', () => {
    for (const c of CAPABILITIES) expect(can(ANONYMOUS, c)).toBe(c === 'directory:search')
  })

  it('combine the capabilities of all of a user’s roles', () => {
    const actor = userActor({ id: 'u', email: 'e', name: 'n' }, 's', [
      {
        organisationId: 'o',
        organisationName: 'O',
        organisationKind: 'PROVIDER',
        role: 'PROVIDER_INTAKE',
        regionId: null,
      },
      {
        organisationId: 'o',
        organisationName: 'O',
        organisationKind: 'PROVIDER',
        role: 'PROVIDER_ADMIN',
        regionId: null,
      },
    ])
    expect(can(actor, 'referral:respond')).toBe(true)
    expect(can(actor, 'directory:edit-own-listing')).toBe(true)
    expect(can(actor, 'referral:send')).toBe(false)
  })
})

describe('accreditation levels', () => {
  it.each([
    ['MSD_SSAS', 1, true],
    ['MSD_SSAS', 4, true],
    ['MSD_SSAS', 5, false],
    ['MSD_SSAS', 0, false],
    ['MSD_SSAS', null, false],
    ['TE_KAHUI_KAHU', 2, true],
    ['TE_KAHUI_KAHU', 3, false],
    ['OT_S396', null, true],
    ['OT_S396', 1, false],
  ] as const)('%s level %s valid: %s', (scheme, level, ok) => {
    expect(isValidLevel(scheme, level)).toBe(ok)
  })

  it('reads as people say it', () => {
    expect(levelLabel('MSD_SSAS', 3)).toBe('MSD Social Sector Accreditation Standards, Level 3')
    expect(levelLabel('OT_S396', null)).toBe('Oranga Tamariki s396 care partner approval')
  })
})

describe('sign-in input', () => {
  it('normalises the email', () => {
    expect(ZSignInInput.parse({ email: '  Connector@Demo.Example.NZ ', password: 'x' }).email).toBe(
      'connector@demo.example.nz',
    )
  })

  it.each([
    [{}, 'email'],
    [{ email: 'a@b.nz' }, 'password'],
    [{ email: 'nope', password: 'x' }, 'email'],
  ])('names the failing field (%j)', (input, field) => {
    const r = ZSignInInput.safeParse(input)
    expect(r.success).toBe(false)
    if (!r.success) expect(validationError(r.error.issues).field).toBe(field)
  })
})

describe('sign-in messages', () => {
  it.each([
    [{ password: 'x' }, 'email: email is required'],
    [{ email: 1, password: 'x' }, 'email: email must be a string'],
    [{ email: 'a@b.nz', password: 2 }, 'password: password must be a string'],
  ])('say what is wrong (%j)', (input, message) => {
    const r = ZSignInInput.safeParse(input)
    if (r.success) throw new Error('expected failure')
    expect(validationError(r.error.issues).message).toBe(message)
  })
})

describe('errors', () => {
  it('name nested fields with a dotted path', () => {
    const r = z.object({ a: z.array(z.object({ b: z.string() })) }).safeParse({ a: [{ b: 1 }] })
    expect(r.success).toBe(false)
    if (!r.success)
      expect(validationError(r.error.issues)).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
        field: 'a.0.b',
      })
  })

  it('recognise an AppError from another copy of the module by its brand', () => {
    const foreign = Object.assign(new Error('x'), { name: 'AppError', code: 'FORBIDDEN' })
    expect(isAppError(foreign)).toBe(true)
    expect(isAppError(new AppError('NOT_FOUND'))).toBe(true)
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'MADE_UP' }))).toBe(false)
  })
})

describe('regions', () => {
  it('have a te reo Māori name for each of the 16 Stats NZ codes', () => {
    expect(Object.keys(REGION_NAMES_MI).sort()).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
    ])
  })
})
