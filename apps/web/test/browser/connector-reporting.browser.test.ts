// A community connector's week in a real browser (issue 5, parts 3 and 4): the built web app
// against the real API (demo seed). They record interactions (notes with a phone number are
// flagged before anything is saved, and reworded), see the weekly report's status on the home
// page and the report page, see a record that holds back the export refuse Submit with the reason,
// and ask their discretionary fund for a food grant, which is refused with a directory suggestion.
// The demo seed has no fund, so the national administrator allocates one through GraphQL first.
// Last, the record holding back last week's export is reworded in the browser and Submit goes through.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  apiSession,
  buildWeb,
  expectNoAxeViolations,
  launchChromium,
  screenshot,
  signIn,
  startApi,
  startWeb,
  type Child,
} from './harness'

const CONNECTOR = 'connector@demo.example.nz'
const ADMIN = 'admin@demo.example.nz'
const WELLINGTON = '09'
const GIVEN = 'Huia'
const FAMILY = 'Te Wharau'

let apiUrl: string
let webUrl: string
let browser: Browser
let context: BrowserContext
let page: Page
const problems: string[] = []
const children: Child[] = []
let personId: string
let lastWeek: { week: string; monday: string }

const nzToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date())
const main = () => page.locator('main')
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 })

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url

  // A person the connector's organisation recorded, and the connector's fund.
  const connector = await apiSession(apiUrl, CONNECTOR)
  const { me } = await connector.graphql<{ me: { id: string } }>('{ me { id } }')
  // Living where the seeded directory has a food provider or Work and Income, so a refused food
  // grant has somewhere to suggest (the API looks in the person's district, then their region).
  let regionCode = WELLINGTON
  for (const categoryCode of ['food', 'benefit-payments']) {
    const { services } = await connector.graphql<{ services: { edges: { node: { status: string; locations: { region: { code: string } }[] } }[] } }>(
      'query ($c: String) { services(categoryCode: $c, first: 50) { edges { node { status locations { region { code } } } } } }',
      { c: categoryCode },
    )
    const found = services.edges.map((e) => e.node).find((n) => n.status === 'ACTIVE' && n.locations.length > 0)
    if (found) {
      regionCode = found.locations[0]!.region.code
      break
    }
  }
  const recorded = await connector.graphql<{ recordPerson: { id: string } }>(
    'mutation ($input: RecordPersonInput!) { recordPerson(input: $input) { id } }',
    { input: { givenName: GIVEN, familyName: FAMILY, regionCode } },
  )
  personId = recorded.recordPerson.id
  const status = await connector.graphql<{ weeklyReportStatus: { week: string; monday: string } }>('{ weeklyReportStatus { week monday } }')
  lastWeek = status.weeklyReportStatus
  const { myFund } = await connector.graphql<{ myFund: { balanceCents: number } | null }>('{ myFund { balanceCents } }')
  await connector.close()
  if (!myFund) {
    const admin = await apiSession(apiUrl, ADMIN)
    await admin.graphql('mutation ($input: AllocateFundInput!) { allocateFund(input: $input) { balanceCents } }', {
      input: { connectorId: me.id, amountCents: 50_000, note: 'Browser test allocation' },
    })
    await admin.close()
  }

  context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport: { width: 1200, height: 900 }, bypassCSP: true })
  page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await signIn(page, CONNECTOR)
  console.log(`[browser] connector reporting ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${apiUrl}, web ${webUrl}`)
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

async function fillInteraction(notes: string) {
  await page.getByLabel('Person or whānau').selectOption(personId)
  const needs = page.locator('input[name="needCategories"]')
  if (!(await needs.first().isChecked())) await needs.first().check()
  await page.getByLabel('Notes (optional)').fill(notes)
}

