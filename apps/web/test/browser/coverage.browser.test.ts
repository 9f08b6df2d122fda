// The coverage dashboard in a real browser (issue 5, part 2): the built web app against the real
// API (demo seed). The Wellington regional commissioner sees the map of all 16 regions coloured by
// the national aggregates (as a national administrator sees them), with their own in detail and
// the others leading to the directory, drills into Wellington's territorial authorities, follows a gap to the directory
// search that shows it and downloads a table as CSV; a national administrator sees the nation as
// aggregates and drills into a region. axe runs on every view.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSession, buildWeb, expectNoAxeViolations, launchChromium, screenshot, signIn, startApi, startWeb, type Child } from './harness'

const COMMISSIONER = 'commissioner@demo.example.nz'
const ADMIN = 'admin@demo.example.nz'
const CONNECTOR = 'connector@demo.example.nz'
const INTAKE = 'intake@demo.example.nz'

let webUrl: string
let browser: Browser
const contexts: BrowserContext[] = []
const problems: string[] = []
const children: Child[] = []

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: webUrl,
    locale: 'en-NZ',
    timezoneId: 'Pacific/Auckland',
    viewport: { width: 1200, height: 900 },
    bypassCSP: true,
    acceptDownloads: true,
  })
  contexts.push(context)
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return page
}

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  const web = await startWeb(api.url)
  children.push(web.child)
  webUrl = web.url
  await sendAReferral(api.url)
  console.log(`[browser] coverage ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${api.url}, web ${webUrl}`)
})

