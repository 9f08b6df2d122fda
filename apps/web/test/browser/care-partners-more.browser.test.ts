// Issue 6's remaining pages in a real browser, against the real API (demo seed): a shared case's
// forms (a discussion with an action that then shows as due; a member agency and a workgroup
// officer added; closing offered to the lead agency only, a non-lead's attempt refused plainly),
// the budget manager's funding page (dynamic funding agreed after approval, three placements, and
// the reconciliation of a 30-day period to the exact cent), and a celebration recorded by the care
// partner that the Quality Hub sees on its page for the partner. Axe on each new page.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSession, buildWeb, expectNoAxeViolations, launchChromium, screenshot, signIn, startApi, startWeb, type Child } from './harness'

const CARE_PARTNER = 'carepartner@demo.example.nz'
const HUB = 'quality-hub@demo.example.nz'
const MANAGER = 'quality-manager@demo.example.nz'
const DCE = 'dce@demo.example.nz'
const BUDGET = 'budget@demo.example.nz'
const CONNECTOR = 'connector@demo.example.nz'
const INTAKE = 'intake@demo.example.nz'
const ORGANISATION = 'Te Whare Manaaki Tamariki'

let apiUrl: string
let webUrl: string
let browser: Browser
const children: Child[] = []
const contexts: BrowserContext[] = []

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url
  console.log(`[browser] care partners (more) ready in ${Date.now() - started} ms (vite build ${buildMs} ms)`)
})

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()))
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

interface Session {
  page: Page
  problems: string[]
}

// bypassCSP only so axe can be injected into the pages.
async function session(email: string): Promise<Session> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport: { width: 1280, height: 900 }, bypassCSP: true })
  contexts.push(context)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await signIn(page, email)
  return { page, problems }
}

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 })
type Me = { me: { id: string; name: string; memberships: { role: string; organisation: { id: string; name: string } | null }[] } }
const ME = '{ me { id name memberships { role organisation { id name } } } }'
const nzToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date())

/** Posts a form the page does not offer (a stale or hand-made one), as a browser would. */
async function postHandMade(page: Page, action: string, fields: Record<string, string>) {
  await Promise.all([
    page.waitForNavigation(),
    page.evaluate(
      ([action, fields]) => {
        const form = document.createElement('form')
        form.method = 'POST'
        form.action = action
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement('input')
          input.type = 'hidden'
          input.name = name
          input.value = value
          form.append(input)
        }
        document.body.append(form)
        form.submit()
      },
      [action, fields] as const,
    ),
  ])
}

