// Issue 6 in a real browser: the built web app against the real API (demo seed). An s396
// application moves through all four steps by the right people (the care partner starts it and
// captures readiness; the Quality Hub reviews, discusses and recommends; the Quality Manager
// endorses and is refused the approval, shown plainly; the DCE approves), then the care partner
// raises an escalation the Hub sees. And a shared case with two agencies, set up over GraphQL,
// where the member agency without health consent sees the case without it.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSession, buildWeb, expectNoAxeViolations, launchChromium, screenshot, signIn, startApi, startWeb, type Child } from './harness'

const CARE_PARTNER = 'carepartner@demo.example.nz'
const HUB = 'quality-hub@demo.example.nz'
const MANAGER = 'quality-manager@demo.example.nz'
const DCE = 'dce@demo.example.nz'
const CONNECTOR = 'connector@demo.example.nz'
const INTAKE = 'intake@demo.example.nz'
const ORGANISATION = 'Te Whare Manaaki Tamariki'
const SECTIONS = [
  'The organisation, its needs and aspirations',
  'Model of care',
  'Capacity to deliver the model of care',
  'Capability to provide high quality care',
  'Support for tamariki, their whānau and carers',
  'Meeting the National Care Standards and Related Matters 2018',
  'Section 7AA of the Oranga Tamariki Act 1989',
  'Relationships with Oranga Tamariki locally and regionally',
]

let apiUrl: string
let webUrl: string
let browser: Browser
const children: Child[] = []

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url
  console.log(`[browser] care partners ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${apiUrl}, web ${webUrl}`)
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

// bypassCSP only so axe can be injected into the pages.
async function session(email: string): Promise<Session> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport: { width: 1280, height: 900 }, bypassCSP: true })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  await signIn(page, email)
  return { context, page, problems }
}

const main = (page: Page) => page.locator('main')
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 })
const status = (page: Page) => page.locator('#application-status').innerText()

