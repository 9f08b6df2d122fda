// A warm referral end to end in a real browser: the built web app against the real API (demo seed,
// outbox worker every 200 ms). The connector records a person, takes their consent and sends; the
// provider's intake worker accepts and tries three times to reach the person (minutes apart: not yet the
// guideline's 12 hours, so no escalation); the connector withdraws consent and the provider stops seeing the details.
// Which service to refer to comes from the API (the intake worker's organisation's services and
// the routing check), so the test follows the seed rather than copying it.
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
const INTAKE = 'intake@demo.example.nz'
const WELLINGTON = '09'
const PHONE = '021 555 0199'
const WITHDRAWN_REASON = 'The person has withdrawn their consent to share this.'

let apiUrl: string
let webUrl: string
let browser: Browser
const children: Child[] = []

interface Service {
  id: string
  name: string
  status: string
  capacityStatus: string
  organisation: { id: string; name: string }
  categories: { code: string }[]
  locations: { region: { code: string } }[]
}
/** The intake worker's organisation's services, those most likely to pass routing first. */
let candidates: Service[]

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url

  const intake = await apiSession(apiUrl, INTAKE)
  const me = await intake.graphql<{ me: { memberships: { role: string; organisation: { id: string } }[] } }>(
    '{ me { memberships { role organisation { id } } } }',
  )
  await intake.close()
  const organisationId = me.me.memberships.find((m) => m.role === 'PROVIDER_INTAKE')?.organisation.id
  expect(organisationId, 'the demo intake worker belongs to a provider').toBeTruthy()
  const connector = await apiSession(apiUrl, CONNECTOR)
  const { services } = await connector.graphql<{ services: { edges: { node: Service }[] } }>(
    `query ($o: ID) { services(organisationId: $o, first: 50) { edges { node {
       id name status capacityStatus organisation { id name } categories { code } locations { region { code } } } } } }`,
    { o: organisationId },
  )
  await connector.close()
  const score = (s: Service) =>
    (s.status === 'ACTIVE' ? 0 : 4) + (s.capacityStatus === 'NO_CAPACITY' ? 2 : 0) + (s.locations.some((l) => l.region.code === WELLINGTON) ? 0 : 1)
  candidates = services.edges.map((e) => e.node).sort((a, b) => score(a) - score(b))
  expect(candidates.length, 'the intake provider lists services').toBeGreaterThan(0)
  console.log(`[browser] referrals ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${apiUrl}, web ${webUrl}`)
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

async function session(email: string, options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<Session> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport: { width: 1200, height: 900 }, ...options })
  const page = await context.newPage()
  // CSP violations and script errors; a flow that "works" with them is broken for someone.
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await signIn(page, email)
  return { context, page, problems }
}

/** The routing check as the connector: which candidate service can take this person. */
async function passingService(personId: string): Promise<Service> {
  const connector = await apiSession(apiUrl, CONNECTOR)
  try {
    for (const service of candidates) {
      const { routingCheck } = await connector.graphql<{ routingCheck: { allowed: boolean } }>(
        'query ($s: ID!, $p: ID!) { routingCheck(serviceId: $s, personId: $p) { allowed } }',
        { s: service.id, p: personId },
      )
      if (routingCheck.allowed) return service
    }
  } finally {
    await connector.close()
  }
  throw new Error(`no service of the intake provider passes the routing check for a person in region ${WELLINGTON}`)
}

