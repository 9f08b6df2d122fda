// The public directory search in a real browser: the built web app against the real API (demo
// seed, the embedded search engine). Nobody signs in. What the page should show comes from the
// API's own answers to the same searches, so the test follows the seed rather than copying it.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWeb, expectNoAxeViolations, launchChromium, screenshot, startApi, startWeb, type Child } from './harness'

let apiUrl: string
let webUrl: string
let browser: Browser
const children: Child[] = []

interface Hit {
  id: string
  name: string
  lat: number | null
  lng: number | null
  distanceKm: number | null
  flags: string[]
  categories: { code: string; name: string }[]
}
interface Facet {
  name: string
  values: { value: string; label: string; count: number; selected: boolean }[]
}
interface Answer {
  total: number
  hits: Hit[]
  facets: Facet[]
  origin: { lat: number; lng: number } | null
}

/** The API's answer to a search, asked anonymously as the page asks it. */
async function search(input: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `query ($input: DirectorySearchInput!) { searchDirectory(input: $input) {
        total origin { lat lng }
        hits { id name lat lng distanceKm flags categories { code name } }
        facets { name values { value label count selected } } } }`,
      variables: { input: { perPage: 20, facets: true, ...input } },
    }),
  })
  const body = (await res.json()) as { data?: { searchDirectory: Answer }; errors?: { message: string }[] }
  if (!body.data) throw new Error(`searchDirectory ${JSON.stringify(input)}: ${JSON.stringify(body.errors)}`)
  return body.data.searchDirectory
}

const facet = (answer: Answer, name: string) => answer.facets.find((f) => f.name === name)?.values ?? []
const countText = (n: number) => (n === 1 ? '1 service found' : `${n.toLocaleString('en-NZ')} services found`)

/** A postcode the seed lists services at, and what the API answers for it. */
let postcode: { code: string; answer: Answer }

beforeAll(async () => {
  const started = Date.now()
  browser = await launchChromium()
  const [api, buildMs] = await Promise.all([startApi(), buildWeb()])
  if (api.child) children.push(api.child)
  apiUrl = api.url
  const web = await startWeb(apiUrl)
  children.push(web.child)
  webUrl = web.url

  // Postcodes of towns the seed places providers in; the first the API knows is the one used.
  for (const code of ['6011', '6021', '1010', '8011', '3204', '5024', '9016', '4410', '0110', '3110']) {
    const answer = await search({ postcode: code, radiusKm: 25, sort: 'DISTANCE' }).catch(() => null)
    if (answer && answer.hits.filter((h) => h.distanceKm !== null).length >= 2) {
      postcode = { code, answer }
      break
    }
  }
  expect(postcode, 'the seed lists services at one of the candidate postcodes').toBeTruthy()
  console.log(`[browser] directory search ready in ${Date.now() - started} ms (vite build ${buildMs} ms); api ${apiUrl}, web ${webUrl}`)
})

afterAll(async () => {
  await browser?.close()
  await Promise.all(children.map((c) => c.stop()))
})

interface Session {
  context: BrowserContext
  page: Page
  problems: string[]
  /** Requests to the JSON endpoint, and full page loads of /directory (form submits). */
  endpointCalls: string[]
  pageLoads: string[]
}

async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Session> {
  const context = await browser.newContext({ baseURL: webUrl, locale: 'en-NZ', timezoneId: 'Pacific/Auckland', viewport: { width: 1280, height: 900 }, ...options })
  const page = await context.newPage()
  // CSP violations and script errors: a search that "works" with them is broken for someone.
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  const endpointCalls: string[] = []
  const pageLoads: string[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname === '/directory/search') endpointCalls.push(url.search)
    if (url.pathname === '/directory' && r.isNavigationRequest()) pageLoads.push(url.search)
  })
  await page.goto(path)
  return { context, page, problems, endpointCalls, pageLoads }
}

/** The page has hydrated: its "use my location" button only appears once JavaScript runs. */
async function hydrated(page: Page) {
  await page.getByRole('button', { name: 'Use my location' }).waitFor()
}