describe('connector: interactions, the weekly report and the discretionary fund', () => {
  it('records an interaction and sees the weekly report status, on the report page and at home', async () => {
    await page.goto('/')
    // The navigation offers the connector's pages.
    for (const name of ['Interactions', 'Weekly report', 'Fund']) {
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).count(), name).toBe(1)
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interactions' }).click()
    await page.waitForURL((url) => url.pathname === '/interactions')
    await expectNoAxeViolations(page, '/interactions (empty week)')
    await page.getByRole('link', { name: 'Record an interaction' }).click()
    await page.waitForURL((url) => url.pathname === '/interactions/new')
    await expectNoAxeViolations(page, '/interactions/new')

    await fillInteraction('Talked through budgeting support and a food bank referral.')
    await page.getByLabel('Outcome (optional)').selectOption('REFERRED')
    await screenshot(page, 'interaction-new')
    await page.getByRole('button', { name: 'Record interaction' }).click()
    await poll(() => main().getByRole('status').innerText()).toMatch(/Interaction recorded for the week \d{4}-W\d{2}\./)
    expect(await main().getByRole('status').innerText()).toContain('The notes will pass the de-identified export.')
    expect(await page.locator('#late-flag').count()).toBe(0)
    await expectNoAxeViolations(page, '/interactions/new after recording')

    // A record made after the day is kept and flagged.
    await page.goto('/interactions/new')
    await fillInteraction('Follow-up call about the power bill.')
    await page.getByLabel('When it happened (New Zealand time)').fill(`${lastWeek.monday}T10:00`)
    await page.getByRole('button', { name: 'Record interaction' }).click()
    await poll(() => page.locator('#late-flag').count()).toBe(1)
    expect(await page.locator('#late-flag').innerText()).toContain('Recorded after the day of the interaction')

    // The list shows the record with the person's name.
    await page.goto('/interactions')
    expect(await main().locator('tbody tr').count()).toBe(1)
    expect(await main().locator('tbody').innerText()).toContain(`${GIVEN} ${FAMILY}`)
    await expectNoAxeViolations(page, '/interactions')

    // The weekly report: this week in progress with the record counted, last week due or overdue.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Weekly report' }).click()
    await page.waitForURL((url) => url.pathname === '/reports/weekly')
    const thisWeek = await page.locator('#week-current').innerText()
    expect(thisWeek).toContain('In progress')
    expect(thisWeek).toContain('1 interactions')
    const last = await page.locator('#week-last').innerText()
    expect(last).toMatch(/\b(Due|Overdue)\b/)
    expect(last).toContain('1 interactions, 1 recorded after the day')
    // Last week's report is the one shown: its de-identified preview, downloads and dictionary.
    expect(await page.locator('#week-heading').innerText()).toMatch(/^Report for /)
    expect(await main().locator('table').first().innerText()).toContain('ageBand')
    const csv = await page.getByRole('link', { name: 'Download interactions (CSV)' }).getAttribute('href')
    const res = await page.request.get(csv!)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toContain('text/csv')
    const body = await res.text()
    expect(body.split('\n')[0]).toContain('ageBand')
    expect(body).not.toContain(GIVEN)
    await screenshot(page, 'weekly-report')
    await expectNoAxeViolations(page, '/reports/weekly')

    // Home shows what is due and overdue.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    const reports = await page.locator('section.reports').innerText()
    expect(reports).toMatch(/\b(Due|Overdue)\b/)
    expect(reports).toContain('In progress')
    await expectNoAxeViolations(page, '/ (connector home)')
    expect(problems).toEqual([])
  })

  it('flags notes with a phone number before saving, and a flagged record blocks the export and Submit until reworded', async () => {
    await page.goto('/interactions/new')
    await fillInteraction('Call her back on 021 555 0199 about the food parcel.')
    await page.getByRole('button', { name: 'Record interaction' }).click()
    await poll(() => page.locator('#notes-flag').count()).toBe(1)
    const flag = await page.locator('#notes-flag').innerText()
    expect(flag).toMatch(/phone number: 021 555 0199/)
    expect(flag).toContain('Reword the notes')
    expect(await page.getByLabel('Notes (optional)').getAttribute('aria-invalid')).toBe('true')
    await screenshot(page, 'interaction-notes-flagged')
    await expectNoAxeViolations(page, '/interactions/new with flagged notes')
    // Nothing was saved: still the one record this week.
    await page.goto('/interactions')
    expect(await main().locator('tbody tr').count()).toBe(1)

    // Reworded, it is recorded and passes.
    await page.goto('/interactions/new')
    await fillInteraction('Call back tomorrow about the food parcel.')
    await page.getByRole('button', { name: 'Record interaction' }).click()
    await poll(() => main().getByRole('status').innerText()).toContain('The notes will pass the de-identified export.')

    // A note another client saved with a phone number in it (the API keeps it, flagged) holds back
    // last week's export: the report lists it with the reason and a link to it, and Submit is refused.
    const connector = await apiSession(apiUrl, CONNECTOR)
    const wednesday = new Date(`${lastWeek.monday}T00:00:00Z`)
    wednesday.setUTCDate(wednesday.getUTCDate() + 2)
    const r = await connector.graphql<{ recordInteraction: { notesExportable: boolean; interaction: { id: string } } }>(
      'mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { notesExportable interaction { id } } }',
      { input: { personId, occurredAt: wednesday.toISOString(), method: 'PHONE', needCategories: ['food'], notes: 'Text her on 027 555 0123.' } },
    )
    await connector.close()
    expect(r.recordInteraction.notesExportable).toBe(false)

    await page.goto(`/reports/weekly?week=${lastWeek.week}`)
    const blocked = await page.locator('#blocked').innerText()
    expect(blocked).toContain('Records holding back the export')
    expect(blocked).toMatch(/phone number: 027 555 0123/)
    expect(await page.getByRole('link', { name: 'Download interactions (CSV)' }).count()).toBe(0)
    expect(await page.locator('#submit-reason').innerText()).toContain('cannot be submitted while records hold back the export')
    await page.getByRole('button', { name: `Submit the report for ${lastWeek.week}` }).click()
    await poll(() => page.locator('#submit-errors').count()).toBe(1)
    expect(await page.locator('#submit-errors').innerText()).toMatch(/contain personal information and must be reworded/)
    await screenshot(page, 'weekly-report-blocked')
    await expectNoAxeViolations(page, '/reports/weekly blocked')
    // The REST export refuses too, through the web's CSV link.
    const res = await page.request.get(`/reports/weekly/csv?week=${lastWeek.week}&table=interactions`)
    expect(res.status()).toBe(409)

    // The link goes to the record, marked as holding back the export.
    await page.locator('#blocked').getByRole('link', { name: 'See the record' }).click()
    await page.waitForURL((url) => url.pathname === '/interactions' && url.hash === `#interaction-${r.recordInteraction.interaction.id}`)
    expect(await page.locator(`#interaction-${r.recordInteraction.interaction.id}`).innerText()).toContain('Blocks the export')
    expect(problems).toEqual([])
  })

  it('refuses a food grant with the reason and a directory suggestion, and approves an allowed one', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Fund' }).click()
    await page.waitForURL((url) => url.pathname === '/fund')
    const before = await page.locator('#fund-balance').innerText()
    expect(before).toMatch(/^\$[\d,]+\.\d{2}$/)
    await expectNoAxeViolations(page, '/fund')

    const today = nzToday()
    const fill = async (category: string, amount: string) => {
      await page.getByLabel('Person or whānau').selectOption(personId)
      await page.getByLabel('Need', { exact: true }).selectOption(category)
      await page.getByLabel('Amount in dollars').fill(amount)
      await page.getByLabel('Checked with Work and Income').check()
      await page.getByLabel('"Check what you might get" done').check()
      await page.getByLabel('"Check what you might get" outcome').selectOption('NOT_ELIGIBLE')
      await page.getByLabel('Checked on').fill(today)
      await page.getByLabel('MSD case manager who confirmed').fill('Mere Tipene')
      await page.getByLabel('Confirmed on').fill(today)
    }
    await fill('FOOD', '80')
    await page.getByRole('button', { name: 'Request grant' }).click()
    await poll(() => page.locator('#grant-refused').count()).toBe(1)
    const refused = await page.locator('#grant-refused').innerText()
    expect(refused).toContain('Grant refused')
    expect(refused).toMatch(/food/i)
    const suggestions = page.locator('#grant-refused .suggestions a')
    expect(await suggestions.count(), refused).toBeGreaterThan(0)
    expect(await suggestions.first().getAttribute('href')).toMatch(/^\.?\/providers\/[0-9a-f-]{36}$/)
    expect(await page.getByRole('link', { name: 'Search the directory for food support' }).getAttribute('href')).toMatch(/^\.?\/directory\?category=food$/)
    expect(await page.locator('#fund-balance').innerText()).toBe(before)
    await screenshot(page, 'fund-food-refused')
    await expectNoAxeViolations(page, '/fund with a refusal')

    await fill('HOUSEHOLD_BEDDING', '120.50')
    await page.getByRole('button', { name: 'Request grant' }).click()
    await poll(() => main().getByRole('status').innerText()).toMatch(/Grant of \$120\.50 approved\. Balance now \$[\d,]+\.\d{2}\./)
    const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100)
    expect(cents(await page.locator('#fund-balance').innerText())).toBe(cents(before) - 12_050)
    expect(await main().locator('table').first().innerText()).toContain('Grant')
    // The form is ready for the next request: cleared, with the Work and Income basis chosen again.
    expect(await page.getByLabel('Amount in dollars').inputValue()).toBe('')
    expect(await page.getByLabel('Checked with Work and Income').isChecked()).toBe(true)
    await screenshot(page, 'fund-approved')
    expect(problems).toEqual([])
  })

  it("rewords the record holding back last week's export in the browser, and Submit becomes possible", async () => {
    // From the report's link to the blocked record, which offers a "Reword the notes" form with the reasons.
    await page.goto(`/reports/weekly?week=${lastWeek.week}`)
    await page.locator('#blocked').getByRole('link', { name: 'See the record' }).click()
    await page.waitForURL((url) => url.pathname === '/interactions' && url.hash.startsWith('#interaction-'))
    const row = page.locator(page.url().slice(page.url().indexOf('#')))
    expect(await row.innerText()).toMatch(/phone number: 027 555 0123/)
    const notes = row.getByLabel('Reworded notes')
    expect(await notes.inputValue()).toBe('Text her on 027 555 0123.')
    await expectNoAxeViolations(page, '/interactions with a record to reword')

    // Still holding a number: saved, still flagged, the reason shown again.
    await notes.fill('Text her on 027 555 0124 instead.')
    await row.getByRole('button', { name: 'Reword the notes' }).click()
    await poll(() => page.locator('#reword-status').innerText()).toContain('still hold back the export')
    expect(await page.locator('#reword-status').innerText()).toMatch(/phone number: 027 555 0124/)

    await row.getByLabel('Reworded notes').fill('Texted her about the food parcel; she will reply when she can.')
    await row.getByRole('button', { name: 'Reword the notes' }).click()
    await poll(() => page.locator('#reword-status').innerText()).toContain('Notes reworded. The record no longer holds back the export.')
    expect(await row.innerText()).not.toContain('Blocks the export')
    expect(await row.getByRole('button', { name: 'Reword the notes' }).count()).toBe(0)
    expect(await row.innerText()).toContain('Texted her about the food parcel')
    await screenshot(page, 'interaction-reworded')
    await expectNoAxeViolations(page, '/interactions after rewording')

    // The export unblocks: no blocked list, the CSV downloads, and Submit goes through.
    await page.goto(`/reports/weekly?week=${lastWeek.week}`)
    expect(await page.locator('#blocked').count()).toBe(0)
    expect(await page.locator('#submit-reason').count()).toBe(0)
    const res = await page.request.get(`/reports/weekly/csv?week=${lastWeek.week}&table=interactions`)
    expect(res.status()).toBe(200)
    const body = await res.text()
    expect(body).toContain('Texted her about the food parcel')
    expect(body).not.toMatch(/027 555|Huia|Te Wharau/)
    await page.getByRole('button', { name: `Submit the report for ${lastWeek.week}` }).click()
    await poll(() => main().getByText(`Report for ${lastWeek.week} submitted.`).count()).toBe(1)
    expect(await page.locator('#submit-errors').count()).toBe(0)
    expect(problems).toEqual([])
  })
})
