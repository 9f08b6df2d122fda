// The guidelines' main path in a real browser (issue 15, done-when 1; Guidelines 3-5): MSD triage
// finds the Wellington Community Connection Service in one click and refers a whānau to it; the
// connector there finds it in the inbox, accepts, records a contact attempt and refers onward to a
// provider; the provider's intake worker accepts; triage sees the whole chain on its referral
// (statuses and organisations, no personal detail of the onward referral beyond its own).
// The person and their consent (naming the CCS and the onward provider, as the onward rule needs)
// are recorded over the API as triage: the web's consent step names one recipient today.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSession, buildWeb, launchChromium, screenshot, signIn, startApi, startWeb, type Child } from './harness'

const TRIAGE = 'triage@demo.example.nz'
const CONNECTOR = 'connector@demo.example.nz'
const INTAKE = 'intake@demo.example.nz'
const WELLINGTON = '09'
const PHONE = '021 555 0315'

let apiUrl: string
let browser: Browser
let webUrl: string
const children: Child[] = []

interface Service {
  id: string
  name: string
  status: string
  organisation: { id: string; name: string }
  categories: { code: string }[]
}
let ccs: Service
let ccsOrg: { id: string; name: string }
let intakeOrg: { id: string; name: string }
let intakeServices: Service[]
let personId: string
let consentId: string

async function orgOf(email: string, role: string) {
  const s = await apiSession(apiUrl, email)
  const me = await s.graphql<{ me: { memberships: { role: string; organisation: { id: string; name: string } }[] } }>(
    '{ me { memberships { role organisation { id name } } } }',
  )
  await s.close()
  return me.me.memberships.find((m) => m.role === role)!.organisation
}

async function servicesOf(organisationId: string): Promise<Service[]> {
  const s = await apiSession(apiUrl, TRIAGE)
  const { services } = await s.graphql<{ services: { edges: { node: Service }[] } }>(
    `query ($o: ID) { services(organisationId: $o, first: 50) { edges { node { id name status organisation { id name } categories { code } } } } }`,
    { o: organisationId },
  )
  await s.close()
  return services.edges.map((e) => e.node)
}

beforeAll(async () => {
  browser = await launchChromium()
  const [api] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url

  ccsOrg = await orgOf(CONNECTOR, 'COMMUNITY_CONNECTOR')
  intakeOrg = await orgOf(INTAKE, 'PROVIDER_INTAKE')
  ccs = (await servicesOf(ccsOrg.id)).find((s) => s.status === 'ACTIVE' && s.categories.some((c) => c.code === 'community-connection'))!
  expect(ccs, 'the demo connector’s provider hosts the Community Connection Service').toBeTruthy()
  intakeServices = (await servicesOf(intakeOrg.id)).filter((s) => s.status === 'ACTIVE')

  // Triage records the whānau and their consent to share with the CCS and the provider it may refer them to.
  const triage = await apiSession(apiUrl, TRIAGE)
  const person = await triage.graphql<{ recordPerson: { id: string } }>(
    'mutation ($i: RecordPersonInput!) { recordPerson(input: $i) { id } }',
    { i: { givenName: 'Mereana', familyName: 'Kōtuku', phone: PHONE, regionCode: WELLINGTON, needsSummary: 'Kai and a power bill.' } },
  )
  personId = person.recordPerson.id
  const consent = await triage.graphql<{ grantConsent: { id: string } }>(
    'mutation ($i: GrantConsentInput!) { grantConsent(input: $i) { id } }',
    {
      i: {
        personId,
        purpose: 'Referral to the Community Connection Service and the local providers it connects the whānau to',
        informationKinds: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'],
        recipientOrganisationIds: [ccsOrg.id, intakeOrg.id],
        method: 'VERBAL',
        givenAt: new Date(Date.now() - 60_000).toISOString(),
      },
    },
  )
  consentId = consent.grantConsent.id
  await triage.close()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

interface Session {
  context: BrowserContext
  page: Page
  problems: string[]
}
async function session(email: string): Promise<Session> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport: { width: 1200, height: 900 } })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  await signIn(page, email)
  return { context, page, problems }
}
const main = (page: Page) => page.locator('main')
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 })

