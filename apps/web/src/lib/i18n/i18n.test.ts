import { CAPABILITIES, ROLES } from '@fsn/domain'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { bilingual, bilingualText, capabilityLabel, roleLabel, t } from './index'
import { mi } from './mi'

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('home.signedInAs', { email: 'a@b.nz' })).toBe('Signed in as a@b.nz')
    expect(t('home.signedInAs')).toBe('Signed in as {email}')
  })
})

describe('catalogue', () => {
  // The template-literal types catch these at compile time; this catches a domain list that grew
  // at run time without the web being rebuilt against it.
  it('labels every role and capability in @fsn/domain', () => {
    for (const role of ROLES) expect(roleLabel(role)).not.toMatch(/^role\./)
    for (const capability of CAPABILITIES) expect(capabilityLabel(capability)).not.toMatch(/^cap\./)
  })

  it('has no empty strings, and every te reo key has an English original', () => {
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('')
    for (const key of Object.keys(mi)) expect(en).toHaveProperty(key)
  })

  it('spells the te reo with macrons', () => {
    expect(mi['nav.home']).toBe('Kāinga')
    expect(mi['nav.directory']).toBe('Rārangi ratonga')
    expect(mi['agency.msd']).toBe('Te Manatū Whakahiato Ora')
    expect(Object.values(mi).join(' ')).not.toMatch(/\b(Kainga|Rarangi|Manatu|Whakapa)\b/)
  })

  it('shows te reo first, as NZ agencies do', () => {
    expect(bilingual('nav.signIn')).toEqual({ mi: 'Takiuru', en: 'Sign in' })
    expect(bilingualText('nav.directory')).toBe('Rārangi ratonga / Directory')
    expect(bilingual('nav.coverage')).toEqual({ mi: null, en: 'Coverage' })
  })
})
