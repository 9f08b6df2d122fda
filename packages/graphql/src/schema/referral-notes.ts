// Notes between the sending and receiving organisations on a referral: the Referral's `notes`
// thread and the addReferralNote mutation, thin over packages/services (add-referral-note.ts).
import { isRedacted } from '@fsn/domain'
import { addReferralNote, type ReferralView } from '@fsn/services'
import { builder } from '../builder'
import { RedactableTextRef, ReferralRef } from './referrals'

type Note = ReferralView['notes'][number]

const NoteSideEnum = builder.enumType('ReferralNoteSide', { values: ['SENDER', 'RECEIVER'] as const })

const ReferralNoteRef = builder.objectRef<Note>('ReferralNote').implement({
  description: 'A note between the two organisations. Its text follows the needs summary’s consent rule.',
  fields: (t) => ({
    id: t.exposeID('id'),
    authorSide: t.expose('authorSide', { type: NoteSideEnum }),
    authorOrganisationId: t.id({ resolve: (n) => n.authorOrganisation.id }),
    authorOrganisationName: t.string({ resolve: (n) => n.authorOrganisation.name }),
    text: t.field({
      type: RedactableTextRef,
      resolve: (n) =>
        isRedacted(n.text)
          ? { value: null, redacted: true, reason: n.text.reason }
          : { value: n.text, redacted: false, reason: null },
    }),
    addedAt: t.expose('addedAt', { type: 'DateTime' }),
  }),
})

builder.objectField(ReferralRef, 'notes', (t) =>
  t.field({
    type: [ReferralNoteRef],
    description: 'The thread of notes between the sending and receiving organisations, oldest first.',
    resolve: (r) => r.notes,
  }),
)

const AddReferralNoteInput = builder.inputType('AddReferralNoteInput', {
  fields: (t) => ({
    referralId: t.id({ required: true }),
    text: t.string({ required: true }),
  }),
})

builder.mutationField('addReferralNote', (t) =>
  t.field({
    type: ReferralRef,
    description: 'A note for the other organisation; the referral as you may see it, with the thread.',
    args: { input: t.arg({ type: AddReferralNoteInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      addReferralNote({ deps: ctx.deps, actor: ctx.actor, input, requestId: ctx.requestId }),
  }),
)
