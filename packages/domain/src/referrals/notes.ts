// Notes between the sending and receiving organisations on one referral (NOTE_ADDED events).
// A note may say anything about the person's needs, so its text is governed as the needs summary
// is: the other organisation reads it only while the consent lets it see NEEDS_SUMMARY; the
// author's own organisation always reads its own notes (it wrote them).
import { z } from 'zod'
import type { Redacted } from '../consent/coverage'
import type { PersonAccessDecision } from '../privacy/need-to-know'

export const NOTE_MAX_LENGTH = 2000

export const ZAddReferralNoteInput = z.object({
  referralId: z.uuid({
    error: (iss) => (iss.input === undefined ? 'referralId is required' : 'referralId must be a UUID'),
  }),
  text: z
    .string({ error: (iss) => (iss.input === undefined ? 'text is required' : 'text must be text') })
    .trim()
    .min(1, { error: 'text is required' })
    .max(NOTE_MAX_LENGTH, { error: `text must be at most ${NOTE_MAX_LENGTH} characters` }),
})
export type TAddReferralNoteInput = z.input<typeof ZAddReferralNoteInput>

export const NOTE_HIDDEN =
  'The person has not agreed to share their needs with your organisation, or the consent no longer stands.'

/** Whether this viewer reads the text of a note written by `authorOrganisationId`. */
export function noteTextVisible(
  d: Pick<PersonAccessDecision, 'relationship' | 'organisationId' | 'visibleKinds'>,
  authorOrganisationId: string | null,
): boolean {
  // Only the two parties to the referral read its notes at all.
  if (d.relationship !== 'SENDER' && d.relationship !== 'RECEIVER') return false
  if (authorOrganisationId !== null && d.organisationId === authorOrganisationId) return true
  return d.visibleKinds.includes('NEEDS_SUMMARY')
}

/** The note's text as this viewer may see it. */
export function noteTextFor(
  d: Pick<PersonAccessDecision, 'relationship' | 'organisationId' | 'visibleKinds'>,
  authorOrganisationId: string | null,
  text: string | null,
): string | null | Redacted {
  return noteTextVisible(d, authorOrganisationId) ? text : { redacted: true, reason: NOTE_HIDDEN }
}
