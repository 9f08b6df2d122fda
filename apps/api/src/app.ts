// The HTTP surface: /health, /auth, /graphql, /api/v1 and the OpenAPI document. Transports only:
// every handler calls a use case in packages/services.
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { Database } from '@fsn/db'
import type { ServiceDeps } from '@fsn/services'
import type { AppEnv } from './http/env'
import { defaultHook, errorResponse, onError } from './http/errors'
import { sessionMiddleware } from './http/session'
import { csrfProtection } from './http/csrf'
import { refuseControlCharacters } from './http/control-characters'
import { corsGrants } from './http/cors'
import { graphiqlContentSecurityPolicy } from './http/graphiql-csp'
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, type SignInLimiter, type SignInLimits } from './http/sign-in-limit'
import { requestLogging, type Logger } from './http/log'
import { createMetrics, routePattern } from './http/metrics'
import { outboxSearchProgress, type SearchProgress } from './http/ready'
import { createGraphQL } from './graphql'
import { mountHealth } from './routes/health.index'
import { mountAuth } from './routes/auth.index'
import { mountV1 } from './routes/v1.index'
import { mountReferrals } from './routes/referrals.index'
import { mountReferralNotes } from './routes/referral-notes.index'
import { mountWebhooks } from './routes/webhooks.index'
import { mountHsda } from './routes/hsda.index'
import { mountListings } from './routes/listings.index'
import { mountSearch } from './routes/search.index'
import { mountCarePartners } from './routes/care-partners.index'
import { mountCases } from './routes/cases.index'
import { mountPeople } from './routes/people.index'
import { mountReports } from './routes/reports.index'
import { mountCoverage } from './routes/coverage.index'
import { mountAccreditations } from './routes/accreditations.index'
import { mountRegionalEscalations } from './routes/regional-escalations.index'

export interface AppOptions {
  deps: ServiceDeps
  db: Pick<Database, 'ping' | 'kind' | 'poolStats'>
  cookieSecure: boolean
  bodyLimitBytes: number
  graphiql: boolean
  /** GraphQL introspection (__schema, __type); off in production. Defaults to on. */
  introspection?: boolean
  /**
   * Origins besides the API's own whose browser requests may change state and may read answers
   * cross-origin with credentials (WEB_URL, CORS_ORIGINS); no other origin gets a CORS grant.
   */
  allowedOrigins?: readonly string[]
  /** Peers whose X-Forwarded-For is believed (the web server); nobody else's. */
  trustedProxies?: readonly string[]
  signInLimits?: SignInLimits
  /** Shared counts (Redis or Postgres) when several API processes serve; in memory otherwise. */
  signInLimiter?: SignInLimiter
  /** The structured log (http/log.ts); without one, errors only, through console.error. */
  logger?: Logger
  /**
   * /metrics: `{ token }` needs `Authorization: Bearer <token>`; `{}` is open (development, tests);
   * false serves none (METRICS=off, or production without METRICS_TOKEN). Defaults to open.
   */
  metrics?: { token?: string; processMetrics?: boolean } | false
  /** Where this process's search index stands, for /ready and /metrics; defaults to the outbox's word. */
  searchProgress?: SearchProgress
}

export function createApp({
  deps,
  db,
  cookieSecure,
  bodyLimitBytes,
  graphiql,
  introspection = true,
  allowedOrigins = [],
  trustedProxies = [],
  signInLimits = DEFAULT_SIGN_IN_LIMITS,
  signInLimiter,
  logger,
  metrics: metricsOption = {},
  searchProgress = outboxSearchProgress(deps),
}: AppOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook })
  app.onError(onError)
  app.notFound((c) => errorResponse(c, 'NOT_FOUND'))
  app.use(requestId())
  // Request id on every log line, one line and one histogram observation per request (http/log.ts).
  const metrics = metricsOption
    ? createMetrics({ deps, db, search: searchProgress, processMetrics: metricsOption.processMetrics })
    : null
  app.use(requestLogging(logger, routePattern, metrics?.observe))
  // default-src 'none' on everything; GraphiQL's page (development only) gets its own policy
  // (http/graphiql-csp.ts), set on the way out after secureHeaders has set this one.
  if (graphiql) app.use('/graphql', graphiqlContentSecurityPolicy())
  app.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"] } }))
  app.use(corsGrants(allowedOrigins))
  app.use(
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: (c) => errorResponse(c as never, 'PAYLOAD_TOO_LARGE'),
    }),
  )

  // /health, /ready and /metrics answer without a session (routes/health.index.ts).
  mountHealth(app, { deps, db, search: searchProgress, metrics, metricsToken: metricsOption ? metricsOption.token : undefined })

  // Before the session is resolved: a forged request is refused without touching the database.
  app.use(csrfProtection(allowedOrigins))
  app.use(sessionMiddleware(deps, cookieSecure))
  // NUL, lone surrogates and other controls in a body, query or path: 400 naming the field.
  app.use(refuseControlCharacters())
  mountAuth(app, deps, { cookieSecure, limiter: signInLimiter ?? createSignInLimiter(deps.clock, signInLimits), trustedProxies })
  // routing-check before /referrals/{id} so the literal path wins.
  mountReferrals(app, deps)
  mountReferralNotes(app, deps)
  mountWebhooks(app, deps)
  mountV1(app, deps)
  mountHsda(app, deps)
  mountListings(app, deps)
  mountSearch(app, deps)
  mountCarePartners(app, deps)
  mountCases(app, deps)
  mountPeople(app, deps)
  mountReports(app, deps)
  mountCoverage(app, deps)
  mountRegionalEscalations(app, deps)
  mountAccreditations(app, deps)

  const yoga = createGraphQL({ graphiql, introspection })
  app.on(['GET', 'POST'], '/graphql', (c) =>
    yoga.fetch(c.req.raw, { actor: c.get('actor'), deps, requestId: c.get('requestId') }),
  )

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Family Services Network API',
      version: '0.1.0',
      description:
        'Directory of family services and the consent-tracked referral exchange for Aotearoa New Zealand. Errors are { code, message, field?, requestId }.',
    },
  })
  return app
}
