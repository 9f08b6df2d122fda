import { describe, expect, it } from 'vitest'
import { COMMUNITY_CONNECTION_REQUIREMENT } from '../accreditation'
import {
  checkRouting,
  requirementLabel,
  type ProviderAccreditation,
  type RoutingInput,
  type RoutingService,
} from './check-routing'

const WGN = 'region-wellington'
const AKL = 'region-auckland'
const PORIRUA = 'ta-porirua'
const HUTT = 'ta-lower-hutt'

const AT = new Date('2026-05-01T00:00:00Z') // 1 May 2026, 12:00 NZST

const ccs: RoutingService = {
  name: 'Community Connection Service',
  status: 'ACTIVE',
  capacityStatus: 'ACCEPTING',
  nationwide: false,
  regionIds: [WGN],
  territorialAuthorityIds: [],
  requiredAccreditations: [COMMUNITY_CONNECTION_REQUIREMENT],
}

const ssas = (level: number, over: Partial<ProviderAccreditation> = {}): ProviderAccreditation => ({
  scheme: 'MSD_SSAS',
  level,
  status: 'ACTIVE',
  validFrom: new Date('2025-01-01T00:00:00Z'),
  validTo: null,
  ...over,
})

const input = (over: Partial<RoutingInput> = {}, service: Partial<RoutingService> = {}): RoutingInput => ({
  service: { ...ccs, ...service },
  providerAccreditations: [ssas(3)],
  person: { regionId: WGN, territorialAuthorityId: PORIRUA },
  at: AT,
  ...over,
})

const REQ = 'Community Connection Service requires MSD Social Sector Accreditation Standards Level 3'

