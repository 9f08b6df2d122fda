// Keeping the person informed (issue 15): after a referral event the outbox runs, the person gets a
// short status message by the channel they chose, in their language, when their consent still
// stands (domain decidePersonMessage, personStatusMessage). The message names the status and the
// provider only. Email goes through the EmailSender port, SMS through the SmsSender port; both are
// keyed by the event (`person:<eventId>`), so a handler re-run after a crash sends nothing twice
// through a sink that remembers keys.
import { decidePersonMessage, personMessageStatusOf, personStatusMessage, type ReferralEventType } from '@fsn/domain'
import type { ServiceDeps } from '../context'
import type { EmailSender } from '../referrals/handlers'

/**
 * SMS is a port: a file sink in development (apps/api/src/adapters/sms.ts, .data/sms.jsonl), an
 * HTTP gateway in production. `dedupeKey` is the same on every attempt at one message.
 */
export interface SmsSender {
  send(message: { to: string; text: string; dedupeKey?: string }): Promise<void>
}

export interface PersonMessagePorts {
  email: EmailSender
  sms?: SmsSender
}

/** Sends the status message for one referral event, if the person is to get one. */
export async function informPerson(
  deps: ServiceDeps,
  event: { id: string; type: ReferralEventType; referralId: string },
  ports: PersonMessagePorts,
): Promise<'sent' | 'skipped'> {
  const status = personMessageStatusOf(event.type)
  if (!status) return 'skipped'
  const r = await deps.prisma.referral.findUnique({
    where: { id: event.referralId },
    select: {
      person: { select: { statusChannel: true, messageLanguage: true, email: true, phone: true } },
      consent: { select: { withdrawnAt: true, expiresAt: true } },
      toOrganisation: { select: { name: true } },
    },
  })
  if (!r) return 'skipped'
  const decision = decidePersonMessage(r.person, r.consent, deps.clock())
  if (!decision.send) return 'skipped'
  const message = personStatusMessage({
    channel: decision.channel,
    language: r.person.messageLanguage,
    status,
    providerName: r.toOrganisation.name,
  })
  const dedupeKey = `person:${event.id}`
  if (decision.channel === 'EMAIL') {
    await ports.email.send({ to: decision.to, subject: message.subject!, text: message.text, dedupeKey })
  } else {
    // No SMS port configured (SMS_SINK none): nothing to send through.
    if (!ports.sms) return 'skipped'
    await ports.sms.send({ to: decision.to, text: message.text, dedupeKey })
  }
  return 'sent'
}

/** An SmsSender that keeps messages in memory: tests. */
export function memorySmsSender(): SmsSender & { sent: { to: string; text: string; dedupeKey?: string }[] } {
  const sent: { to: string; text: string; dedupeKey?: string }[] = []
  return { sent, send: async (m) => void sent.push(m) }
}
