// Keeping the person informed (issue 15; Guidelines, Service Agreements: keep whānau informed of
// what happens with their referral). Short status messages at sent, accepted, declined or
// redirected, and closed, by email or SMS, in English or te reo Māori. Privacy Act 2020, IPP 11:
// an email or text can be read by someone else on the person's phone or inbox, so a message
// carries the status and the provider's name and nothing else: no name, no needs, no reason, no
// reference, no link. The templates take nothing else, so they cannot carry anything else.
import type { ReferralEventType } from '../referrals/referral-enums'

export const PERSON_MESSAGE_CHANNELS = ['NONE', 'EMAIL', 'SMS'] as const
export type PersonMessageChannel = (typeof PERSON_MESSAGE_CHANNELS)[number]

export const MESSAGE_LANGUAGES = ['EN', 'MI'] as const
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number]

export const PERSON_MESSAGE_STATUSES = ['SENT', 'ACCEPTED', 'DECLINED', 'REDIRECTED', 'CLOSED'] as const
export type PersonMessageStatus = (typeof PERSON_MESSAGE_STATUSES)[number]

/** The referral events the person hears about, and the status word each becomes. */
export function personMessageStatusOf(event: ReferralEventType): PersonMessageStatus | null {
  switch (event) {
    case 'SENT':
    case 'ACCEPTED':
    case 'DECLINED':
    case 'REDIRECTED':
      return event
    case 'COMPLETED':
    case 'FAILED':
    case 'CANCELLED':
      return 'CLOSED'
    default:
      return null
  }
}

/** Longest provider name a message carries; longer names are cut (an SMS must stay short). */
export const PROVIDER_NAME_MAX = 60

function providerOf(name: string): string {
  // One line, no control characters: the name is the only free text in the message.
  const clean = name.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim()
  return clean.length > PROVIDER_NAME_MAX ? `${clean.slice(0, PROVIDER_NAME_MAX - 1).trimEnd()}…` : clean
}

const TEXT: Record<MessageLanguage, Record<PersonMessageStatus, (provider: string) => string>> = {
  EN: {
    SENT: (p) => `Kia ora. Your referral to ${p} has been sent. They will be in touch.`,
    ACCEPTED: (p) => `Kia ora. ${p} has accepted your referral and will contact you.`,
    DECLINED: (p) => `Kia ora. ${p} cannot take your referral. The person who referred you will talk with you about next steps.`,
    REDIRECTED: (p) => `Kia ora. ${p} has passed your referral to another service that can help.`,
    CLOSED: (p) => `Kia ora. Your referral to ${p} is now closed.`,
  },
  MI: {
    SENT: (p) => `Kia ora. Kua tukuna tō tono ki a ${p}. Ka whakapā mai rātou ki a koe.`,
    ACCEPTED: (p) => `Kia ora. Kua whakaae a ${p} ki tō tono, ā, ka whakapā mai ki a koe.`,
    DECLINED: (p) => `Kia ora. Kāore e taea e ${p} tō tono. Ka kōrero te tangata nāna koe i tuku mō ngā mahi e whai ake nei.`,
    REDIRECTED: (p) => `Kia ora. Kua tukuna e ${p} tō tono ki tētahi atu ratonga ka taea te āwhina.`,
    CLOSED: (p) => `Kia ora. Kua katia tō tono ki a ${p}.`,
  },
}

const SUBJECT: Record<MessageLanguage, string> = {
  EN: 'An update on your referral',
  MI: 'He kōrero hou mō tō tono',
}

export interface PersonStatusMessage {
  channel: 'EMAIL' | 'SMS'
  language: MessageLanguage
  status: PersonMessageStatus
  /** Email only. */
  subject: string | null
  text: string
}

/** The message for a status, in the person's language, naming only the provider. */
export function personStatusMessage(input: {
  channel: 'EMAIL' | 'SMS'
  language: MessageLanguage
  status: PersonMessageStatus
  providerName: string
}): PersonStatusMessage {
  const text = TEXT[input.language][input.status](providerOf(input.providerName))
  return {
    channel: input.channel,
    language: input.language,
    status: input.status,
    subject: input.channel === 'EMAIL' ? SUBJECT[input.language] : null,
    text,
  }
}

export type PersonMessageDecision =
  | { send: true; channel: 'EMAIL' | 'SMS'; to: string }
  | { send: false; reason: 'NO_CHANNEL' | 'CONSENT_NOT_CURRENT' | 'NO_CONTACT_DETAIL' }

/**
 * Whether to message the person: they chose a channel, the consent still stands (not withdrawn,
 * not expired at `now`), and the detail for that channel is recorded.
 */
export function decidePersonMessage(
  person: { statusChannel: PersonMessageChannel; email: string | null; phone: string | null },
  consent: { withdrawnAt: Date | null; expiresAt: Date | null },
  now: Date,
): PersonMessageDecision {
  if (person.statusChannel === 'NONE') return { send: false, reason: 'NO_CHANNEL' }
  if (consent.withdrawnAt || (consent.expiresAt && consent.expiresAt.getTime() <= now.getTime())) {
    return { send: false, reason: 'CONSENT_NOT_CURRENT' }
  }
  const to = person.statusChannel === 'EMAIL' ? person.email : person.phone
  if (!to) return { send: false, reason: 'NO_CONTACT_DETAIL' }
  return { send: true, channel: person.statusChannel, to }
}