describe('checkRouting: accreditation (Guidelines: Level Three, maintained)', () => {
  it.each([
    ['Level 3 held: allowed', [ssas(3)], []],
    ['Level 4 held: allowed', [ssas(4)], []],
    ['Level 3 provisional: allowed', [ssas(3, { status: 'PROVISIONAL' })], []],
    [
      'Level 2 held: refused',
      [ssas(2)],
      [{ code: 'LEVEL_TOO_LOW', message: `${REQ}; this provider holds Level 2` }],
    ],
    [
      'nothing held',
      [],
      [
        {
          code: 'MISSING_ACCREDITATION',
          message: `${REQ}; this provider holds no MSD Social Sector Accreditation Standards accreditation`,
        },
      ],
    ],
    [
      'only another scheme held',
      [{ ...ssas(2), scheme: 'TE_KAHUI_KAHU' }],
      [
        {
          code: 'MISSING_ACCREDITATION',
          message: `${REQ}; this provider holds no MSD Social Sector Accreditation Standards accreditation`,
        },
      ],
    ],
    [
      'revoked Level 3 is ignored',
      [ssas(3, { status: 'REVOKED' })],
      [
        {
          code: 'MISSING_ACCREDITATION',
          message: `${REQ}; this provider holds no MSD Social Sector Accreditation Standards accreditation`,
        },
      ],
    ],
    [
      'expired yesterday',
      [ssas(3, { validTo: new Date('2026-04-30T00:00:00Z') })],
      [
        {
          code: 'ACCREDITATION_EXPIRED',
          message: `${REQ}; this provider’s Level 3 accreditation expired on 30 April 2026`,
        },
      ],
    ],
    ['expiring tomorrow: still allowed today', [ssas(3, { validTo: new Date('2026-05-02T00:00:00Z') })], []],
    [
      'expiring at this very instant: no longer valid',
      [ssas(3, { validTo: AT })],
      [
        {
          code: 'ACCREDITATION_EXPIRED',
          message: `${REQ}; this provider’s Level 3 accreditation expired on 1 May 2026`,
        },
      ],
    ],
    [
      'suspended',
      [ssas(3, { status: 'SUSPENDED' })],
      [
        {
          code: 'ACCREDITATION_SUSPENDED',
          message: `${REQ}; this provider’s Level 3 accreditation is suspended`,
        },
      ],
    ],
    [
      'a current suspension blocks even with another active Level 3 record',
      [ssas(3), ssas(4, { status: 'SUSPENDED' })],
      [
        {
          code: 'ACCREDITATION_SUSPENDED',
          message: `${REQ}; this provider’s Level 4 accreditation is suspended`,
        },
      ],
    ],
    [
      'a suspension that has ended does not block',
      [ssas(3), ssas(3, { status: 'SUSPENDED', validTo: AT })],
      [],
    ],
    [
      'not yet valid',
      [ssas(3, { validFrom: new Date('2026-06-30T12:00:00Z') })],
      [
        {
          code: 'ACCREDITATION_NOT_YET_VALID',
          message: `${REQ}; this provider’s Level 3 accreditation is not valid until 1 July 2026`,
        },
      ],
    ],
    ['valid from this very instant', [ssas(3, { validFrom: AT })], []],
    ['the best current record counts', [ssas(2), ssas(3), ssas(1)], []],
    [
      'Level 2 current, Level 3 lapsed and a renewal pending: all three said',
      [
        ssas(2),
        ssas(3, { validTo: new Date('2026-03-31T11:00:00Z') }),
        ssas(3, { validFrom: new Date('2026-06-01T00:00:00Z') }),
        ssas(1, { validTo: new Date('2026-04-20T00:00:00Z') }),
      ],
      [
        { code: 'LEVEL_TOO_LOW', message: `${REQ}; this provider holds Level 2` },
        {
          code: 'ACCREDITATION_EXPIRED',
          message: `${REQ}; this provider’s Level 3 accreditation expired on 1 April 2026`,
        },
        {
          code: 'ACCREDITATION_NOT_YET_VALID',
          message: `${REQ}; this provider’s Level 3 accreditation is not valid until 1 June 2026`,
        },
      ],
    ],
    [
      'only a lapsed Level 2: says it expired',
      [ssas(2, { validTo: new Date('2026-01-01T00:00:00Z') })],
      [
        {
          code: 'ACCREDITATION_EXPIRED',
          message: `${REQ}; this provider’s Level 2 accreditation expired on 1 January 2026`,
        },
      ],
    ],
  ] as const)('%s', (_what, held, reasons) => {
    const r = checkRouting(input({ providerAccreditations: held }))
    if (reasons.length === 0) expect(r).toEqual({ allowed: true })
    else expect(r).toEqual({ allowed: false, reasons: reasons.map((x) => ({ ...x, scheme: 'MSD_SSAS' })) })
  })

  it('checks each requirement: s396 approval and Te Kāhui Kāhu for shared care', () => {
    const service: Partial<RoutingService> = {
      name: 'Shared care',
      requiredAccreditations: [
        { scheme: 'TE_KAHUI_KAHU', minimumLevel: 1 },
        { scheme: 'OT_S396', minimumLevel: null },
      ],
    }
    const tkk = { ...ssas(2), scheme: 'TE_KAHUI_KAHU' as const }
    const s396 = { ...ssas(0), scheme: 'OT_S396' as const, level: null }
    expect(checkRouting(input({ providerAccreditations: [tkk, s396] }, service))).toEqual({ allowed: true })
    expect(checkRouting(input({ providerAccreditations: [tkk] }, service))).toEqual({
      allowed: false,
      reasons: [
        {
          code: 'MISSING_ACCREDITATION',
          scheme: 'OT_S396',
          message:
            'Shared care requires Oranga Tamariki s396 care partner approval; this provider does not hold it',
        },
      ],
    })
  })

  it('labels requirements as the guidelines say them', () => {
    expect(requirementLabel(COMMUNITY_CONNECTION_REQUIREMENT)).toBe(
      'MSD Social Sector Accreditation Standards Level 3',
    )
    expect(requirementLabel({ scheme: 'OT_S396', minimumLevel: null })).toBe(
      'Oranga Tamariki s396 care partner approval',
    )
    expect(requirementLabel({ scheme: 'TE_KAHUI_KAHU', minimumLevel: null })).toBe(
      'Te Kāhui Kāhu accreditation (any level)',
    )
  })
})

