// Partner systems subscribe to their organisation's referral events (FHIR SDOH rest-hook style).
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError, REFERRAL_EVENT_TYPES, validationError, type Actor } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import { membershipFor, requireUser } from '../actor-scope'
import { writeAudit } from '../audit/write-audit'
import { checkWebhookTarget } from './webhook-target'

/**
 * `*` is every referral event; `directory.changed` (services, organisations and locations anywhere in
 * the directory, with their HSDS ids) is only sent to a subscription that names it.
 */
export const WEBHOOK_EVENT_TYPES = [
  '*',
  ...REFERRAL_EVENT_TYPES.map((t) => `referral.${t.toLowerCase()}`),
  'directory.changed',
] as const
const EVENT_TYPES = WEBHOOK_EVENT_TYPES

export const ZCreateWebhookInput = z.object({
  url: z.url({ error: 'url must be a URL' }).max(2000, { error: 'url must be at most 2000 characters' }),
  eventTypes: z
    .array(z.enum(EVENT_TYPES, { error: `eventTypes: each is "*", directory.changed or one of referral.sent, referral.accepted, ...` }), {
      error: 'eventTypes must be a list',
    })
    .min(1, { error: 'eventTypes must name at least one event type ("*" for all)' })
    .max(EVENT_TYPES.length),
})

/**
 * Only HTTPS endpoints on the public internet: the URL and every address its name resolves to now
 * are checked (checkWebhookTarget; checked again before every delivery). Returns the secret once:
 * it is how the partner checks our signature.
 */
export async function createWebhookSubscription({
  deps,
  actor,
  input,
  requestId,
}: {
  deps: ServiceDeps
  actor: Actor
  input: unknown
  requestId?: string
}) {
  const user = requireUser(actor)
  const m = membershipFor(actor, 'webhooks:manage')
  const parsed = ZCreateWebhookInput.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error.issues)
  const target = await checkWebhookTarget(deps, parsed.data.url)
  if (!target.ok) throw new AppError('VALIDATION_FAILED', `url: ${target.reason}`, 'url')
  const url = target.url
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
