// A provider's listing end to end in a real browser: the built web app against the real API (demo
// seed). The public provider page on a phone; the provider administrator confirms a stale listing
// with one click, edits a service's capacity and hours (a bad value is refused beside its field),
// sees the change on the page and in the history, and is told when someone else saved first;
// another provider's staff are refused the editor. What to expect comes from the API itself, so the
// test follows the seed rather than copying it.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSession, buildWeb, expectNoAxeViolations, launchChromium, screenshot, signIn, startApi, startWeb, type Child } from './harness'

const PROVIDER_ADMIN = 'provider@demo.example.nz'
const CONNECTOR = 'connector@demo.example.nz'

let apiUrl: string
let webUrl: string
let browser: Browser
const children: Child[] = []

interface Freshness {
  stale: boolean
  daysSinceVerified: number | null
}
interface ApiService {
  id: string
  name: string
  status: string
  capacityStatus: 'ACCEPTING' | 'WAITLIST' | 'NO_CAPACITY'
  updatedAt: string
  freshness: Freshness
  openingHours: { day: string; opensAt: string; closesAt: string }[]
  phones: { number: string }[]
}
interface ApiOrganisation {
  id: string
  name: string
  updatedAt: string
  needsVerification: boolean
  lastVerifiedAt: string | null
  freshness: Freshness
  phones: { number: string }[]
  accreditations: { scheme: string; level: number | null; status: string; validFrom: string; validTo: string | null }[]
  services: ApiService[]
}

const LISTING = `query ($id: ID!) { organisation(id: $id) {
  id name updatedAt needsVerification lastVerifiedAt freshness { stale daysSinceVerified }
  phones { number }
  accreditations { scheme level status validFrom validTo }
  services { id name status capacityStatus updatedAt freshness { stale daysSinceVerified } openingHours { day opensAt closesAt } phones { number } }
} }`

/** The provider administrator's organisation (the intake worker's), and the connector's. */
let mine: ApiOrganisation
let theirs: ApiOrganisation

async function listing(email: string, id: string): Promise<ApiOrganisation> {
  const s = await apiSession(apiUrl, email)
  try {
    return (await s.graphql<{ organisation: ApiOrganisation }>(LISTING, { id })).organisation
  } finally {
    await s.close()
  }
}

async function organisationOf(email: string, role: string): Promise<string> {
  const s = await apiSession(apiUrl, email)
  try {
    const { me } = await s.graphql<{ me: { memberships: { role: string; organisation: { id: string } }[] } }>('{ me { memberships { role organisation { id } } } }')
    const id = me.memberships.find((m) => m.role === role)?.organisation.id
    expect(id, `${email} is a ${role}`).toBeTruthy()
    return id!
  } finally {
    await s.close()
  }
}

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url
  mine = await listing(PROVIDER_ADMIN, await organisationOf(PROVIDER_ADMIN, 'PROVIDER_ADMIN'))
  theirs = await listing(CONNECTOR, await organisationOf(CONNECTOR, 'COMMUNITY_CONNECTOR'))
  expect(mine.services.length, 'the provider administrator’s organisation lists services').toBeGreaterThan(0)
  console.log(`[browser] listings ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${apiUrl}, web ${webUrl}`)
})

afterAll(async () => {
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

interface Session {
  context: BrowserContext
  page: Page
  problems: string[]
}

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1200, height: 900 }

async function session(email: string | null, options: { javaScriptEnabled?: boolean; bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Session> {
  const { viewport = DESKTOP, ...rest } = options
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport, ...rest })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  if (email) await signIn(page, email)
  return { context, page, problems }
}

const main = (page: Page) => page.locator('main')
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 })
const CAPACITY_WORDS = { ACCEPTING: 'Accepting referrals', WAITLIST: 'Waitlist', NO_CAPACITY: 'Not accepting referrals' } as const
const article = (page: Page, serviceId: string) => page.locator(`article#service-${serviceId}`)