describe('a shared case’s forms', () => {
  let caseId: string
  let member: { id: string; name: string; organisationId: string; organisationName: string }
  let lead: Session

  it('is opened over GraphQL with the family’s consent naming both agencies', async () => {
    const leadApi = await apiSession(apiUrl, CONNECTOR)
    const memberApi = await apiSession(apiUrl, INTAKE)
    const leadMe = (await leadApi.graphql<Me>(ME)).me
    const memberMe = (await memberApi.graphql<Me>(ME)).me
    const leadOrg = leadMe.memberships.find((m) => m.role === 'COMMUNITY_CONNECTOR')!.organisation!
    const memberOrg = memberMe.memberships.find((m) => m.role === 'PROVIDER_INTAKE')!.organisation!
    member = { id: memberMe.id, name: memberMe.name, organisationId: memberOrg.id, organisationName: memberOrg.name }
    const { recordPerson } = await leadApi.graphql<{ recordPerson: { id: string } }>(
      'mutation ($input: RecordPersonInput!) { recordPerson(input: $input) { id } }',
      { input: { givenName: 'Mere', regionCode: '09' } },
    )
    for (const [recipient, kinds] of [
      [leadOrg.id, ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL']],
      [memberOrg.id, ['NEEDS_SUMMARY', 'CHILDREN_AND_CARE']],
    ] as const) {
      await leadApi.graphql('mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: {
          personId: recordPerson.id,
          purpose: 'Coordinated support for the whānau',
          informationKinds: kinds,
          method: 'VERBAL',
          givenAt: new Date(Date.now() - 60_000).toISOString(),
          recipientOrganisationIds: [recipient],
        },
      })
    }
    const { openCase } = await leadApi.graphql<{ openCase: { id: string } }>(
      'mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      { input: { personId: recordPerson.id, leadOrganisationId: leadOrg.id } },
    )
    caseId = openCase.id
    await leadApi.close()
    await memberApi.close()
  })

  it('the lead adds the member agency and its officer with the page’s forms', async () => {
    lead = await session(CONNECTOR)
    const { page } = lead
    await page.goto(`/cases/${caseId}`)
    await expectNoAxeViolations(page, 'the case page with its forms (lead agency)')
    // A missing choice is caught on the page and named beside the field.
    await page.getByRole('button', { name: 'Add agency' }).click()
    await poll(() => page.locator('#member-errors').innerText().catch(() => '')).toContain('Choose an agency.')
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: member.organisationName })
    await page.getByRole('button', { name: 'Add agency' }).click()
    await poll(() => page.locator('#case-members').innerText()).toContain(member.organisationName)

    const officer = page.locator('section[aria-labelledby="add-officer-heading"]')
    await officer.getByLabel('Officer’s name').fill(member.name)
    await officer.getByLabel('Officer’s user ID').fill(member.id)
    await officer.getByLabel('For agency').selectOption({ label: member.organisationName })
    await officer.getByRole('button', { name: 'Add officer' }).click()
    await poll(() => page.locator('#case-workgroup').innerText()).toContain(`${member.name} — ${member.organisationName}`)
    expect(lead.problems).toEqual([])
  })

  it('the lead records a discussion with an action, which then shows as due', async () => {
    const { page } = lead
    const form = page.locator('section[aria-labelledby="record-discussion-heading"]')
    // The API's field error comes back beside the field: an action due before the discussion.
    await form.getByLabel('Minutes').fill('Agreed a plan for the family’s housing.')
    await form.getByLabel('A summary of what they need').check()
    await form.getByLabel('What is to be done').first().fill('Book the housing meeting')
    await form.getByLabel('Due date').first().fill('2020-01-01')
    await form.getByRole('button', { name: 'Record discussion' }).click()
    await poll(() => page.locator('#action-0-due-error').innerText().catch(() => '')).toMatch(/cannot be due before the discussion/)
    expect(await page.locator('#discussion-minutes').inputValue()).toBe('Agreed a plan for the family’s housing.')

    const today = nzToday()
    await form.getByLabel('Due date').first().fill(today)
    await form.getByLabel('Owner').first().selectOption({ label: `${member.name} — ${member.organisationName}` })
    await form.getByRole('button', { name: 'Record discussion' }).click()
    await poll(() => form.getByRole('status').innerText()).toContain('Discussion recorded.')
    const due = await page.locator('#actions-due').innerText()
    expect(due).toContain('Book the housing meeting')
    expect(due).toContain(`Owner: ${member.name}`)
    expect(due).toMatch(/Due \d/)
    expect(await page.locator('ol.discussions').innerText()).toContain('Agreed a plan for the family’s housing.')
    await expectNoAxeViolations(page, 'the case page after a discussion')
    await screenshot(page, 'case-discussion')
    expect(lead.problems).toEqual([])
  })

  it('a member agency is not offered closing, and its attempt is refused plainly; the lead closes the case', async () => {
    const other = await session(INTAKE)
    const { page } = other
    await page.goto(`/cases/${caseId}`)
    expect(await page.locator('#actions-due').innerText()).toContain('Book the housing meeting')
    expect(await page.getByRole('button', { name: 'Close case' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Add agency' }).count()).toBe(0)
    await postHandMade(page, '?/close', { reason: 'We are done.' })
    const refusal = await page.locator('#close-errors').innerText()
    expect(refusal).toContain('There is a problem')
    expect(refusal).toContain('Only the lead agency’s officers in the workgroup may')
    expect(await page.locator('.lede .status').innerText()).toBe('Open')
    await expectNoAxeViolations(page, 'the case page with the refusal (member agency)')

    const { page: leadPage } = lead
    await leadPage.reload()
    await leadPage.getByRole('button', { name: 'Close case' }).click()
    await poll(() => leadPage.locator('#close-errors').innerText()).toContain('Say why the case is closing.')
    await leadPage.getByLabel('Why the case is closing').fill('The family is settled in a new home.')
    await leadPage.getByRole('button', { name: 'Close case' }).click()
    await poll(() => leadPage.locator('.lede .status').innerText()).toBe('Closed')
    expect(await leadPage.locator('main').innerText()).toContain('Closed: The family is settled in a new home.')
    // The refused post answers 403, which the browser logs; nothing else may go wrong.
    expect(other.problems.filter((p) => !p.includes('status of 403'))).toEqual([])
  })
})

describe('an approved care partner: funding and celebrations', () => {
  let organisationId: string
  let applicationId: string

  it('is approved over GraphQL by the Quality Hub, the Quality Manager and the DCE', async () => {
    const partner = await apiSession(apiUrl, CARE_PARTNER)
    const hub = await apiSession(apiUrl, HUB)
    const manager = await apiSession(apiUrl, MANAGER)
    const dce = await apiSession(apiUrl, DCE)
    const me = (await partner.graphql<Me>(ME)).me
    organisationId = me.memberships.find((m) => m.organisation?.name === ORGANISATION)!.organisation!.id
    type A = { id: string; status: string; missingReadinessSections: string[] }
    const FIELDS = 'id status missingReadinessSections'
    const started = (
      await partner.graphql<{ startCarePartnerApplication: A }>(
        `mutation ($input: StartCarePartnerApplicationInput!) { startCarePartnerApplication(input: $input) { ${FIELDS} } }`,
        { input: { organisationId } },
      )
    ).startCarePartnerApplication
    applicationId = started.id
    const act = async (who: typeof hub, command: Record<string, unknown>) =>
      (
        await who.graphql<{ actOnCarePartnerApplication: A }>(
          `mutation ($input: CarePartnerApplicationCommandInput!) { actOnCarePartnerApplication(input: $input) { ${FIELDS} } }`,
          { input: { applicationId, ...command } },
        )
      ).actOnCarePartnerApplication
    const ready = await act(hub, { type: 'moveToReadiness' })
    for (const section of ready.missingReadinessSections) {
      await act(partner, { type: 'captureReadinessSection', section, summary: `Our ${section.toLowerCase()} is in place.` })
    }
    await act(hub, { type: 'reviewReadiness', findings: 'A strong model of care.' })
    await act(hub, { type: 'recordFindingsDiscussion', notes: 'Discussed with the board.' })
    await act(hub, { type: 'prepareRecommendation', recommendation: 'APPROVE', rationale: 'Ready.' })
    await act(manager, { type: 'endorseRecommendation' })
    expect((await act(dce, { type: 'approve', note: 'Approved.' })).status).toBe('APPROVED')
    expect((await act(hub, { type: 'transitionToQualityAssurance' })).status).toBe('IN_QUALITY_ASSURANCE')
    for (const s of [partner, hub, manager, dce]) await s.close()
  })

  it('the budget manager agrees dynamic funding, records three placements, and reconciles 30 days to the cent', async () => {
    const budget = await session(BUDGET)
    const { page } = budget
    await page.goto('/care-partners')
    await page.getByRole('link', { name: 'Care agreement funding' }).click()
    await page.waitForURL((url) => url.pathname === '/care-partners/funding')
    expect(await page.getByLabel('Care partner').locator('option:checked').innerText()).toBe(ORGANISATION)
    await expectNoAxeViolations(page, 'the funding page')

    await page.getByLabel('Agreement reference').fill('CA-2026-017')
    await page.getByRole('radio', { name: /Dynamic/ }).check()
    // Money is typed in dollars; a third decimal is caught beside the field.
    await page.getByLabel('General support rate (NZ$)').fill('57.431')
    await page.getByRole('button', { name: 'Agree funding' }).click()
    await poll(() => page.locator('#agree-generalSupportRate-error').innerText().catch(() => '')).toContain('Enter an amount in dollars')
    await page.getByLabel('General support rate (NZ$)').fill('57.43')
    await page.getByRole('button', { name: 'Agree funding' }).click()
    await poll(() => page.locator('#agreements').innerText().catch(() => '')).toContain('CA-2026-017 — Dynamic: $57.43 per child per 24 hours')

    const placement = page.locator('section[aria-labelledby="placement-heading"]')
    for (const child of ['TK-001', 'TK-002', 'TK-003']) {
      await placement.getByLabel('Child’s reference').fill(child)
      await placement.getByLabel('In care from (New Zealand time)').fill('2026-11-01T09:00')
      await placement.getByRole('button', { name: 'Record placement' }).click()
      await poll(() => page.locator('#agreements').innerText()).toContain(child)
    }
    expect(await page.locator('#agreements').innerText()).toContain('3 placements: TK-001, TK-002, TK-003')

    const reconcile = page.locator('section[aria-labelledby="reconcile-heading"]')
    await reconcile.getByLabel('From', { exact: true }).fill('2026-11-01')
    await reconcile.getByLabel('Until (not included)').fill('2026-12-01')
    await reconcile.getByLabel('Claimed (NZ$)').fill('5,168.70')
    await reconcile.getByLabel('Paid (NZ$)').fill('5000')
    await reconcile.getByRole('button', { name: 'Reconcile' }).click()
    // 3 children × 30 days × $57.43 = $5,168.70 exactly.
    await poll(() => page.locator('#agreed-total').innerText().catch(() => '')).toBe('$5,168.70')
    expect(await page.locator('#claimed-total').innerText()).toBe('$5,168.70')
    expect(await page.locator('#paid-total').innerText()).toBe('$5,000.00')
    expect(await page.locator('#reconciliation').innerText()).toMatch(/Outstanding\s+\$168\.70/)
    expect(await page.locator('#reconciliation-children').innerText()).toMatch(/TK-001\s+30\s+\$1,722\.90/)
    expect(await page.locator('#reconciliation-children caption').innerText()).toContain('90 child-days')
    await expectNoAxeViolations(page, 'the funding page with a reconciliation')
    await screenshot(page, 'care-funding')
    expect(budget.problems).toEqual([])
  })

  it('the care partner records a celebration; the Quality Hub sees it on its page for the partner', async () => {
    const partner = await session(CARE_PARTNER)
    const { page } = partner
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Celebrations', exact: true }) })
    await section.getByRole('button', { name: 'Record celebration' }).click()
    await poll(() => page.locator('#celebration-errors').innerText().catch(() => '')).toContain('Say what went well.')
    await section.getByLabel('What went well').fill('Rangatahi reconnected with their marae.')
    await section.getByLabel('Who is celebrated').fill('The Te Whare Manaaki caregivers')
    await section.getByRole('button', { name: 'Record celebration' }).click()
    await poll(() => section.getByRole('status').innerText()).toContain('Celebration recorded.')
    expect(await section.locator('ul.celebrations').innerText()).toMatch(
      /Rangatahi reconnected with their marae\. — The Te Whare Manaaki caregivers, [\s\S]*To share at Community of practice 1/,
    )
    await expectNoAxeViolations(page, 'the care partner home with celebrations')

    const hub = await session(HUB)
    await hub.page.goto(`/care-partners/${applicationId}`)
    const hubSection = hub.page.locator('section', { has: hub.page.getByRole('heading', { name: 'Celebrations', exact: true }) })
    expect(await hubSection.innerText()).toContain('Rangatahi reconnected with their marae.')
    await expectNoAxeViolations(hub.page, 'the Quality Hub’s partner page with celebrations')
    expect(partner.problems).toEqual([])
    expect(hub.problems).toEqual([])
  })
})