describe('checkRouting: service status, capacity and area', () => {
  it.each([
    ['accepting, in region', {}, {}, []],
    ['waitlist is still allowed', { capacityStatus: 'WAITLIST' }, {}, []],
    ['no capacity', { capacityStatus: 'NO_CAPACITY' }, {}, ['NO_CAPACITY']],
    ['inactive', { status: 'INACTIVE' }, {}, ['SERVICE_INACTIVE']],
    ['temporarily closed', { status: 'TEMPORARILY_CLOSED' }, {}, ['SERVICE_INACTIVE']],
    ['defunct', { status: 'DEFUNCT' }, {}, ['SERVICE_INACTIVE']],
    [
      'person in another region',
      {},
      { regionId: AKL, territorialAuthorityId: null },
      ['OUTSIDE_SERVICE_AREA'],
    ],
    ['nationwide: no area restriction', { nationwide: true, regionIds: [] }, { regionId: AKL }, []],
    [
      'covers a territorial authority the person lives in',
      { regionIds: [], territorialAuthorityIds: [PORIRUA] },
      {},
      [],
    ],
    [
      'covers another territorial authority only',
      { regionIds: [], territorialAuthorityIds: [HUTT] },
      {},
      ['OUTSIDE_SERVICE_AREA'],
    ],
    [
      'person with no territorial authority, service by territorial authority only',
      { regionIds: [], territorialAuthorityIds: [PORIRUA] },
      { territorialAuthorityId: null },
      ['OUTSIDE_SERVICE_AREA'],
    ],
    [
      'no area at all and not nationwide',
      { regionIds: [], territorialAuthorityIds: [] },
      {},
      ['OUTSIDE_SERVICE_AREA'],
    ],
  ] as const)('%s', (_what, service, person, codes) => {
    const r = checkRouting(
      input(
        { person: { regionId: WGN, territorialAuthorityId: PORIRUA, ...person } },
        service as Partial<RoutingService>,
      ),
    )
    expect(r.allowed ? [] : r.reasons.map((x) => x.code)).toEqual(codes)
  })

  it('reports every reason at once, in a stable order, each in words', () => {
    const r = checkRouting(
      input(
        { providerAccreditations: [ssas(2)], person: { regionId: AKL, territorialAuthorityId: null } },
        { status: 'TEMPORARILY_CLOSED', capacityStatus: 'NO_CAPACITY' },
      ),
    )
    expect(r).toEqual({
      allowed: false,
      reasons: [
        { code: 'SERVICE_INACTIVE', message: 'Community Connection Service is temporarily closed.' },
        {
          code: 'NO_CAPACITY',
          message: 'Community Connection Service has no capacity to take referrals at the moment.',
        },
        {
          code: 'OUTSIDE_SERVICE_AREA',
          message: 'Community Connection Service does not cover the area where the person lives.',
        },
        { code: 'LEVEL_TOO_LOW', scheme: 'MSD_SSAS', message: `${REQ}; this provider holds Level 2` },
      ],
    })
  })

  it('says "This service" when the caller gives no name', () => {
    const r = checkRouting(input({}, { name: undefined, capacityStatus: 'NO_CAPACITY' }))
    expect(r.allowed ? null : r.reasons[0]?.message).toBe(
      'This service has no capacity to take referrals at the moment.',
    )
  })

  it('needs nothing when the service requires no accreditation', () => {
    expect(checkRouting(input({ providerAccreditations: [] }, { requiredAccreditations: [] }))).toEqual({
      allowed: true,
    })
  })
})