describe('provider listing: page, stale prompt, editor, history', () => {
  const opened: Session[] = []
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.context.close()))
  })
  const open = async (...args: Parameters<typeof session>) => {
    const s = await session(...args)
    opened.push(s)
    return s
  }

  it('a. the public provider page shows services, hours, contacts, badges and last verified, on a phone', async () => {
    const { page, problems } = await open(null, { viewport: PHONE })
    await page.goto(`/providers/${theirs.id}`)
    expect(await page.locator('h1').innerText()).toBe(theirs.name)
    const text = await main(page).innerText()
    expect(text).toMatch(/Last verified: (Never verified|\d{1,2} \w+ \d{4} \((today|1 day ago|\d+ days ago)\))/)
    if (theirs.freshness.stale) expect(text).toContain('Not checked recently')
    else expect(text).not.toContain('Not checked recently')

    // Badges: each accreditation the API says is current is shown as current; none other is.
    const now = Date.now()
    const current = theirs.accreditations.filter(
      (a) => (a.status === 'ACTIVE' || a.status === 'PROVISIONAL') && Date.parse(a.validFrom) <= now && (a.validTo === null || Date.parse(a.validTo) > now),
    )
    // The connector's provider hosts the Community Connection Service: MSD Level 3 or higher (seed rule).
    expect(current.some((a) => a.scheme === 'MSD_SSAS' && (a.level ?? 0) >= 3)).toBe(true)
    const badges = page.locator('section[aria-labelledby="accreditation-heading"] [data-standing]')
    const standings = await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-standing')))
    expect(standings.filter((s) => s === 'CURRENT' || s === 'PROVISIONAL')).toHaveLength(current.length)
    expect(await page.locator('section[aria-labelledby="accreditation-heading"] .badges:not(.past) [data-standing="EXPIRED"]').count()).toBe(0)
    expect(await main(page).getByText(/MSD Social Sector Accreditation Standards/).first().isVisible()).toBe(true)

    // Every service, with its capacity in words and a week of hours, Monday to Sunday.
    expect(await page.locator('article.service').count()).toBe(theirs.services.length)
    for (const s of theirs.services) {
      const a = article(page, s.id)
      expect(await a.locator('h3').innerText()).toBe(s.name)
      expect(await a.locator('.capacity').innerText()).toContain(CAPACITY_WORDS[s.capacityStatus])
      if (s.openingHours.length) {
        const days = await a.locator('table.hours tbody th').allInnerTexts()
        expect(days.map((d) => d.split('\n')[0]!.replace(/Today$/, '').trim())).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])
        const openDays = new Set(s.openingHours.map((o) => o.day))
        if (openDays.size < 7) expect(await a.locator('table.hours').innerText()).toContain('Closed')
      }
    }
    // Phones are tap-to-call links.
    const phones = [...theirs.phones, ...theirs.services.flatMap((s) => s.phones)]
    if (phones.length) {
      const hrefs = await main(page).locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
      expect(hrefs.length).toBeGreaterThanOrEqual(1)
      for (const href of hrefs) expect(href).toMatch(/^tel:(\+64\d{7,10}|0(800|508)\d{6,7}|\d{3,4})(;ext=\d+)?$/)
    }
    await screenshot(page, 'provider-page-phone')
    // Readable on a phone: nothing wider than the screen (1.4.10 Reflow).
    const tooWide = await page.evaluate((width) => {
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().right)}px)`)
        .slice(0, 8)
    }, PHONE.width)
    expect(tooWide, 'elements wider than a phone screen').toEqual([])
    // Anonymous visitors are offered no editing.
    expect(await page.getByRole('link', { name: 'Edit this listing' }).count()).toBe(0)
    expect(problems).toEqual([])
  })

  it('b. "Still correct" clears the stale flag, on the home page and the provider page', async () => {
    expect(mine.needsVerification, 'the demo provider’s listing (or one of its services) needs verifying').toBe(true)
    const { page, problems } = await open(PROVIDER_ADMIN)
    // The role home asks first.
    const prompt = main(page).locator('section.prompt')
    expect(await prompt.count()).toBe(1)
    expect(await prompt.innerText()).toMatch(new RegExp(`${escape(mine.name)}[\\s\\S]*(Your listing was last verified (\\d+ days|1 day) ago|Your listing has never been verified)`))
    await screenshot(page, 'home-stale-prompt')

    // The provider page asks its own staff too; the button confirms it in one click.
    await page.goto(`/providers/${mine.id}`)
    const onPage = main(page).locator('section.prompt')
    expect(await onPage.innerText()).toMatch(/Your listing (was last verified (\d+ days|1 day) ago|has never been verified)/)
    await onPage.getByRole('button', { name: 'Still correct' }).click()
    await poll(() => main(page).getByRole('status').innerText()).toContain(`Thank you. ${mine.name} is marked as verified today.`)
    expect(await main(page).locator('section.prompt').count()).toBe(0)
    expect(await page.locator('#last-verified').innerText()).toMatch(/\(today\)/)
    expect(await page.locator('#last-verified').innerText()).not.toContain('Not checked recently')
    await screenshot(page, 'provider-page-verified')

    await page.goto('/')
    expect(await main(page).locator('section.prompt').count()).toBe(0)
    const after = await listing(PROVIDER_ADMIN, mine.id)
    expect(after.needsVerification).toBe(false)
    mine = after
    expect(problems).toEqual([])
  })

  it('c. the provider administrator edits capacity and hours: a bad value is refused beside its field, then saved', async () => {
    const { page, problems } = await open(PROVIDER_ADMIN)
    const service = mine.services.find((s) => s.status === 'ACTIVE') ?? mine.services[0]!
    const nextCapacity = service.capacityStatus === 'WAITLIST' ? 'NO_CAPACITY' : 'WAITLIST'

    await page.goto(`/providers/${mine.id}`)
    await page.getByRole('link', { name: 'Edit this listing' }).click()
    await page.waitForURL((url) => url.pathname === `/providers/${mine.id}/edit`)
    await page.getByRole('link', { name: `Edit ${service.name}` }).click()
    await page.waitForURL((url) => url.pathname === `/providers/${mine.id}/services/${service.id}/edit`)
    expect(await page.locator('h1').innerText()).toBe(`Edit ${service.name}`)

    // Closing before opening on Monday: refused, and said beside Monday's closing time.
    await page.locator(`#capacity-${nextCapacity}`).check()
    await page.locator('#hours-MO-0-opensAt').fill('17:00')
    await page.locator('#hours-MO-0-closesAt').fill('09:00')
    await page.getByRole('button', { name: 'Save service' }).click()
    await poll(() => page.locator('#service-errors').count()).toBe(1)
    expect(await page.locator('#hours-MO-0-closesAt-error').innerText()).toBe('Monday: closing time must be after opening time')
    expect(await page.locator('#hours-MO-0-closesAt').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#hours-MO-0-closesAt').getAttribute('aria-describedby')).toContain('hours-MO-0-closesAt-error')
    // The summary links to the field, and what was typed is still there.
    expect(await page.locator('#service-errors a').first().getAttribute('href')).toBe('#hours-MO-0-closesAt')
    expect(await page.locator('#hours-MO-0-opensAt').inputValue()).toBe('17:00')
    expect(await page.locator(`#capacity-${nextCapacity}`).isChecked()).toBe(true)
    await screenshot(page, 'service-editor-error')

    // Fixed: Monday 9 to 5, Saturday mornings.
    await page.locator('#hours-MO-0-opensAt').fill('09:00')
    await page.locator('#hours-MO-0-closesAt').fill('17:00')
    await page.locator('#hours-SA-0-opensAt').fill('10:00')
    await page.locator('#hours-SA-0-closesAt').fill('12:30')
    await page.getByRole('button', { name: 'Save service' }).click()
    await poll(() => main(page).getByRole('status').first().innerText()).toContain('Saved. The public listing now shows these details.')
    expect(await page.locator('#service-errors').count()).toBe(0)

    // The public page shows it.
    await page.goto(`/providers/${mine.id}`)
    const a = article(page, service.id)
    expect(await a.locator('.capacity').innerText()).toContain(CAPACITY_WORDS[nextCapacity])
    const rows = await a.locator('table.hours tbody tr').allInnerTexts()
    expect(rows.find((r) => r.startsWith('Monday'))).toMatch(/9:00\sam to 5:00\spm/)
    expect(rows.find((r) => r.startsWith('Saturday'))).toMatch(/10:00\sam to 12:30\spm/)

    // And the change history says who changed what.
    await page.goto(`/providers/${mine.id}/edit`)
    const history = page.locator('section[aria-labelledby="history-heading"] tbody tr').first()
    const said = await history.innerText()
    expect(said).toContain('Tania Rāwiri')
    expect(said).toContain(`Service: ${service.name}`)
    expect(said).toContain(`Capacity: ${CAPACITY_WORDS[service.capacityStatus]} → ${CAPACITY_WORDS[nextCapacity]}`)
    expect(said).toContain('Opening hours')
    await screenshot(page, 'listing-editor')
    expect(problems).toEqual([])
  })

  it('c2. the provider administrator adds a service, and it shows on the public page', async () => {
    const { page, problems } = await open(PROVIDER_ADMIN)
    await page.goto(`/providers/${mine.id}/edit`)
    await page.getByRole('link', { name: 'Add a service' }).click()
    await page.waitForURL((url) => url.pathname === `/providers/${mine.id}/services/new`)
    // Nothing filled in: every problem at once.
    await page.getByRole('button', { name: 'Add service' }).click()
    await poll(() => page.locator('#service-errors li').count()).toBeGreaterThanOrEqual(3)
    expect(await page.locator('#name-error').innerText()).toBe('Enter a name')
    expect(await page.locator('#categoryCodes-group-error').innerText()).toBe('Choose at least one category')

    await page.getByLabel('Name', { exact: true }).fill('Kai Collective Evenings')
    await page.getByLabel('Description').fill('Evening meals and kai parcels for whānau, Wednesdays.')
    await page.getByLabel('Food', { exact: true }).check()
    await page.getByLabel('In person').check()
    await page.locator('#hours-WE-0-opensAt').fill('17:30')
    await page.locator('#hours-WE-0-closesAt').fill('19:30')
    await page.getByRole('button', { name: 'Add service' }).click()
    await page.waitForURL((url) => /\/services\/[0-9a-f-]{36}\/edit$/.test(url.pathname))
    expect(await main(page).getByRole('status').first().innerText()).toContain('Service added.')

    await page.goto(`/providers/${mine.id}`)
    const added = page.locator('article.service', { hasText: 'Kai Collective Evenings' })
    expect(await added.locator('.capacity').innerText()).toContain('Accepting referrals')
    expect((await added.locator('table.hours tbody tr').allInnerTexts()).find((r) => r.startsWith('Wednesday'))).toMatch(/5:30\spm to 7:30\spm/)
    expect(problems).toEqual([])
  })

  it('d. someone else saving first is explained, with a reload that shows their change', async () => {
    const { page, problems } = await open(PROVIDER_ADMIN)
    const before = await listing(PROVIDER_ADMIN, mine.id)
    const service = before.services.find((s) => s.status === 'ACTIVE') ?? before.services[0]!
    await page.goto(`/providers/${mine.id}/services/${service.id}/edit`)

    // Meanwhile a colleague saves the same service.
    const other = await apiSession(apiUrl, PROVIDER_ADMIN)
    await other.graphql(
      'mutation ($input: UpdateServiceListingInput!) { updateServiceListing(input: $input) { id } }',
      { input: { serviceId: service.id, expectedUpdatedAt: service.updatedAt, capacityStatus: 'ACCEPTING' } },
    )
    await other.close()

    await page.locator('#capacity-WAITLIST').check()
    await page.getByRole('button', { name: 'Save service' }).click()
    const notice = page.locator('.conflict')
    await poll(() => notice.count()).toBe(1)
    expect(await notice.innerText()).toContain('Someone else saved changes first')
    await page.getByRole('link', { name: 'Reload the latest version' }).click()
    await poll(() => page.locator('.conflict').count()).toBe(0)
    expect(await page.locator('#capacity-ACCEPTING').isChecked()).toBe(true)
    expect(problems).toEqual([])
  })

  it('d2. without JavaScript, the service editor shows what is stored, refuses a bad value and saves', async () => {
    const { page } = await open(PROVIDER_ADMIN, { javaScriptEnabled: false })
    const service = (await listing(PROVIDER_ADMIN, mine.id)).services.find((s) => s.status === 'ACTIVE') ?? mine.services[0]!
    await page.goto(`/providers/${mine.id}/services/${service.id}/edit`)
    // The server renders the stored text into every field, textareas included.
    expect(await page.locator('#name').inputValue()).toBe(service.name)
    expect((await page.locator('#description').inputValue()).length).toBeGreaterThan(0)
    await page.locator('#maximumAge').fill('5')
    await page.locator('#minimumAge').fill('18')
    await page.getByRole('button', { name: 'Save service' }).click()
    await page.waitForLoadState()
    expect(await page.locator('#maximumAge-error').innerText()).toBe('The oldest age must not be less than the youngest')
    // What was typed comes back in the page the server rendered.
    expect(await page.locator('#minimumAge').inputValue()).toBe('18')
    await page.locator('#maximumAge').fill('')
    await page.locator('#minimumAge').fill('')
    await page.locator('#capacity-NO_CAPACITY').check()
    await page.getByRole('button', { name: 'Save service' }).click()
    await page.waitForLoadState()
    expect(await main(page).innerText()).toContain('Saved. The public listing now shows these details.')
    expect((await listing(PROVIDER_ADMIN, mine.id)).services.find((s) => s.id === service.id)?.capacityStatus).toBe('NO_CAPACITY')
  })

  it('e. another provider’s staff cannot edit: the API’s refusal is shown as a 403', async () => {
    const { page } = await open(PROVIDER_ADMIN)
    await page.goto(`/providers/${theirs.id}`)
    expect(await page.getByRole('link', { name: 'Edit this listing' }).count()).toBe(0)
    expect(await main(page).locator('section.prompt').count()).toBe(0)
    const res = await page.goto(`/providers/${theirs.id}/edit`)
    expect(res?.status()).toBe(403)
    expect(await page.locator('h1').innerText()).toBe('You do not have access to this page')
    expect(await main(page).innerText()).toContain("Only your organisation's provider administrators and national administrators can edit this listing.")
    const service = await page.goto(`/providers/${theirs.id}/services/${theirs.services[0]!.id}/edit`)
    expect(service?.status()).toBe(403)

    const connector = await open(CONNECTOR)
    const own = await connector.page.goto(`/providers/${theirs.id}/edit`)
    // A community connector keeps no listing, not even their own organisation's.
    expect(own?.status()).toBe(403)
  })

  it('f. has no axe violations on the provider page, the editor, the service editor with errors and the new service form', async () => {
    const anonymous = await open(null, { bypassCSP: true, viewport: PHONE })
    await anonymous.page.goto(`/providers/${theirs.id}`)
    await expectNoAxeViolations(anonymous.page, 'the provider page on a phone')

    const admin = await open(PROVIDER_ADMIN, { bypassCSP: true })
    await admin.page.goto(`/providers/${mine.id}`)
    await expectNoAxeViolations(admin.page, 'the provider page as its staff')
    await admin.page.goto(`/providers/${mine.id}/edit`)
    await expectNoAxeViolations(admin.page, 'the listing editor')
    await admin.page.goto(`/providers/${mine.id}/services/${mine.services[0]!.id}/edit`)
    await expectNoAxeViolations(admin.page, 'the service editor')
    await admin.page.locator('#hours-TU-0-opensAt').fill('12:00')
    await admin.page.locator('#hours-TU-0-closesAt').fill('08:00')
    await admin.page.getByRole('button', { name: 'Save service' }).click()
    await poll(() => admin.page.locator('#service-errors').count()).toBe(1)
    await expectNoAxeViolations(admin.page, 'the service editor with errors')
    await admin.page.goto(`/providers/${mine.id}/services/new`)
    await expectNoAxeViolations(admin.page, 'the new service form')
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
