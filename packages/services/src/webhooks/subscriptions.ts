// Partner systems subscribe to their organisation's referral events (FHIR SDOH rest-hook style).
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError, REFERRAL_EVENT_TYPES, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor, requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'

const EVENT_TYPES = ['*', ...REFERRAL_EVENT_TYPES.map((t) => `referral.${t.toLowerCase()}`)] as const

export const ZCreateWebhookInput = z.object({
  url: z.url({ error: 'url must be a URL' }).max(2000, { error: 'url must be at most 2000 characters' }),
  eventTypes: z
    .array(z.enum(EVENT_TYPES, { error: `eventTypes: each is "*" or one of referral.sent, referral.accepted, ...` }), {
      error: 'eventTypes must be a list',
    })
    .min(1, { error: 'eventTypes must name at least one event type ("*" for all)' })
    .max(EVENT_TYPES.length),
})

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Only HTTPS endpoints. Plain HTTP to loopback is allowed where the composition root says so
 * (development and tests), never in production. Returns the secret once: it is how the partner
 * checks our signature.
 */
export async function createWebhookSubscription({
  deps,
  actor,
  input,
  allowLoopbackHttp = false,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  allowLoopbackHttp?: boolean
  requestId?: string
}) {
  const user = requireUser(actor)
  const m = membershipFor(actor, 'webhooks:manage')
  const parsed = ZCreateWebhookInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const url = new URL(parsed.data.url)
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname)
  if (url.protocol !== 'https:' && !(allowLoopbackHttp && loopbackHttp)) {
    throw new AppError('VALIDATION_FAILED', 'url: webhooks are delivered over HTTPS only', 'url')
  }
  if (url.username || url.password) throw new AppError('VALIDATION_FAILED', 'url: must not carry credentials', 'url')
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const now = deps.clock()
  return deps.prisma.$transaction(async (tx) => {
    const sub = await tx.webhookSubscription.create({
      data: { organisationId: m.organisationId, url: url.toString(), secret, eventTypes: parsed.data.eventTypes, createdById: user.user.id, createdAt: now },
    })
    await writeAudit(tx, {
      occurredAt: now,
      actorId: user.user.id,
      actorOrganisationId: m.organisationId,
      action: 'webhook.subscribe',
      entityType: 'WebhookSubscription',
      entityId: sub.id,
      data: { url: sub.url, eventTypes: sub.eventTypes },
      requestId,
    })
    return sub
  })
}