afterAll(async () => {
  for (const c of contexts) await c.close()
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

/**
 * The demo seed has no referrals: the connector refers a person in Wellington to the intake
 * worker's provider (the first service that passes routing) and the intake worker accepts, so the
 * charts have a week to draw.
 */
async function sendAReferral(apiUrl: string) {
  const intake = await apiSession(apiUrl, INTAKE)
  const me = await intake.graphql<{ me: { memberships: { role: string; organisation: { id: string } }[] } }>(
    '{ me { memberships { role organisation { id } } } }',
  )
  const organisationId = me.me.memberships.find((m) => m.role === 'PROVIDER_INTAKE')?.organisation.id
  expect(organisationId, 'the demo intake worker belongs to a provider').toBeTruthy()
  const connector = await apiSession(apiUrl, CONNECTOR)
  const { services } = await connector.graphql<{ services: { edges: { node: { id: string; status: string } }[] } }>(
    'query ($o: ID) { services(organisationId: $o, first: 50) { edges { node { id status } } } }',
    { o: organisationId },
  )
  const { recordPerson } = await connector.graphql<{ recordPerson: { id: string } }>(
    'mutation ($i: RecordPersonInput!) { recordPerson(input: $i) { id } }',
    { i: { givenName: 'Mere', regionCode: '09' } },
  )
  let serviceId: string | null = null
  for (const s of services.edges.map((e) => e.node).filter((n) => n.status === 'ACTIVE')) {
    const { routingCheck } = await connector.graphql<{ routingCheck: { allowed: boolean } }>(
      'query ($s: ID!, $p: ID!) { routingCheck(serviceId: $s, personId: $p) { allowed } }',
      { s: s.id, p: recordPerson.id },
    )
    if (routingCheck.allowed) {
      serviceId = s.id
      break
    }
  }
  expect(serviceId, 'a service of the intake provider passes routing for a person in Wellington').toBeTruthy()
  const { grantConsent } = await connector.graphql<{ grantConsent: { id: string } }>(
    'mutation ($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
    {
      i: {
        personId: recordPerson.id,
        purpose: 'Referral for whānau support',
        informationKinds: ['CONTACT_DETAILS'],
        recipientOrganisationIds: [organisationId],
        method: 'VERBAL',
        givenAt: new Date().toISOString(),
      },
    },
  )
  const { sendReferral } = await connector.graphql<{ sendReferral: { id: string } }>(
    'mutation ($i: SendReferralInput!) { sendReferral(input: $i) { id } }',
    { i: { personId: recordPerson.id, consentId: grantConsent.id, serviceId, sharedInformationKinds: ['CONTACT_DETAILS'] } },
  )
  await connector.close()
  await intake.graphql('mutation ($i: ReferralStepInput!) { acceptReferral(input: $i) { status } }', { i: { referralId: sendReferral.id } })
  await intake.close()
}

describe('the coverage dashboard', () => {
  it('a Wellington commissioner: the map of 16 regions, Wellington drilled in, gaps to the directory, a CSV', async () => {
    const page = await newPage()
    await signIn(page, COMMISSIONER)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage' }).click()
    await page.waitForURL((url) => url.pathname === '/coverage')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Coverage: Wellington')

    const map = page.getByTestId('coverage-map')
    await expect.poll(() => map.locator('a.region').count()).toBe(16)
    // Every region is a link named with its national aggregate value: Wellington drills in, the
    // other 15 open the directory for that region. None is hatched as outside the view.
    const names = await map.locator('a.region title').allTextContents()
    expect(names.filter((n) => n.startsWith('Wellington:') && /Show its territorial authorities/.test(n))).toHaveLength(1)
    expect(names.filter((n) => n.endsWith('. Open it in the directory'))).toHaveLength(15)
    expect(names.filter((n) => n.includes('outside your region'))).toHaveLength(0)
    expect(await map.locator('a.region path.outside').count()).toBe(0)
    expect(await map.locator('a.region[data-region="02"]').getAttribute('href')).toBe('/directory?region=02')
    expect(await map.locator('a.region[data-region="09"]').getAttribute('href')).toBe('/coverage#districts')
    expect(await page.getByTestId('coverage-scope').innerText()).toContain('Showing Wellington in detail')
    // The national regions table, with the same links as the map.
    const regionsTable = page.getByTestId('regions-table')
    expect(await regionsTable.locator('tbody tr').count()).toBe(16)
    expect(await regionsTable.locator('tr[data-region="02"] a').getAttribute('href')).toBe('/directory?region=02')
    expect(await regionsTable.locator('tr[data-region="09"] a').getAttribute('href')).toBe('/coverage#districts')
    // The values are the nation's aggregates: exactly what a national administrator sees.
    const admin = await newPage()
    await signIn(admin, ADMIN)
    for (const measure of ['services', 'gaps', 'volume']) {
      await page.goto(`/coverage?measure=${measure}`)
      await admin.goto(`/coverage?measure=${measure}`)
      const mine = await regionsTable.locator('tbody tr').allInnerTexts()
      const theirs = await admin.getByTestId('regions-table').locator('tbody tr').allInnerTexts()
      expect(mine, measure).toEqual(theirs)
      expect(await map.locator('a.region').evaluateAll((as) => as.map((a) => a.getAttribute('data-shade')))).toEqual(
        await admin.getByTestId('coverage-map').locator('a.region').evaluateAll((as) => as.map((a) => a.getAttribute('data-shade'))),
      )
    }
    // One referral nationally (Wellington's): suppressed as "<5" in the national view, as for a
    // national administrator.
    expect(await regionsTable.innerText()).toMatch(/Wellington\s+(≥0|No data)/)
    // Services: regions other than Wellington carry their national value on the map too.
    await page.goto('/coverage')
    const valued = await regionsTable.locator('tbody tr:not([data-region="09"]) td').allInnerTexts()
    expect(valued.filter((v) => /^[1-9]\d*$/.test(v)).length).toBeGreaterThan(0)
    expect(await map.locator('a.region:not([data-region="09"])[data-shade]:not([data-shade="0"])').count()).toBeGreaterThan(0)
    // This week's referral (accepted at once, within the SLA) in both charts and the table.
    expect(await page.getByTestId('volume-chart').isVisible()).toBe(true)
    expect(await page.getByTestId('sla-chart').getAttribute('aria-labelledby')).toBe('sla-chart-title sla-chart-desc')
    expect(await page.locator('#sla-chart-desc').textContent()).toMatch(/100%/)
    const trendRows = await page.getByTestId('trend-table').locator('tbody tr').allTextContents()
    expect(trendRows.length).toBeGreaterThan(0)
    await expectNoAxeViolations(page, '/coverage as the Wellington commissioner')
    await screenshot(page, 'coverage-commissioner')

    // A click on Wellington drills into its territorial authorities (a table: we have no TA shapes).
    await map.locator('a.region[data-region="09"]').click()
    await page.waitForURL((url) => url.hash === '#districts')
    const tas = page.getByTestId('ta-table')
    expect(await page.getByRole('heading', { name: 'Territorial authorities in Wellington' }).isVisible()).toBe(true)
    const taNames = await tas.locator('tbody th').allInnerTexts()
    expect(taNames).toEqual(expect.arrayContaining(['Wellington City', 'Kāpiti Coast District']))
    expect(await page.getByText('We have no outlines for territorial authorities').isVisible()).toBe(true)

    // Keyboard: Tab to Wellington and Enter drills in the same way, with another measure.
    await page.goto('/coverage?measure=gaps')
    await map.locator('a.region[data-region="09"]').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.hash === '#districts' && url.searchParams.get('measure') === 'gaps')
    expect(await tas.locator('tbody tr').count()).toBe(taNames.length)
    await expectNoAxeViolations(page, '/coverage?measure=gaps')

    // The gap list says each gap in words and links to the directory search that shows it.
    const firstGap = page.getByTestId('gap-list').getByRole('link').first()
    const sentence = await firstGap.innerText()
    expect(sentence).toMatch(/^No accredited .+ service in .+/)
    const href = (await firstGap.getAttribute('href'))!
    expect(href).toMatch(/^\/directory\?category=[a-z0-9-]+&ta=\d{3}$/)
    await firstGap.click()
    await page.waitForURL((url) => url.pathname === '/directory')
    const url = new URL(page.url())
    expect(url.searchParams.get('ta')).toMatch(/^\d{3}$/)
    expect(url.searchParams.get('category')).toBeTruthy()

    // Every table downloads as CSV through the web app, with the commissioner's session.
    await page.goto('/coverage')
    const links = page.getByTestId('downloads').getByRole('link')
    expect(await links.count()).toBe(7)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-csv="gaps"]').click()])
    expect(download.suggestedFilename()).toMatch(/^coverage-gaps-region\.csv$/)
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const lines = readFileSync(path, 'utf8').trimEnd().split('\r\n')
    expect(lines[0]).toMatch(/^regionCode,regionName,territorialAuthorityCode/)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines.slice(1)) expect(line.startsWith('09,')).toBe(true)
    // The trend CSV is written by the web app from GraphQL.
    const trend = await page.request.get('/coverage/csv?table=trend')
    expect(trend.status()).toBe(200)
    expect((await trend.text()).split('\r\n')[0]).toBe('start,sent,acceptedWithinSla,due,slaPercent')
    expect(problems).toEqual([])
  })

  it('a national administrator sees the nation as aggregates and drills into a region', async () => {
    const page = await newPage()
    await signIn(page, ADMIN)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage' }).click()
    await page.waitForURL((url) => url.pathname === '/coverage')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Coverage')
    expect(await page.getByTestId('coverage-scope').innerText()).toContain('The whole country as aggregates')
    const map = page.getByTestId('coverage-map')
    expect(await map.locator('a.region').count()).toBe(16)
    const names = await map.locator('a.region title').allTextContents()
    expect(names.filter((n) => n.includes('outside your region'))).toHaveLength(0)
    expect(await page.getByTestId('regions-table').locator('tbody tr').count()).toBe(16)
    expect(await page.getByTestId('ta-table').count()).toBe(0)
    // The seeded gaps: West Coast has no accredited family violence service.
    await page.goto('/coverage?category=family-violence&measure=gaps')
    expect(await page.locator('section[aria-labelledby="gaps-heading"]').textContent()).toContain('No accredited family violence service in Buller District')
    await expectNoAxeViolations(page, '/coverage as a national administrator')
    await screenshot(page, 'coverage-national')

    await map.locator('a.region[data-region="09"]').click()
    await page.waitForURL((url) => url.searchParams.get('region') === '09')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Coverage: Wellington')
    expect(await page.getByTestId('ta-table').locator('tbody th').allInnerTexts()).toEqual(expect.arrayContaining(['Wellington City']))
    expect(await page.locator('a[data-csv="details"]').count()).toBe(1)
    await expectNoAxeViolations(page, '/coverage?region=09 as a national administrator')
    for (const measure of ['volume', 'sla']) {
      await page.goto(`/coverage?measure=${measure}`)
      expect(await map.locator('a.region').count()).toBe(16)
      // One referral nationally: suppressed as "<5", so the region's volume is shown as at least 0.
      expect(await page.getByTestId('regions-table').innerText()).toMatch(/Wellington\s+(≥0|No data)/)
      await expectNoAxeViolations(page, `/coverage?measure=${measure}`)
    }
    expect(problems).toEqual([])
  })
})
