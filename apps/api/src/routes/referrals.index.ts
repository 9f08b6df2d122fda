import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  actOnReferral,
  checkReferralRouting,
  findReferrals,
  getReferral,
  grantConsent,
  recordContactAttempt,
  recordPerson,
  redirectReferral,
  sendReferral,
  withdrawConsent,
  type ServiceDeps,
} from '@fsn/services'
import { AppError, isAppError } from '@fsn/domain'
import type { AppEnv } from '../http/env'
import {
  contactAttemptRoute,
  getReferralRoute,
  grantConsentRoute,
  listReferralsRoute,
  recordPersonRoute,
  redirectRoute,
  routingCheckRoute,
  sendReferralRoute,
  stepRoutes,
  withdrawConsentRoute,
  type StepPath,
} from './referrals.routes'
import { consentBody } from './referrals.schemas'

const STEP_TYPES: Record<StepPath, Parameters<typeof actOnReferral>[0]['type']> = {
  accept: 'accept',
  start: 'start',
  resume: 'resume',
  decline: 'decline',
  'put-on-hold': 'putOnHold',
  complete: 'complete',
  fail: 'fail',
  cancel: 'cancel',
}

/**
 * The body as sent. The route's schema already checked it (and documents it); the use case parses
 * it again with the same schema, and must get the raw JSON, not the transformed output (dates).
 */
async function rawBody(c: { req: { json: () => Promise<unknown> } }): Promise<Record<string, unknown>> {
  try {
    const body = await c.req.json()
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

// The use case's names for the inbox filters, and the query parameters they come from.
const QUERY_NAMES: Record<string, string> = { first: 'per_page', status: 'status', regionCode: 'region', serviceId: 'service_id', after: 'after' }

/** A 400 from the use case names the query parameter the caller sent ("per_page", not "first"). */
async function withQueryFieldNames<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    const name = isAppError(err) && err.field ? QUERY_NAMES[err.field.split('.')[0]!] : undefined
    if (isAppError(err) && name) throw new AppError(err.code, err.message.replace(err.field!, name), name, err.details)
    throw err
  }
}

export function mountReferrals(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  const ctx = (c: { get: (k: 'actor' | 'requestId') => never }) => ({ deps, actor: c.get('actor'), requestId: c.get('requestId') })

  app.openapi(sendReferralRoute, async (c) => {
    // An Idempotency-Key header works as well as the body field (the body wins).
    c.req.valid('json')
    const body = await rawBody(c)
    const header = c.req.header('idempotency-key')
    if (header && body.idempotencyKey === undefined) body.idempotencyKey = header
    const result = await sendReferral({ ...ctx(c as never), input: body })
    return c.json({ ...result.referral, replayed: result.replayed }, result.replayed ? 200 : 201)
  })

  app.openapi(listReferralsRoute, async (c) => {
    const q = c.req.valid('query')
    const page = await withQueryFieldNames(findReferrals({
      deps,
      actor: c.get('actor'),
      input: {
        box: q.box,
        ...(q.status ? { status: q.status.split(',') as never } : {}),
        ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
        ...(q.region ? { regionCode: q.region } : {}),
        ...(q.service_id ? { serviceId: q.service_id } : {}),
        ...(q.per_page !== undefined ? { first: q.per_page } : {}),
        ...(q.after ? { after: q.after } : {}),
      },
    }))
    return c.json({ total_items: page.totalCount, has_next_page: page.hasNextPage, next_cursor: page.endCursor, contents: page.nodes }, 200)
  })

  app.openapi(routingCheckRoute, async (c) => c.json(await checkReferralRouting({ deps, actor: c.get('actor'), input: c.req.valid('json') }), 200))

  app.openapi(getReferralRoute, async (c) => c.json(await getReferral({ deps, actor: c.get('actor'), referralId: c.req.valid('param').id }), 200))

  for (const [path, route] of Object.entries(stepRoutes) as [StepPath, (typeof stepRoutes)[StepPath]][]) {
    app.openapi(route, async (c) => {
      const body = await rawBody(c)
      // The same redacted view as GET, with the step as the access record's purpose.
      const referral = await actOnReferral({
        ...ctx(c as never),
        type: STEP_TYPES[path],
        input: { ...body, referralId: (c.req.valid('param' as never) as { id: string }).id },
      })
      return c.json(referral, 200)
    })
  }

  app.openapi(contactAttemptRoute, async (c) => {
    const r = await recordContactAttempt({ ...ctx(c as never), input: { ...(await rawBody(c)), referralId: c.req.valid('param').id } })
    return c.json(r, 201)
  })

  app.openapi(redirectRoute, async (c) => {
    const r = await redirectReferral({ ...ctx(c as never), input: { ...(await rawBody(c)), referralId: c.req.valid('param').id } })
    return c.json(r, 201)
  })

  app.openapi(recordPersonRoute, async (c) => {
    const person = await recordPerson({ ...ctx(c as never), input: await rawBody(c) })
    return c.json({ id: person.id }, 201)
  })

  app.openapi(grantConsentRoute, async (c) => c.json(consentBody(await grantConsent({ ...ctx(c as never), input: await rawBody(c) })), 201))

  app.openapi(withdrawConsentRoute, async (c) =>
    c.json(consentBody(await withdrawConsent({ ...ctx(c as never), input: { ...(await rawBody(c)), consentId: c.req.valid('param').id } })), 200),
  )
}
