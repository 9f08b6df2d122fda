// The listing's components as the server renders them: what someone in a hurry reads, in words.
import { render } from 'svelte/server'
import { describe, expect, it } from 'vitest'
import type { ListingAccreditation, ListingService as Service } from '$lib/types'
import AccreditationBadge from './AccreditationBadge.svelte'
import ListingFreshness from './ListingFreshness.svelte'
import ListingService from './ListingService.svelte'
import ListingStalePrompt from './ListingStalePrompt.svelte'
import OpeningHours from './OpeningHours.svelte'
import PhoneLink from './PhoneLink.svelte'

/** The page's text without markup, whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    // Blocks and cells are separate words; inline markup (span, strong, a) is not.
    .replace(/<\/?(?:div|p|li|ul|dl|dt|dd|tr|td|th|thead|tbody|table|h\d|br|section|article|form|button)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()

// Monday 4 May 2026, 10 am in Auckland.
const NOW = new Date('2026-05-03T22:00:00Z')

const accreditation = (over: Partial<ListingAccreditation> = {}): ListingAccreditation => ({
  id: 'a1',
  scheme: 'MSD_SSAS',
  level: 3,
  status: 'ACTIVE',
  validFrom: '2024-01-01T00:00:00Z',
  validTo: '2027-03-31T11:00:00Z',
  ...over,
})

describe('AccreditationBadge', () => {
  it('names the scheme and level, and until when it is current', () => {
    const text = textOf(render(AccreditationBadge, { props: { accreditation: accreditation(), now: NOW } }).body)
    expect(text).toBe('✓ MSD Social Sector Accreditation Standards Level 3 Current, until 1 April 2027')
  })

  it('never shows an expired accreditation as current', () => {
    const { body } = render(AccreditationBadge, { props: { accreditation: accreditation({ scheme: 'TE_KAHUI_KAHU', level: 2, validTo: '2026-01-31T11:00:00Z' }), now: NOW } })
    expect(textOf(body)).toBe('✗ Te Kāhui Kāhu Level 2 Expired 1 February 2026')
    expect(body).toContain('data-standing="EXPIRED"')
    expect(body).not.toContain('badge-current')
  })

  it('shows an approval without levels by its name', () => {
    const text = textOf(render(AccreditationBadge, { props: { accreditation: accreditation({ scheme: 'OT_S396', level: null, validTo: null }), now: NOW } }).body)
    expect(text).toBe('✓ Oranga Tamariki s396 care partner approval Current')
  })

  it('says "expires soon" within 60 days of the last valid day, and not before (issue 16)', () => {
    const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString()
    const soon = render(AccreditationBadge, { props: { accreditation: accreditation({ validTo: at(30) }), now: NOW } }).body
    expect(textOf(soon)).toMatch(/Expires soon$/)
    const later = render(AccreditationBadge, { props: { accreditation: accreditation({ validTo: at(90) }), now: NOW } }).body
    expect(textOf(later)).not.toMatch(/Expires soon/)
  })
})

describe('OpeningHours', () => {
  it('lists every day Monday to Sunday, says Closed, and marks today in New Zealand', () => {
    const { body } = render(OpeningHours, {
      props: {
        openings: [
          { day: 'MO', opensAt: '08:30', closesAt: '17:00' },
          { day: 'TU', opensAt: '13:00', closesAt: '16:00' },
          { day: 'TU', opensAt: '09:00', closesAt: '12:00' },
          { day: 'SA', opensAt: '00:00', closesAt: '23:59' },
        ],
        now: NOW,
        labelledby: 'h',
      },
    })
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1).map((m) => textOf(m[1]!))
    expect(rows).toEqual([
      'Monday Today 8:30 am to 5:00 pm',
      'Tuesday 9:00 am to 12:00 pm 1:00 pm to 4:00 pm',
      'Wednesday Closed',
      'Thursday Closed',
      'Friday Closed',
      'Saturday Open 24 hours',
      'Sunday Closed',
    ])
    expect(body).toContain('aria-labelledby="h"')
  })

  it('says when no hours are listed', () => {
    expect(textOf(render(OpeningHours, { props: { openings: [], now: NOW, labelledby: 'h' } }).body)).toBe('No opening hours listed. Phone before you go.')
  })
})

describe('PhoneLink', () => {
  it('is a tap-to-call link in international form', () => {
    const { body } = render(PhoneLink, { props: { phone: { number: '04 123 4567', extension: '12', type: 'voice', description: 'Reception' } } })
    expect(body).toContain('href="tel:+6441234567;ext=12"')
    expect(textOf(body)).toBe('04 123 4567 extension 12 — Reception')
  })

  it('does not offer to call a fax', () => {
    const { body } = render(PhoneLink, { props: { phone: { number: '04 123 4568', extension: null, type: 'fax', description: null } } })
    expect(body).not.toContain('href=')
    expect(textOf(body)).toBe('04 123 4568 (fax)')
  })
})

describe('ListingFreshness', () => {
  it('says when it was last verified, and flags a stale listing in words', () => {
    const fresh = textOf(render(ListingFreshness, { props: { lastVerifiedAt: '2026-04-20T01:00:00Z', freshness: { stale: false, daysSinceVerified: 13 } } }).body)
    expect(fresh).toBe('Last verified: 20 April 2026 (13 days ago)')
    const stale = textOf(render(ListingFreshness, { props: { lastVerifiedAt: '2025-09-01T01:00:00Z', freshness: { stale: true, daysSinceVerified: 244 } } }).body)
    expect(stale).toMatch(/^Last verified: 1 September 2025 \(244 days ago\) ! Not checked recently\. .*over 180 days/)
    const never = textOf(render(ListingFreshness, { props: { lastVerifiedAt: null, freshness: { stale: true, daysSinceVerified: null } } }).body)
    expect(never).toMatch(/^Last verified: Never verified ! Not checked recently/)
  })
})

describe('ListingStalePrompt', () => {
  it('asks in words and offers one button that posts the version it read', () => {
    const { body } = render(ListingStalePrompt, {
      props: { organisationId: 'o1', name: 'Te Awa', days: 200, expectedUpdatedAt: '2026-01-01T00:00:00.000Z' },
    })
    expect(textOf(body)).toMatch(/^Is your listing still correct\? Your listing was last verified 200 days ago\./)
    expect(body).toContain('action="?/verify"')
    expect(body).toContain('name="expectedUpdatedAt" value="2026-01-01T00:00:00.000Z"')
    expect(textOf(body)).toContain('✓ Still correct')
  })
})

const service = (over: Partial<Service> = {}): Service => ({
  id: 's1',
  name: 'Pātaka Kai',
  description: 'Food parcels for whānau.',
  status: 'ACTIVE',
  capacityStatus: 'WAITLIST',
  categories: [{ code: 'food', name: 'Food' }],
  eligibilityDescription: 'Anyone in need of food.',
  minimumAge: 16,
  maximumAge: null,
  freeOfCharge: true,
  feesDescription: null,
  applicationProcess: 'Walk in.',
  languages: [
    { code: 'en', name: 'English' },
    { code: 'mi', name: 'te reo Māori' },
  ],
  culturalFocus: ['KAUPAPA_MAORI'],
  deliveryModes: ['IN_PERSON', 'OUTREACH'],
  nationwide: false,
  serviceAreas: [{ regionCode: '09', territorialAuthorityCode: null, name: 'Wellington' }],
  locations: [
    {
      id: 'l1',
      name: 'Main office',
      addressLine1: '1 Cuba Street',
      addressLine2: null,
      suburb: 'Te Aro',
      city: 'Wellington',
      postcode: '6011',
      region: { code: '09', name: 'Wellington' },
      accessibility: null,
      openingHours: [],
      phones: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  openingHours: [{ day: 'MO', opensAt: '09:00', closesAt: '17:00' }],
  contacts: [{ name: 'Mere', title: 'Coordinator', department: null, email: 'mere@example.nz', phones: [] }],
  phones: [{ number: '0800 123 456', extension: null, type: 'voice', description: null }],
  email: null,
  url: null,
  lastVerifiedAt: '2026-04-01T00:00:00Z',
  freshness: { stale: false, daysSinceVerified: 33 },
  updatedAt: '2026-04-01T00:00:00.000Z',
  ...over,
})

describe('ListingService', () => {
  it('puts capacity first, then what it is, who for, where, when and how to call', () => {
    const { body } = render(ListingService, { props: { service: service(), now: NOW } })
    const text = textOf(body)
    expect(text).toMatch(/^Pātaka Kai ◷ Waitlist Food parcels for whānau\./)
    for (const fact of [
      'Categories Food',
      'Who it is for Anyone in need of food.',
      'Ages 16 years and over',
      'Cost Free',
      'Languages English, te reo Māori',
      'Cultural focus Kaupapa Māori',
      'How it is delivered In person, Outreach: they come to you',
      'Areas served Wellington',
      'How to get help Walk in.',
      'Main office 1 Cuba Street Te Aro Wellington 6011 Wellington',
      'Monday Today 9:00 am to 5:00 pm',
      'Phone 0800 123 456',
      'Mere, Coordinator',
    ]) {
      expect(text).toContain(fact)
    }
    expect(body).toContain('href="tel:0800123456"')
    expect(body).toContain('<span lang="mi">te reo Māori</span>')
    expect(body).toContain('id="service-s1"')
  })

  it('says a service that is not running, and one delivered anywhere', () => {
    const text = textOf(render(ListingService, { props: { service: service({ status: 'TEMPORARILY_CLOSED', nationwide: true, serviceAreas: [] }), now: NOW } }).body)
    expect(text).toContain('Temporarily closed')
    expect(text).toContain('Areas served Anywhere in Aotearoa New Zealand')
  })

  it('shows the hours kept on its locations when the service lists none', () => {
    const s = service({ openingHours: [] })
    s.locations[0]!.openingHours = [{ day: 'TU', opensAt: '10:00', closesAt: '14:00' }]
    const text = textOf(render(ListingService, { props: { service: s, now: NOW } }).body)
    expect(text).toContain('Opening hours at Main office (New Zealand time)')
    expect(text).toContain('Tuesday 10:00 am to 2:00 pm')
  })
})
