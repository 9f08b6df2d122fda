// End to end in a real browser: the built web app against the real API, seeded with demo users.
// Expected names come from the API itself, so the test follows the seed rather than copying it.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeSource, buildWeb, launchChromium, startApi, startWeb, type Child } from './harness'

const CONNECTOR = { email: 'connector@demo.example.nz', password: 'kia-ora-demo' }
const SCREENSHOTS = process.env.FSN_SCREENSHOT_DIR

let apiUrl: string
let webUrl: string
let browser: Browser
const children: Child[] = []

interface Expected {
  name: string
  organisation: string
  invalidCredentialsMessage: string
}
let expected: Expected

beforeAll(async () => {
  const started = Date.now()
  // Chromium first: a missing browser should fail in a second, not after a build.
  browser = await launchChromium()
  // Building the app and seeding the API both take seconds; do them side by side.
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url
  expected = await expectedFromApi()
  console.log(`[browser] ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${apiUrl}, web ${webUrl}`)
})

afterAll(async () => {
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

async function expectedFromApi(): Promise<Expected> {
  const signIn = await fetch(`${apiUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(CONNECTOR),
  })
  expect(signIn.status, 'the API signs in the demo connector').toBe(200)
  const token = /fsn_session=([^;]+)/.exec(signIn.headers.getSetCookie().join('\n'))?.[1]
  expect(token, 'the API sets fsn_session').toBeTruthy()
  const me = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `fsn_session=${token}` },
    body: JSON.stringify({ query: '{ me { name memberships { role organisation { name } } } }' }),
  })
  const body = (await me.json()) as { data: { me: { name: string; memberships: { role: string; organisation: { name: string } | null }[] } } }
  const membership = body.data.me.memberships.find((m) => m.role === 'COMMUNITY_CONNECTOR')
  expect(membership?.organisation?.name, 'the demo connector belongs to an organisation').toBeTruthy()
  await fetch(`${apiUrl}/auth/sign-out`, { method: 'POST', headers: { cookie: `fsn_session=${token}` } })

  const wrong = await fetch(`${apiUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: CONNECTOR.email, password: 'not-the-password' }),
  })
  expect(wrong.status).toBe(401)
  const { message } = (await wrong.json()) as { message: string }
  return { name: body.data.me.name, organisation: membership!.organisation!.name, invalidCredentialsMessage: message }
}

async function newPage(options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', viewport: { width: 1200, height: 900 }, ...options })
  const page = await context.newPage()
  // CSP violations and script errors show up here; a page that "works" with them is broken for someone.
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return { context, page, problems }
}

/** Moves focus with Tab until `selector` has it, as a keyboard user would. */
async function tabTo(page: Page, selector: string, maxTabs = 25) {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab')
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return
  }
  throw new Error(`${selector} never took focus after ${maxTabs} presses of Tab`)
}

async function signInWithKeyboard(page: Page, password = CONNECTOR.password) {
  await tabTo(page, '#email')
  await page.keyboard.type(CONNECTOR.email)
  await page.keyboard.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('password')
  await page.keyboard.type(password)
  await page.keyboard.press('Enter')
}

async function expectNoAxeViolations(page: Page, what: string) {
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  })
  expect(violations, `axe violations on ${what}`).toEqual([])
}

async function screenshot(page: Page, name: string, fullPage = true) {
  if (!SCREENSHOTS) return
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `fsn-${name}.png`), fullPage })
}