const heading = (page: Page) => page.locator('#results-heading')
const hitNames = (page: Page) => page.locator('ol.hits h3').allInnerTexts()
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 })
const box = (page: Page) => page.getByRole('searchbox', { name: 'What are you looking for?' })

/**
 * Distances on the page, current listings and flagged ones apart: the API ranks flagged listings
 * after every current one whatever the sort, so each group is nearest first on its own.
 */
async function distances(page: Page): Promise<{ current: number[]; lower: number[] }> {
  const read = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-distance'))))
  return { current: await read('ol.hits:not(.lower) .distance'), lower: await read('ol.hits.lower .distance') }
}
const ascending = (xs: number[]) => expect(xs).toEqual([...xs].sort((a, b) => a - b))

/** A point inside a region's shape that a click really lands on (not a result point above it). */
async function clickRegion(page: Page, code: string) {
  await page.locator(`a.region[data-region="${code}"]`).scrollIntoViewIfNeeded()
  const at = await page.locator(`a.region[data-region="${code}"] path`).evaluate((path) => {
    const r = path.getBoundingClientRect()
    for (let i = 1; i < 400; i++) {
      const x = r.left + ((i * 37) % 100) / 100 * r.width
      const y = r.top + ((i * 61) % 100) / 100 * r.height
      if (document.elementFromPoint(x, y) === path) return { x, y }
    }
    return null
  })
  expect(at, `a clickable point inside region ${code}`).not.toBeNull()
  await page.mouse.click(at!.x, at!.y)
}

