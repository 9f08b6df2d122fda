// GraphiQL (development only: NODE_ENV=production never serves it) is the one HTML page the API
// answers. Every other response has `default-src 'none'` (app.ts). Yoga's GraphiQL page loads its
// script, stylesheet and editor workers from unpkg.com and runs two inline scripts, so it gets its
// own policy:
// - scripts: exactly the inline scripts on the page (their SHA-256 hashes, computed from the
//   page as served, so no 'unsafe-inline'), plus https://unpkg.com for the bundle;
// - styles: https://unpkg.com and inline (the Monaco editor writes style elements and attributes);
// - connect: this origin (the queries) and https://unpkg.com (the workers' sources are fetched and
//   run as blob: workers, hence worker-src blob:);
// - images: this origin, data: and the favicon's host; fonts: unpkg.com and data:;
// - nothing may frame it, and it may neither submit forms nor change its base URL.
import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

const CDN = 'https://unpkg.com'

export function graphiqlPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  )
  return [
    "default-src 'none'",
    `script-src ${[...hashes, CDN].join(' ')}`,
    `style-src ${CDN} 'unsafe-inline'`,
    `connect-src 'self' ${CDN}`,
    'worker-src blob:',
    `img-src 'self' data: https://raw.githubusercontent.com`,
    `font-src ${CDN} data:`,
    "frame-ancestors 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ')
}

/**
 * Registered before secureHeaders, so it runs after it on the way out and replaces its
 * `default-src 'none'` on GraphiQL's HTML page only.
 */
export function graphiqlContentSecurityPolicy(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (!c.res.headers.get('content-type')?.startsWith('text/html')) return
    const html = await c.res.clone().text()
    c.res.headers.set('content-security-policy', graphiqlPolicy(html))
  }
}