describe('an s396 application through all four steps', () => {
  const sessions: Session[] = []
  let applicationId: string

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close()))
  })

  it('the care partner starts the application from their home page', async () => {
    const partner = await session(CARE_PARTNER)
    sessions.push(partner)
    const { page } = partner
    await page.getByRole('button', { name: `Start the application for ${ORGANISATION}` }).click()
    await poll(() => page.locator('#my-application-status').innerText().catch(() => '')).toBe('Preparation')
    expect(await page.locator('#my-next-action').innerText()).toMatch(/^the MPC National Quality Hub: /)
    const href = await page.getByRole('link', { name: 'Open the full application' }).getAttribute('href')
    applicationId = href!.split('/').pop()!
    expect(partner.problems).toEqual([])
  })

  it('the Quality Hub sees it on the board at step 1 and moves it to readiness', async () => {
    const hub = await session(HUB)
    sessions.push(hub)
    const { page } = hub
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Care partners/ }).click()
    await page.waitForURL((url) => url.pathname === '/care-partners')
    const column = page.locator('section[aria-labelledby="step-1-heading"]')
    const card = column.locator('li', { hasText: ORGANISATION })
    expect(await card.innerText()).toMatch(/Preparation[\s\S]*Next: the MPC National Quality Hub[\s\S]*Waiting/)
    await expectNoAxeViolations(page, 'the applications board')
    await card.getByRole('link', { name: ORGANISATION }).click()
    await page.waitForURL((url) => url.pathname === `/care-partners/${applicationId}`)
    await expectNoAxeViolations(page, 'the application page (step 1)')
    await page.getByRole('button', { name: 'Move to readiness' }).click()
    await poll(() => status(page)).toBe('Readiness')
    expect(await page.locator('#next-action').innerText()).toMatch(/^the applying organisation: /)
    expect(hub.problems).toEqual([])
  })

  it('the care partner captures the eight readiness sections, one form each', async () => {
    const { page } = sessions[0]!
    await page.reload()
    for (const [i, title] of SECTIONS.entries()) {
      await page.getByLabel(title, { exact: true }).fill(`Our ${title.toLowerCase()}: in place and documented.`)
      await page.getByRole('button', { name: `Save ${title}` }).click()
      await poll(() => page.locator('section[aria-labelledby="readiness-heading"] > p').first().innerText()).toBe(`${i + 1} of 8 sections captured`)
    }
    await poll(() => page.locator('#my-next-action').innerText()).toMatch(/^the MPC National Quality Hub: /)
    await expectNoAxeViolations(page, 'the care partner home with the readiness template')
    await screenshot(page, 'care-partner-home')
  })

  it('the Quality Hub reviews readiness, discusses the findings and recommends approval', async () => {
    const { page } = sessions[1]!
    await page.reload()
    await page.getByLabel('Findings').fill('A strong model of care grounded in whānau.')
    await page.getByRole('button', { name: 'Review readiness' }).click()
    await poll(() => status(page)).toBe('Readiness reviewed')
    await page.getByLabel('Notes of the discussion with the organisation').fill('Discussed the findings with the board.')
    await page.getByRole('button', { name: 'Discuss findings' }).click()
    await poll(() => status(page)).toBe('Findings discussed')
    await page.getByLabel('Approve', { exact: true }).check()
    await page.getByLabel('Rationale').fill('Ready to care for tamariki.')
    await page.getByRole('button', { name: 'Prepare recommendation' }).click()
    await poll(() => status(page)).toBe('Recommended')
    expect(await page.locator('.lede').innerText()).toContain('3 Approval')
    expect(await page.locator('#next-action').innerText()).toMatch(/^the MPC Quality Manager: /)
  })

  it('the Quality Manager endorses, and is refused plainly when trying to approve', async () => {
    const manager = await session(MANAGER)
    sessions.push(manager)
    const { page } = manager
    await page.goto(`/care-partners/${applicationId}`)
    await page.getByRole('button', { name: 'Endorse recommendation' }).click()
    await poll(() => status(page)).toBe('Endorsed')
    expect(await page.locator('#next-action').innerText()).toMatch(/^the DCE Māori, Partnerships and Communities: /)
    // The page offers no approval to someone without the delegation...
    expect(await page.getByRole('button', { name: 'Approve as an s396 care partner' }).count()).toBe(0)
    // ...and one posted anyway (a stale or hand-made form) is refused by the API, in its words.
    await Promise.all([
      page.waitForNavigation(),
      page.evaluate(() => {
        const form = document.createElement('form')
        form.method = 'POST'
        form.action = '?/approve'
        document.body.append(form)
        form.submit()
      }),
    ])
    const refusal = await page.locator('#actions-errors').innerText()
    expect(refusal).toContain('There is a problem')
    expect(refusal).toMatch(/DCE Māori, Partnerships and Communities/)
    expect(await status(page)).toBe('Endorsed')
    await screenshot(page, 'care-refused')
    await expectNoAxeViolations(page, 'the application page with the refusal')
  })

  it('the DCE approves and the application reaches step 4', async () => {
    const dce = await session(DCE)
    sessions.push(dce)
    const { page } = dce
    await page.goto(`/care-partners/${applicationId}`)
    await page.getByRole('button', { name: 'Approve as an s396 care partner' }).click()
    await poll(() => status(page)).toBe('Approved')
    expect(await page.locator('.lede').innerText()).toContain('4 Quality Assurance')
    expect(await page.locator('ol.progress').innerText()).toMatch(/3 Approval: done/)
    expect(dce.problems).toEqual([])

    const hub = sessions[1]!.page
    await hub.goto('/care-partners')
    expect(await hub.locator('section[aria-labelledby="step-4-heading"]').innerText()).toContain(ORGANISATION)
    await screenshot(hub, 'care-board')
    await hub.goto(`/care-partners/${applicationId}`)
    await hub.getByRole('button', { name: 'Transition into Quality Assurance' }).click()
    await poll(() => status(hub)).toBe('In Quality Assurance')
    const timeline = await hub.locator('ol.timeline > li strong').allInnerTexts()
    expect(timeline[0]).toBe('Application started by the applying organisation')
    expect(timeline).toContain('Approve as an s396 care partner by the DCE Māori, Partnerships and Communities')
    await screenshot(hub, 'care-application')
  })

  it('the care partner sees the quality cycle and raises an escalation; it reaches the Hub’s home', async () => {
    const { page } = sessions[0]!
    await page.goto('/')
    expect(await page.locator('#my-application-status').innerText()).toBe('In Quality Assurance')
    expect(await main(page).innerText()).toMatch(/Partnership touchpoint|partnership touchpoint/i)
    await page.getByLabel('The concern').fill('Respite for our caregivers is late.')
    await page.getByRole('button', { name: 'Raise escalation' }).click()
    await poll(() => main(page).getByRole('status').filter({ hasText: 'Escalation raised' }).count()).toBe(1)
    await expectNoAxeViolations(page, 'the care partner home with the quality cycle')

    const hub = sessions[1]!.page
    await hub.goto('/')
    expect(await hub.locator('section[aria-labelledby="hub-heading"]').innerText()).toMatch(/Te Whare Manaaki Tamariki — Raised: Respite for our caregivers is late\./)
    await expectNoAxeViolations(hub, 'the Quality Hub home')
    await screenshot(hub, 'care-hub-home')

    // The Hub tracks it to resolution, from its home page.
    const hubSection = hub.locator('section[aria-labelledby="hub-heading"]')
    await hubSection.getByRole('button', { name: /^Acknowledge: Te Whare Manaaki Tamariki/ }).click()
    await poll(() => hubSection.getByRole('status').allInnerTexts()).toContain('Escalation acknowledged.')
    expect(await hubSection.innerText()).toMatch(/Te Whare Manaaki Tamariki — Acknowledged: Respite/)
    await hub.getByLabel('How it was resolved: Respite for our caregivers is late.').fill('Respite booked for next week.')
    await hubSection.getByRole('button', { name: 'Resolve' }).click()
    await poll(() => hubSection.getByRole('status').allInnerTexts()).toContain('Escalation resolved.')
    expect(await hubSection.innerText()).not.toContain('Respite for our caregivers is late.')
    await page.reload()
    expect(await main(page).innerText()).toContain('No open escalations.')
  })
})