describe('sign-in and home', () => {
  it('sends an anonymous visitor to sign in, signs in with the keyboard and shows who they are', async () => {
    const { context, page, problems } = await newPage()
    await page.goto('/')
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await expect.poll(() => page.locator('h1').count()).toBe(1)
    expect(await page.locator('html').getAttribute('lang')).toBe('en-NZ')
    await screenshot(page, 'sign-in')

    // The skip link is the first thing a keyboard user reaches.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main')

    await signInWithKeyboard(page)
    await page.waitForURL((url) => url.pathname === '/')

    const h1 = page.locator('h1')
    expect(await h1.count()).toBe(1)
    expect(await h1.innerText()).toContain(expected.name)
    expect(await page.locator('h1 [lang="mi"]').innerText()).toBe('Kia ora')
    const main = await page.locator('main').innerText()
    expect(main).toContain(expected.organisation)
    expect(main).toContain('Community Connector')
    expect(main).toContain('Send warm referrals to providers')
    await screenshot(page, 'home')

    const cookie = (await context.cookies()).find((c) => c.name === 'fsn_session')
    expect(cookie?.httpOnly).toBe(true)
    expect(cookie?.sameSite).toBe('Lax')
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows the API’s message when the password is wrong, tied to the fields and announced', async () => {
    const { context, page, problems } = await newPage()
    await page.goto('/sign-in')
    await signInWithKeyboard(page, 'not-the-password')

    const alert = page.locator('[role="alert"]')
    await expect.poll(() => alert.innerText()).toContain(expected.invalidCredentialsMessage)
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#password').getAttribute('aria-describedby')).toContain('form-error')
    expect(await page.locator('#form-error').innerText()).toBe(expected.invalidCredentialsMessage)
    expect((await context.cookies()).some((c) => c.name === 'fsn_session')).toBe(false)
    expect(await page.title()).toMatch(/^Error: /)
    await screenshot(page, 'sign-in-error')
    expect(problems).toEqual([])
    await context.close()
  })

  it('has no axe violations on the sign-in page (empty and with errors), home and directory', async () => {
    // bypassCSP only so axe can be injected; the other tests run under the real policy.
    const { context, page } = await newPage({ bypassCSP: true })
    await page.goto('/sign-in')
    await expectNoAxeViolations(page, 'sign-in')

    await page.locator('#email').fill('')
    await page.locator('button[type="submit"]').click()
    await expect.poll(() => page.locator('#email-error').count()).toBe(1)
    await expectNoAxeViolations(page, 'sign-in with field errors')

    await page.goto('/sign-in')
    await signInWithKeyboard(page)
    await page.waitForURL((url) => url.pathname === '/')
    await expectNoAxeViolations(page, 'home')

    await page.goto('/directory')
    await expectNoAxeViolations(page, 'directory')
    await screenshot(page, 'directory', false)
    await context.close()
  })

  it('pages the directory and filters it without JavaScript, then signs out', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false })
    await page.goto('/sign-in')
    await signInWithKeyboard(page)
    await page.waitForURL((url) => url.pathname === '/')

    await page.goto('/directory')
    expect(await page.locator('h1').innerText()).toContain('Directory')
    const services = page.locator('ol.hits > li')
    expect(await services.count()).toBeGreaterThan(0)
    // Capacity is in words, not colour alone.
    expect(await page.locator('.capacity').first().innerText()).toMatch(/Accepting new people|Waitlist|No capacity/)

    const firstPageNames = await page.locator('ol.hits h3').allInnerTexts()
    const next = page.locator('nav[aria-label="Result pages"] a[rel="next"]')
    if ((await next.count()) > 0) {
      await next.click()
      await page.waitForURL((url) => url.searchParams.get('page') === '2')
      const secondPageNames = await page.locator('ol.hits h3').allInnerTexts()
      expect(secondPageNames.length).toBeGreaterThan(0)
      expect(secondPageNames).not.toEqual(firstPageNames)
    }

    const category = page.locator('fieldset[data-facet="category"] input[type="checkbox"]').first()
    const code = await category.getAttribute('value')
    await category.check()
    await page.getByRole('button', { name: 'Show services' }).click()
    await page.waitForURL((url) => url.searchParams.get('category') === code)
    expect(new URL(page.url()).searchParams.has('page')).toBe(false)
    expect(await page.locator(`fieldset[data-facet="category"] input[value="${code}"]`).isChecked()).toBe(true)

    await page.locator('header form[action="/sign-out"] button').click()
    await page.waitForURL((url) => url.pathname === '/sign-in')
    expect((await context.cookies()).some((c) => c.name === 'fsn_session')).toBe(false)
    await page.goto('/')
    expect(new URL(page.url()).pathname).toBe('/sign-in')
    await context.close()
  })

  it('offers a Regional Commissioner the coverage page but not referrals', async () => {
    const { context, page } = await newPage()
    await page.goto('/sign-in')
    await page.locator('#email').fill('commissioner@demo.example.nz')
    await page.locator('#password').fill(CONNECTOR.password)
    await page.locator('form.panel button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/')
    const main = await page.locator('main').innerText()
    expect(main).toContain('Regional Commissioner')
    expect(main).toContain('See service coverage in your region')
    expect(await page.locator('main a[href="/coverage"]').count()).toBe(1)
    expect(await page.locator('main a[href="/referrals"]').count()).toBe(0)
    await page.goto('/coverage')
    // The dashboard names the commissioner's own region.
    expect(await page.locator('h1').innerText()).toBe('Coverage: Wellington')
    await page.goto('/referrals')
    expect(await page.locator('h1').innerText()).toBe('You do not have access to this page')
    await context.close()
  })
})