const main = (page: Page) => page.locator('main')
/** Waits for what a form action and the reload after it show; a busy machine can take seconds. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 })

describe('warm referral: send, accept, contact attempts, consent withdrawal', () => {
  let connector: Session
  let intake: Session
  let referralId: string
  let reference: string
  let referUrl: string
  let sendUrl: string

  afterAll(async () => {
    await connector?.context.close()
    await intake?.context.close()
  })

  it('a. the connector refers a new person from the directory, consent first, and sees the reference', async () => {
    connector = await session(CONNECTOR)
    const { page } = connector
    const first = candidates[0]!

    // The directory offers Refer on each service to someone who may send referrals.
    await page.goto(`/directory?region=${WELLINGTON}&category=${first.categories[0]?.code ?? ''}`)
    // One result per place the service is offered: any of its Refer links will do.
    const refer = page.getByRole('link', { name: `Refer someone to ${first.name}` }).first()
    await refer.click()
    await page.waitForURL((url) => url.pathname === '/referrals/new' && url.searchParams.get('serviceId') === first.id)
    expect(await page.locator('h1').innerText()).toBe(`Refer someone to ${first.name}`)

    // Step 1: record a new person, every field found by its label.
    await page.getByLabel('Given name').fill('Hine')
    await page.getByLabel('Family name (optional)').fill('Tāwhiri')
    await page.getByLabel('Phone (optional)').fill(PHONE)
    await page.getByLabel('Region they live in').selectOption(WELLINGTON)
    await page.getByLabel('What they need (optional)').fill('Help with a budget and a power bill in arrears.')
    await screenshot(page, 'refer-person')
    await page.getByRole('button', { name: 'Record this person' }).click()
    await page.waitForURL((url) => url.searchParams.has('personId'))
    const personId = new URL(page.url()).searchParams.get('personId')!

    // The routing check is server-rendered as soon as the person is known.
    const service = await passingService(personId)
    if (service.id !== first.id) {
      await page.goto(`/referrals/new?serviceId=${service.id}&organisationId=${service.organisation.id}&personId=${personId}`)
    }
    referUrl = page.url()
    await poll(() => main(page).getByRole('status').filter({ hasText: 'This provider can take this referral.' }).count()).toBe(1)

    // Step 2: consent, in words the connector can read aloud, naming the provider and service.
    const script = await page.locator('blockquote.script').innerText()
    expect(script).toContain(service.organisation.name)
    expect(script).toContain(service.name)
    expect(script).toMatch(/You can change your mind at any time/)
    await page.getByLabel('Contact details (phone, email and address)').check()
    await page.getByLabel('A summary of what they need').check()
    await page.getByLabel('Verbal: they said yes, in person or by phone').check()
    await page.getByLabel(`Hine agreed to share this with ${service.organisation.name}`).check()
    await screenshot(page, 'refer-consent')
    await page.getByRole('button', { name: 'Record consent' }).click()
    await page.waitForURL((url) => url.searchParams.has('consentId'))
    sendUrl = page.url()

    // Step 3: send; the answer gives the reference and the respond-by time in NZ time.
    expect(await main(page).innerText()).toContain('Consent recorded')
    await page.getByRole('button', { name: 'Send referral' }).click()
    await poll(() => page.locator('#sent-heading').count()).toBe(1)
    const confirmation = await page.locator('.confirmation').innerText()
    reference = /R-\d{2}-\d{5}/.exec(confirmation)?.[0] ?? ''
    expect(reference, confirmation).not.toBe('')
    expect(confirmation).toMatch(new RegExp(`${service.organisation.name} will accept or decline it by \\w{3}, \\d{1,2} \\w{3}`))
    const open = page.getByRole('link', { name: `Open referral ${reference}` })
    referralId = (await open.getAttribute('href'))!.split('/').pop()!
    await screenshot(page, 'refer-sent')
    expect(connector.problems).toEqual([])
  })

  it('a2. a double submit of one rendered Refer form sends one referral', async () => {
    const { page } = connector
    // Without the #send fragment: the page is at sendUrl already, and a fragment alone would not reload it.
    const url = sendUrl.split('#')[0]!
    await page.goto(url)
    const fields = Object.fromEntries(
      await page.locator('form[action^="?/send"] input[type="hidden"]').evaluateAll((inputs) =>
        inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]),
      ),
    ) as Record<string, string>
    const body = new URLSearchParams({ ...fields, priority: 'ROUTINE' })
    body.append('sharedInformationKinds', 'CONTACT_DETAILS')
    // As a browser sends a form twice without JavaScript: same body, same idempotency key.
    const submit = () =>
      page.request.post(url.replace('/referrals/new?', '/referrals/new?/send&'), {
        headers: { origin: webUrl, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        data: body.toString(),
      })
    const firstHtml = await (await submit()).text()
    const secondHtml = await (await submit()).text()
    const first = /R-\d{2}-\d{5}/.exec(firstHtml)?.[0]
    expect(first, 'the first submit sends').toBeTruthy()
    expect(first).not.toBe(reference)
    expect(/R-\d{2}-\d{5}/.exec(secondHtml)?.[0]).toBe(first)
    expect(secondHtml).toContain('nothing was sent twice')
  })

  it('b. the intake worker sees it first in the inbox, opens it, sees the phone number and accepts', async () => {
    intake = await session(INTAKE)
    const { page } = intake
    // The outbox worker tells the provider: the unread count shows in the navigation.
    await poll(async () => {
      await page.goto('/referrals')
      return page.locator('header nav').innerText()
    }).toMatch(/Notifications\s*\d+\s*\d+ unread/)

    const waiting = page.locator('section[aria-labelledby="waiting-heading"]')
    const row = waiting.locator('tbody tr', { hasText: reference })
    expect(await row.count()).toBe(1)
    expect(await row.locator('td').nth(4).innerText()).toMatch(/On time|Due soon|Overdue/)
    await screenshot(page, 'inbox')

    await row.getByRole('link', { name: reference }).click()
    await page.waitForURL((url) => url.pathname === `/referrals/${referralId}`)
    expect(await page.locator('h1').innerText()).toBe(`Referral ${reference}`)
    expect(await page.locator('#person-phone').innerText()).toBe(PHONE)
    expect(await page.locator('#person-givenName').innerText()).toBe('Hine')
    // Not shared: children and care (the date of birth) says why, never blank.
    expect(await page.locator('#person-dateOfBirth').innerText()).toMatch(/^Withheld — /)

    await page.getByRole('button', { name: 'Accept referral' }).click()
    await poll(() => main(page).getByRole('status').first().innerText()).toContain('Referral accepted')
    expect(await page.locator('.lede .status').innerText()).toBe('Accepted')
    expect(intake.problems).toEqual([])
  })

  it('c. three unanswered attempts minutes apart do not escalate; the page says when they will count', async () => {
    // Guidelines, Service Agreements: "three attempts over 12-hour period" before the Regional Lead
    // (issue 15). Three attempts in a few minutes are not that; escalation after 12 hours is
    // tested in packages/services (clock set) and in escalations.browser.test.ts.
    const { page } = intake
    for (const n of [1, 2, 3]) {
      await page.getByLabel('Result').selectOption({ label: 'No answer' })
      await page.getByRole('button', { name: 'Record attempt' }).click()
      await poll(() => page.locator('#attempts-heading ~ [role="status"]').innerText()).toContain(`Attempt ${n} recorded.`)
    }
    const said = await page.locator('#attempts-heading ~ [role="status"]').innerText()
    expect(said).not.toContain('Escalated to the Regional Lead.')
    const section = await page.locator('section[aria-labelledby="attempts-heading"]').innerText()
    expect(section).toContain('Escalation to the Regional Lead possible from')
    expect(await page.locator('section[aria-labelledby="attempts-heading"] tbody tr').count()).toBe(3)
    const timeline = await page.locator('ol.timeline > li strong').allInnerTexts()
    expect(timeline).toEqual(['Sent', 'Accepted', 'Contact attempt recorded', 'Contact attempt recorded', 'Contact attempt recorded'])
    await screenshot(page, 'detail-attempts')
    expect(intake.problems).toEqual([])
  })

  it('d. the connector withdraws consent (without JavaScript) and the provider sees "Withheld"', async () => {
    const noJs = await session(CONNECTOR, { javaScriptEnabled: false })
    const { page } = noJs
    // A connector also receives referrals (the CCS path): the list opens on the inbox, so ask for the outbox.
    await page.goto('/referrals?box=OUTBOX')
    await screenshot(page, 'outbox')
    await page.locator('tbody tr', { hasText: reference }).getByRole('link', { name: reference }).click()
    await page.waitForURL((url) => url.pathname === `/referrals/${referralId}`)
    // The sender sees its own record in full.
    expect(await page.locator('#person-phone').innerText()).toBe(PHONE)
    await page.getByLabel(/Hine Tāwhiri has withdrawn their consent\. I understand/).check()
    await page.getByRole('button', { name: 'Withdraw consent' }).click()
    await page.waitForLoadState()
    expect(await main(page).innerText()).toContain('Consent withdrawn.')
    await noJs.context.close()

    await intake.page.reload()
    expect(await intake.page.locator('#person-phone').innerText()).toBe(`Withheld — ${WITHDRAWN_REASON}`)
    expect(await intake.page.locator('#person-givenName').innerText()).toBe(`Withheld — ${WITHDRAWN_REASON}`)
    expect(await main(intake.page).innerText()).toMatch(/The person withdrew their consent/)
    await screenshot(intake.page, 'detail-withdrawn')
    expect(intake.problems).toEqual([])
  })

  it('e. has no axe violations on the Refer form, the inbox and the referral', async () => {
    // bypassCSP only so axe can be injected; the flows above ran under the real policy.
    const sender = await session(CONNECTOR, { bypassCSP: true })
    await sender.page.goto(referUrl.replace(/&consentId=[^&#]*/, ''))
    await expectNoAxeViolations(sender.page, 'the Refer form at the consent step')
    await sender.page.getByRole('button', { name: 'Record consent' }).click()
    await poll(() => sender.page.locator('#consent-errors').count()).toBe(1)
    // Errors are tied to their fields.
    expect(await sender.page.locator('#agreed').getAttribute('aria-describedby')).toBe('agreed-error')
    await expectNoAxeViolations(sender.page, 'the Refer form with errors')
    await sender.page.goto(referUrl.replace(/&personId=[^&#]*/, ''))
    await expectNoAxeViolations(sender.page, 'the Refer form at the person step')
    await sender.context.close()

    const responder = await session(INTAKE, { bypassCSP: true })
    await responder.page.goto('/referrals')
    await expectNoAxeViolations(responder.page, 'the inbox')
    await responder.page.goto(`/referrals/${referralId}`)
    await expectNoAxeViolations(responder.page, 'the referral')
    await responder.page.goto('/notifications')
    await expectNoAxeViolations(responder.page, 'notifications')
    await screenshot(responder.page, 'notifications')
    await responder.context.close()
  })
})
