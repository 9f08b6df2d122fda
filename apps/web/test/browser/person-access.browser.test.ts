// Privacy Act 2020, IPP 6 in a real browser: the built web app against the real API (demo seed).
// The connector records a person and lists their people (a recorded read); the page
// /people/[id]/access shows that read (who, organisation, what, why) and passes axe; the provider's
// intake worker, who has no consent:record at the recording organisation, gets the not-found page.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiSession, buildWeb, expectNoAxeViolations, launchChromium, screenshot, signIn, startApi, startWeb, type Child } from './harness'

const CONNECTOR = 'connector@demo.example.nz'
const CONNECTOR_NAME = 'Aroha Ngata'
const INTAKE = 'intake@demo.example.nz'

let apiUrl: string
let webUrl: string
let browser: Browser
let personId: string
let connectorOrganisation: string
const children: Child[] = []

beforeAll(async () => {
  browser = await launchChromium()
  const [api] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url

  const connector = await apiSession(apiUrl, CONNECTOR)
  const { recordPerson } = await connector.graphql<{ recordPerson: { id: string } }>(
    'mutation ($input: RecordPersonInput!) { recordPerson(input: $input) { id } }',
    { input: { givenName: 'Mereana', familyName: 'Tipene', regionCode: '09', phone: '021 555 0177' } },
  )
  personId = recordPerson.id
  const listed = await connector.graphql<{ people: { id: string }[] }>('{ people(first: 200) { id } }')
  expect(listed.people.map((p) => p.id)).toContain(personId)
  const me = await connector.graphql<{ me: { memberships: { organisation: { name: string } }[] } }>(
    '{ me { memberships { organisation { name } } } }',
  )
  connectorOrganisation = me.me.memberships[0]!.organisation.name
  await connector.close()
})

afterAll(async () => {
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

async function signedIn(email: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', ...options })
  const page = await context.newPage()
  await signIn(page, email)
  return page
}

describe('who has seen a person’s details (IPP 6)', () => {
  it('shows the recording organisation’s consent recorder each read: who, organisation, what and why', async () => {
    // bypassCSP only so axe can be injected into the page.
    const page = await signedIn(CONNECTOR, { bypassCSP: true })
    const res = await page.goto(`/people/${personId}/access`)
    expect(res?.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Who has seen this person’s details')
    const rows = page.locator('table tbody tr')
    expect(await rows.count()).toBe(1)
    const cells = await rows.first().locator('td').allInnerTexts()
    expect(cells.slice(1)).toEqual([
      CONNECTOR_NAME,
      connectorOrganisation,
      'given name, family name, preferred name',
      'Listed their organisation’s people: their organisation recorded the person',
    ])
    expect(await page.content()).not.toContain('021 555 0177')
    await expectNoAxeViolations(page, 'the access records page')
    await screenshot(page, 'person-access')
    await page.context().close()
  })

  it('answers the intake worker with the not-found page, as for an unknown person', async () => {
    const page = await signedIn(INTAKE)
    const theirs = await page.goto(`/people/${personId}/access`)
    expect(theirs?.status()).toBe(404)
    const unknown = await page.goto('/people/0190a0a0-0000-7000-8000-00000000abcd/access')
    expect(unknown?.status()).toBe(404)
    expect(await page.content()).not.toContain('Mereana')
    await page.context().close()
  })
})