describe('the public directory search', () => {
  it('shows results as you type, without submitting, and finds te reo and misspelt words', async () => {
    const { context, page, problems, endpointCalls, pageLoads } = await open('/directory')
    await hydrated(page)
    const everything = await search({})
    expect(await heading(page).innerText()).toBe(countText(everything.total))
    // The count is in a live region, so it is read out as the results change.
    expect(await page.locator('[role="status"]').filter({ has: heading(page) }).getAttribute('aria-atomic')).toBe('true')

    // Typed without macrons, the way most keyboards type it.
    const whanau = await search({ q: 'whanau' })
    expect(whanau.hits.some((h) => h.name.includes('Whānau')), 'the API finds Whānau listings for "whanau"').toBe(true)
    await box(page).pressSequentially('whanau', { delay: 60 })
    await poll(() => heading(page).innerText()).toBe(`${countText(whanau.total)} for “whanau”`)
    expect(await hitNames(page)).toEqual(whanau.hits.map((h) => h.name))
    expect((await hitNames(page)).some((n) => n.includes('Whānau'))).toBe(true)
    // Results came from the JSON endpoint while typing; the page itself was loaded once.
    expect(endpointCalls.length).toBeGreaterThan(0)
    expect(endpointCalls.length).toBeLessThan('whanau'.length + 1)
    expect(pageLoads).toEqual([''])
    expect(new URL(page.url()).searchParams.get('q')).toBe('whanau')
    // Focus stayed in the box throughout.
    expect(await box(page).evaluate((el) => el === document.activeElement)).toBe(true)
    await screenshot(page, 'directory-search-whanau')

    // Two typos in two words still find mental health services.
    const misspelt = await search({ q: 'menatl helth' })
    expect(misspelt.total).toBeGreaterThan(0)
    await box(page).fill('')
    await box(page).pressSequentially('menatl helth', { delay: 40 })
    await poll(() => heading(page).innerText()).toBe(`${countText(misspelt.total)} for “menatl helth”`)
    const cards = await page.locator('ol.hits > li').allInnerTexts()
    expect(cards.length).toBe(misspelt.hits.length)
    expect(cards.some((c) => /mental health/i.test(c)), 'a mental health service is listed').toBe(true)
    expect(pageLoads).toEqual([''])

    // The URL is the search: opened afresh, it shows the same results.
    const linked = await context.newPage()
    await linked.goto(page.url())
    expect(await heading(linked).innerText()).toBe(`${countText(misspelt.total)} for “menatl helth”`)
    expect(await linked.locator('#q').inputValue()).toBe('menatl helth')
    expect(problems).toEqual([])
    await context.close()
  })

  it('narrows the results with a facet, and the counts change', async () => {
    const { context, page, problems } = await open('/directory?q=support')
    await hydrated(page)
    const before = await search({ q: 'support' })
    expect(await heading(page).innerText()).toBe(`${countText(before.total)} for “support”`)

    // A category that narrows the results (fewer than all of them).
    const category = facet(before, 'category').find((v) => v.count > 0 && v.count < before.total)!
    expect(category, 'a category facet that narrows "support"').toBeTruthy()
    const fieldset = page.locator('fieldset[data-facet="category"]')
    const checkbox = fieldset.locator(`input[value="${category.value}"]`)
    const label = await fieldset.locator(`label[for="${await checkbox.getAttribute('id')}"]`).innerText()
    expect(label).toContain(String(category.count))

    const after = await search({ q: 'support', categoryCodes: [category.value] })
    expect(after.total).toBe(category.count)
    await checkbox.check()
    await poll(() => heading(page).innerText()).toBe(`${countText(after.total)} for “support”`)
    expect(new URL(page.url()).searchParams.getAll('category')).toEqual([category.value])
    expect(await checkbox.isChecked()).toBe(true)

    // Another facet's counts now count only the narrowed results.
    const regionCounts = async () =>
      Object.fromEntries(
        await page.locator('fieldset[data-facet="region"] input').evaluateAll((inputs) =>
          inputs.map((i) => [(i as HTMLInputElement).value, i.closest('li')?.querySelector('.facet-count')?.textContent?.trim() ?? '']),
        ),
      )
    const expected = Object.fromEntries(facet(after, 'region').map((v) => [v.value, String(v.count)]))
    await poll(regionCounts).toEqual(expected)
    expect(expected).not.toEqual(Object.fromEntries(facet(before, 'region').map((v) => [v.value, String(v.count)])))

    // Unticking goes back to where it was.
    await checkbox.uncheck()
    await poll(() => heading(page).innerText()).toBe(`${countText(before.total)} for “support”`)
    expect(problems).toEqual([])
    await context.close()
  })

  it('draws the 16 regions and the results on a map; choosing a region filters by it', async () => {
    const { context, page, problems } = await open('/directory')
    await hydrated(page)
    const everything = await search({})
    const map = page.getByRole('group', { name: 'Map of Aotearoa New Zealand showing results by region' })
    expect(await map.locator('a.region path').count()).toBe(16)
    // Every result on the page with a location is a point, with a title.
    const located = everything.hits.filter((h) => h.lat !== null && h.lng !== null)
    expect(await map.locator('a.point').count()).toBe(located.length)
    expect(await map.locator('a.point title').first().textContent()).toBe(`${located[0]!.name} — ${await page.locator(`#hit-${located[0]!.id} .provider a`).innerText()}`)

    // Each region is a link named with its count; shades follow the counts.
    const regions = facet(everything, 'region')
    const wellington = regions.find((v) => v.value === '09')!
    expect(wellington.count).toBeGreaterThan(0)
    const link = map.getByRole('link', { name: `Wellington: ${wellington.count} results`, exact: true })
    expect(await link.count()).toBe(1)
    const busiest = regions.reduce((a, b) => (b.count > a.count ? b : a))
    expect(await map.locator(`a.region[data-region="${busiest.value}"] path`).getAttribute('class')).toContain('shade-5')

    // Choosing Wellington with the mouse filters by it.
    const inWellington = await search({ regionCodes: ['09'] })
    await clickRegion(page, '09')
    await poll(() => heading(page).innerText()).toBe(countText(inWellington.total))
    expect(new URL(page.url()).searchParams.getAll('region')).toEqual(['09'])
    expect(await page.locator('fieldset[data-facet="region"] input[value="09"]').isChecked()).toBe(true)
    expect(await map.locator('a.region[data-region="09"]').getAttribute('aria-current')).toBe('true')
    expect(await hitNames(page)).toEqual(inWellington.hits.map((h) => h.name))
    await screenshot(page, 'directory-search-map-wellington')

    // And with the keyboard: Canterbury, reached with Tab, chosen with Enter.
    const canterbury = await search({ regionCodes: ['13'] })
    await map.locator('a.region[data-region="12"]').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe('13')
    await page.keyboard.press('Enter')
    await poll(() => heading(page).innerText()).toBe(countText(canterbury.total))
    expect(new URL(page.url()).searchParams.getAll('region')).toEqual(['13'])
    // Focus stays on the region, so the next region is one Tab away.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-region'))).toBe('13')

    // Choosing the chosen region again shows every region.
    await page.keyboard.press('Enter')
    await poll(() => heading(page).innerText()).toBe(countText(everything.total))
    expect(new URL(page.url()).searchParams.has('region')).toBe(false)
    expect(problems).toEqual([])
    await context.close()
  })

  it('measures from a postcode: distances, nearest first, and the place on the map', async () => {
    const { context, page, problems } = await open('/directory')
    await hydrated(page)
    await page.getByLabel('Postcode').pressSequentially(postcode.code, { delay: 40 })
    const { answer } = postcode
    await poll(() => page.locator('.place-text').innerText()).toBe(`within 25 km of postcode ${postcode.code}, nearest first`)
    await poll(() => heading(page).innerText()).toBe(countText(answer.total))

    const shown = await distances(page)
    expect(shown.current.length).toBeGreaterThanOrEqual(2)
    ascending(shown.current)
    ascending(shown.lower)
    expect([...shown.current, ...shown.lower]).toEqual(answer.hits.filter((h) => h.distanceKm !== null).map((h) => h.distanceKm))
    if (shown.lower.length > 0) expect(await page.locator('#lower-tier').innerText()).toContain('Check with these providers first')
    const first = page.locator('ol.hits .distance').first()
    expect(await first.innerText()).toBe(`${answer.hits[0]!.distanceKm!.toFixed(1)} km away`)
    expect(await first.innerText()).toMatch(/^\d+\.\d km away$/)
    expect(await page.getByLabel('Sort by').locator('option:checked').innerText()).toBe('Nearest first')
    expect(await page.getByRole('img', { name: 'The place you are measuring from' }).count()).toBe(1)
    await screenshot(page, 'directory-search-postcode')

    // A postcode we list nothing at is said by the field, and the search goes on without it.
    await page.getByLabel('Postcode').fill('')
    await page.getByLabel('Postcode').pressSequentially('9999')
    await poll(() => page.locator('#postcode-error').innerText()).toContain('We do not list any services at postcode 9999')
    expect(await page.getByLabel('Postcode').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('ol.hits .distance').count()).toBe(0)
    expect(problems).toEqual([])
    await context.close()
  })

  it('measures from where you are, when the browser shares it', async () => {
    const { context, page, problems } = await open('/directory', {
      geolocation: { latitude: answerOrigin().lat, longitude: answerOrigin().lng },
      permissions: ['geolocation'],
    })
    await hydrated(page)
    await page.getByRole('button', { name: 'Use my location' }).click()
    await poll(() => page.locator('.place-text').innerText()).toBe('within 25 km of your location, nearest first')
    const url = new URL(page.url())
    expect(url.searchParams.has('lat') && url.searchParams.has('lng')).toBe(true)
    const shown = await distances(page)
    expect(shown.current.length).toBeGreaterThan(0)
    ascending(shown.current)
    ascending(shown.lower)

    await page.getByRole('button', { name: 'Stop using my location' }).click()
    await poll(() => page.locator('.place-text').count()).toBe(0)
    expect(new URL(page.url()).searchParams.has('lat')).toBe(false)
    expect(problems).toEqual([])
    await context.close()
  })

  it('shows listings that are stale or full, flagged in words, never hidden', async () => {
    const full = await search({ capacity: ['NO_CAPACITY'] })
    expect(full.total, 'the seed has a listing with no capacity').toBeGreaterThan(0)
    const { context, page } = await open('/directory?capacity=NO_CAPACITY')
    const card = page.locator(`#hit-${full.hits[0]!.id}`)
    expect(await card.locator('[data-flag="NO_CAPACITY"]').innerText()).toContain('Not taking new people')
    expect(await card.locator('ul.flags').getAttribute('aria-label')).toBe('Check before you rely on this listing')

    // Stale listings rank below current ones: find the first page, by name, that has one.
    let stale: { page: number; hit: Hit } | null = null
    for (let n = 1; n <= 20 && !stale; n++) {
      const answer = await search({ sort: 'NAME', page: n })
      const hit = answer.hits.find((h) => h.flags.includes('STALE'))
      if (hit) stale = { page: n, hit }
      if (answer.hits.length < 20) break
    }
    expect(stale, 'the seed has a listing not verified for over 6 months').not.toBeNull()
    await page.goto(`/directory?sort=name${stale!.page > 1 ? `&page=${stale!.page}` : ''}`)
    expect(await page.locator(`#hit-${stale!.hit.id} [data-flag="STALE"]`).innerText()).toContain('Not verified for over 6 months')
    await context.close()
  })

  it('has no axe violations: empty, searched with filters and a postcode, and with an error', async () => {
    // bypassCSP only so axe can be injected; the other tests run under the real policy.
    const { context, page } = await open('/directory', { bypassCSP: true })
    await hydrated(page)
    await expectNoAxeViolations(page, 'the directory search')
    await page.goto(`/directory?q=whanau&postcode=${postcode.code}&open=0&capacity=ACCEPTING`)
    await hydrated(page)
    await expectNoAxeViolations(page, 'the directory search with words, a filter and a postcode')
    await page.goto('/directory?postcode=12')
    await expectNoAxeViolations(page, 'the directory search with a postcode error')
    await page.goto('/directory?q=zzzzqqqq')
    expect(await page.locator('.results').innerText()).toContain('No services match')
    await expectNoAxeViolations(page, 'the directory search with no results')
    await context.close()
  })

  it('works without JavaScript: the form submits, the filters and the map are links', async () => {
    const { context, page, endpointCalls } = await open('/directory', { javaScriptEnabled: false })
    expect(await page.getByRole('button', { name: 'Use my location' }).count()).toBe(0)
    await box(page).fill('whanau')
    const whanau = await search({ q: 'whanau' })
    const kaupapa = facet(whanau, 'culturalFocus').find((v) => v.value === 'KAUPAPA_MAORI')
    expect(kaupapa, 'kaupapa Māori listings among the whānau results').toBeTruthy()
    await page.getByRole('button', { name: 'Rapu / Search' }).click()
    await page.waitForURL((url) => url.searchParams.get('q') === 'whanau')
    expect(await heading(page).innerText()).toBe(`${countText(whanau.total)} for “whanau”`)

    // A filter ticked, then applied with the button that only shows without JavaScript.
    await page.locator('fieldset[data-facet="culturalFocus"] input[value="KAUPAPA_MAORI"]').check()
    await page.getByLabel('Postcode').fill(postcode.code)
    await page.getByRole('button', { name: 'Show services' }).click()
    await page.waitForURL((url) => url.searchParams.get('culture') === 'KAUPAPA_MAORI')
    const narrowed = await search({ q: 'whanau', culturalFocus: ['KAUPAPA_MAORI'], postcode: postcode.code, radiusKm: 25, sort: 'DISTANCE' })
    expect(await heading(page).innerText()).toBe(`${countText(narrowed.total)} for “whanau”`)
    expect(await page.locator('#q').inputValue()).toBe('whanau')
    const shown = await distances(page)
    expect([...shown.current, ...shown.lower]).toEqual(narrowed.hits.map((h) => h.distanceKm))
    ascending(shown.current)
    ascending(shown.lower)

    // The map's regions are plain links.
    await page.locator('a.region[data-region="09"]').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.searchParams.get('region') === '09')
    expect(await page.locator('fieldset[data-facet="region"] input[value="09"]').isChecked()).toBe(true)

    // Pages of results are links too.
    await page.goto('/directory')
    const firstPage = await hitNames(page)
    await page.getByRole('link', { name: 'Next page' }).click()
    await page.waitForURL((url) => url.searchParams.get('page') === '2')
    expect(await hitNames(page)).not.toEqual(firstPage)
    expect(endpointCalls).toEqual([])
    await screenshot(page, 'directory-search-no-js')
    await context.close()
  })
})

/** A point near the postcode's listings, for the browser's location. */
function answerOrigin(): { lat: number; lng: number } {
  return postcode.answer.origin!
}
