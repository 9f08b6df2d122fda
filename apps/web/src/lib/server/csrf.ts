// Cross-site form posts (issue 12). SvelteKit refuses a form post whose Origin is not the app's
// own, but not under `vite dev` (which the README's start runs), and the API's own CSRF check
// cannot help: the web server calls it without the browser's Origin. So the check is made here,
// in hooks.server.ts, the same way in `vite dev`, `vite preview` and the adapter-node build; Kit's
// own (svelte.config.js) stays on as well.
//
// As Kit does, a request that is not GET/HEAD/OPTIONS and carries a content type a plain HTML
// form can send (form-urlencoded, multipart, text/plain) must come from this app's origin or a
// configured trusted one; a missing Origin is refused too (every current browser sends it on such
// a post). Stricter than Kit: a foreign Origin is refused whatever the content type, and so is a
// post with no content type at all (a bodiless cross-site fetch still reaches a form action).

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'])

/** True when this request is a form post from another origin, to be refused with 403. */
export function isCrossSiteFormPost(request: Request, url: URL, trustedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false
  const origin = request.headers.get('origin')
  if (origin !== null) return origin !== url.origin && !trustedOrigins.includes(origin)
  const fetchSite = request.headers.get('sec-fetch-site')?.toLowerCase()
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') return true
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  return !type || FORM_TYPES.has(type)
}

export const CROSS_SITE_MESSAGE = 'Cross-site form submissions are forbidden.'