describe('a shared case with two agencies under consent', () => {
  let caseId: string
  const sessions: Session[] = []

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.context.close()))
  })

  it('is set up over GraphQL: the family consents to health information for the lead agency only', async () => {
    const lead = await apiSession(apiUrl, CONNECTOR)
    const member = await apiSession(apiUrl, INTAKE)
    type Me = { me: { id: string; name: string; memberships: { role: string; organisation: { id: string } | null }[] } }
    const ME = '{ me { id name memberships { role organisation { id } } } }'
    const leadMe = (await lead.graphql<Me>(ME)).me
    const memberMe = (await member.graphql<Me>(ME)).me
    const leadOrg = leadMe.memberships.find((m) => m.role === 'COMMUNITY_CONNECTOR')!.organisation!.id
    const memberOrg = memberMe.memberships.find((m) => m.role === 'PROVIDER_INTAKE')!.organisation!.id
    expect(leadOrg).not.toBe(memberOrg)

    const { recordPerson } = await lead.graphql<{ recordPerson: { id: string } }>(
      'mutation ($input: RecordPersonInput!) { recordPerson(input: $input) { id } }',
      { input: { givenName: 'Aroha', regionCode: '09' } },
    )
    const consent = (recipient: string, informationKinds: string[]) =>
      lead.graphql('mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
        input: {
          personId: recordPerson.id,
          purpose: 'Coordinated support for the whānau',
          informationKinds,
          method: 'VERBAL',
          givenAt: new Date(Date.now() - 60_000).toISOString(),
          recipientOrganisationIds: [recipient],
        },
      })
    await consent(leadOrg, ['CONTACT_DETAILS', 'NEEDS_SUMMARY', 'HEALTH', 'CHILDREN_AND_CARE', 'FINANCIAL'])
    await consent(memberOrg, ['NEEDS_SUMMARY', 'CHILDREN_AND_CARE'])
    const { openCase } = await lead.graphql<{ openCase: { id: string } }>(
      'mutation ($input: OpenCaseInput!) { openCase(input: $input) { id } }',
      { input: { personId: recordPerson.id, leadOrganisationId: leadOrg } },
    )
    caseId = openCase.id
    const act = (command: Record<string, unknown>) =>
      lead.graphql('mutation ($input: CaseCommandInput!) { actOnCase(input: $input) { id } }', { input: { caseId, ...command } })
    await act({ type: 'addMember', organisationId: memberOrg })
    await act({ type: 'addOfficer', userId: memberMe.id, name: memberMe.name, organisationId: memberOrg })
    await act({ type: 'answerSection', section: 'HEALTH_AND_WELLBEING', answer: 'Asthma; sees a GP monthly.' })
    await act({ type: 'answerSection', section: 'HOUSING', answer: 'Overcrowded rental in Porirua.' })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date())
    const heldAt = new Date(Date.now() - 120_000).toISOString()
    await act({
      type: 'recordDiscussion',
      id: crypto.randomUUID(),
      heldAt,
      attendeeUserIds: [leadMe.id, memberMe.id],
      minutes: 'Talked about the GP visits and the asthma plan.',
      informationKinds: ['HEALTH'],
      actions: [{ id: crypto.randomUUID(), description: 'Ring the GP about the asthma plan', ownerUserId: leadMe.id, dueOn: today }],
    })
    await act({
      type: 'recordDiscussion',
      id: crypto.randomUUID(),
      heldAt,
      attendeeUserIds: [leadMe.id, memberMe.id],
      minutes: 'Agreed to look for a bigger house together.',
      informationKinds: ['NEEDS_SUMMARY'],
      actions: [{ id: crypto.randomUUID(), description: 'Share the housing options', ownerUserId: memberMe.id, dueOn: today }],
    })
    await lead.close()
    await member.close()
  })

  it('the lead agency’s officer sees the health section and the actions due', async () => {
    const lead = await session(CONNECTOR)
    sessions.push(lead)
    const { page } = lead
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Cases/ }).click()
    await page.waitForURL((url) => url.pathname === '/cases')
    await expectNoAxeViolations(page, 'my cases')
    await page.locator(`a[href="/cases/${caseId}"]`).click()
    await page.waitForURL((url) => url.pathname === `/cases/${caseId}`)
    expect(await page.locator('#section-HEALTH_AND_WELLBEING').innerText()).toContain('Asthma; sees a GP monthly.')
    expect(await page.locator('#visible-kinds').innerText()).toContain('health')
    expect(await page.locator('#actions-due').innerText()).toContain('Ring the GP about the asthma plan')
    expect(await page.locator('#case-members').innerText()).toMatch(/lead/)
    expect(await page.locator('#plan-withheld').innerText()).toBe('—')
    await expectNoAxeViolations(page, 'the case page (lead agency)')
    await screenshot(page, 'case-lead')
    expect(lead.problems).toEqual([])
  })

  it('the member agency’s officer sees less: health withheld with the reason, housing reused, not asked again', async () => {
    const member = await session(INTAKE)
    sessions.push(member)
    const { page } = member
    await page.goto('/cases')
    await page.locator(`a[href="/cases/${caseId}"]`).click()
    await page.waitForURL((url) => url.pathname === `/cases/${caseId}`)
    const health = await page.locator('#section-HEALTH_AND_WELLBEING').innerText()
    expect(health).toMatch(/Withheld — \S/)
    expect(health).toMatch(/withheld from your agency/)
    expect(await main(page).innerText()).not.toMatch(/asthma/i)
    expect(await page.locator('#visible-kinds').innerText()).not.toContain('health')
    expect(await page.locator('#section-HOUSING').innerText()).toMatch(/Overcrowded rental in Porirua\.[\s\S]*Reused: answered by/)
    expect(await page.locator('#plan-withheld').innerText()).toContain('Health and wellbeing')
    expect(await page.locator('#plan-reuse').innerText()).toContain('Housing')
    expect(await page.locator('#plan-ask').innerText()).not.toMatch(/Housing|Health/)
    // Answered sections offer no form: the family is not asked again.
    expect(await page.getByLabel('Answer: Health and wellbeing').count()).toBe(0)
    expect(await page.getByLabel('Answer: Housing').count()).toBe(0)
    expect(await page.getByLabel('Answer: Caregiving responsibilities').count()).toBe(1)
    expect(await page.locator('#actions-due').innerText()).toContain('Share the housing options')
    await expectNoAxeViolations(page, 'the case page (member agency)')
    await screenshot(page, 'case-member')
    expect(member.problems).toEqual([])
  })
})