describe('triage -> Community Connection Service -> provider', () => {
  const sessions: Session[] = []
  let firstId = ''
  let reference = ''
  let onwardId = ''

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close()))
  })

  it('a. triage finds the Wellington CCS in one click and refers the whānau to it', async () => {
    const triage = await session(TRIAGE)
    sessions.push(triage)
    const { page } = triage
    await page.goto('/directory')
    await page.locator('#ccs-region').selectOption(WELLINGTON)
    await page.getByRole('button', { name: 'Find the Community Connection Service' }).click()
    await page.waitForURL((url) => url.searchParams.get('category') === 'community-connection' && url.searchParams.get('region') === WELLINGTON)
    const refer = page.getByRole('link', { name: `Refer someone to ${ccs.name}` }).first()
    await poll(() => refer.count()).toBeGreaterThan(0)
    await screenshot(page, 'ccs-directory')
    await refer.click()
    await page.waitForURL((url) => url.pathname === '/referrals/new' && url.searchParams.get('serviceId') === ccs.id)
    // The whānau and their consent were recorded already: the form opens at the send step.
    await page.goto(`${page.url()}&personId=${personId}&consentId=${consentId}`)
    await poll(() => main(page).getByRole('status').filter({ hasText: 'This provider can take this referral.' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Send referral' }).click()
    await poll(() => page.locator('#sent-heading').count()).toBe(1)
    const confirmation = await page.locator('.confirmation').innerText()
    reference = /R-\d{2}-\d{5}/.exec(confirmation)?.[0] ?? ''
    expect(reference, confirmation).not.toBe('')
    firstId = (await page.getByRole('link', { name: `Open referral ${reference}` }).getAttribute('href'))!.split('/').pop()!
    expect(triage.problems).toEqual([])
  })

  it('b. the connector finds it in the inbox, accepts and records a contact attempt', async () => {
    const connector = await session(CONNECTOR)
    sessions.push(connector)
    const { page } = connector
    await page.goto('/referrals')
    expect(await page.locator('h2.box-heading').innerText()).toBe('Inbox')
    const row = page.locator('tbody tr', { hasText: reference })
    await poll(() => row.count()).toBe(1)
    await row.getByRole('link', { name: reference }).click()
    await page.waitForURL((url) => url.pathname === `/referrals/${firstId}`)
    expect(await page.locator('#person-phone').innerText()).toBe(PHONE)
    await page.getByRole('button', { name: 'Accept referral' }).click()
    await poll(() => page.locator('.lede .status').innerText()).toBe('Accepted')
    await page.getByLabel('Result').selectOption({ label: 'Reached the person' })
    await page.getByRole('button', { name: 'Record attempt' }).click()
    await poll(() => page.locator('#attempts-heading ~ [role="status"]').innerText()).toContain('Attempt 1 recorded.')
    expect(connector.problems).toEqual([])
  })

  it('c. the connector refers onward to a provider, prefilled from the accepted referral', async () => {
    const { page } = sessions[1]!
    await page.getByRole('link', { name: 'Refer onward to a provider' }).click()
    await page.waitForURL((url) => url.pathname === `/referrals/${firstId}/onward`)
    // Prefilled: the kinds the first referral shared, checked; the needs it was sent.
    expect(await page.getByLabel('Contact details (phone, email and address)').isChecked()).toBe(true)
    expect(await page.getByLabel('What they need (for the provider)').inputValue()).toContain('Kai and a power bill')
    // The intake worker's provider: the first of its services this form lists and routing lets through.
    const options = await page.locator('#serviceId option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    const candidates = intakeServices.filter((s) => options.includes(s.id))
    expect(candidates.length, 'the onward form lists the intake provider’s services').toBeGreaterThan(0)
    for (const service of candidates) {
      await page.locator('#serviceId').selectOption(service.id)
      await page.getByRole('button', { name: 'Send the onward referral' }).click()
      await page.waitForLoadState('networkidle')
      if (/^\/referrals\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname)) break
    }
    await page.waitForURL((url) => /^\/referrals\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.includes(firstId))
    onwardId = new URL(page.url()).pathname.split('/').pop()!
    const chain = page.getByTestId('referral-chain')
    expect(await chain.locator('li').count()).toBe(2)
    await screenshot(page, 'ccs-onward-sent')
  })

  it('d. the provider accepts the onward referral', async () => {
    const intake = await session(INTAKE)
    sessions.push(intake)
    const { page } = intake
    await page.goto(`/referrals/${onwardId}`)
    expect(await page.locator('#person-phone').innerText()).toBe(PHONE)
    await page.getByRole('button', { name: 'Accept referral' }).click()
    await poll(() => page.locator('.lede .status').innerText()).toBe('Accepted')
    expect(intake.problems).toEqual([])
  })

  it('e. triage sees the whole chain on its referral: statuses and organisations', async () => {
    const { page } = sessions[0]!
    await page.goto(`/referrals/${firstId}`)
    const chain = page.getByTestId('referral-chain')
    await poll(() => chain.locator('li').count()).toBe(2)
    const first = chain.locator(`li[data-chain-link="${firstId}"]`)
    const onward = chain.locator(`li[data-chain-link="${onwardId}"]`)
    expect(await first.getAttribute('data-status')).toBe('ACCEPTED')
    expect(await onward.getAttribute('data-status')).toBe('ACCEPTED')
    expect(await onward.innerText()).toContain(`${ccsOrg.name} to ${intakeOrg.name}`)
    // Statuses, organisations, services and dates: no personal detail in the chain.
    const text = await chain.innerText()
    for (const detail of ['Mereana', 'Kōtuku', PHONE, 'Kai and a power bill']) expect(text).not.toContain(detail)
    await screenshot(page, 'ccs-chain')
  })
})
