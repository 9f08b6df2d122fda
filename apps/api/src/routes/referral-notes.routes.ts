// REST contract for the notes between the sending and receiving organisations on a referral.
import { createRoute, z } from '@hono/zod-openapi'
import { ZAddReferralNoteInput } from '@fsn/domain'
import { ZErrorBody } from './auth.routes'
import { ZReferralView } from './referrals.schemas'

const error = (description: string) => ({ description, content: { 'application/json': { schema: ZErrorBody } } })

export const addReferralNoteRoute = createRoute({
  method: 'post',
  path: '/api/v1/referrals/{id}/notes',
  tags: ['referrals'],
  summary:
    'Add a note for the other organisation. Its text reaches them only while the consent shows them the needs summary.',
  request: {
    params: z.object({ id: z.uuid({ error: 'id must be a UUID' }) }),
    body: {
      required: true,
      content: { 'application/json': { schema: ZAddReferralNoteInput.omit({ referralId: true }) } },
    },
  },
  responses: {
    201: {
      description: 'Added: the referral as GET shows it to you, with the thread',
      content: { 'application/json': { schema: ZReferralView } },
    },
    400: error('A field is missing or malformed (the body names it)'),
    401: error('Not signed in'),
    403: error('Only the sending and receiving organisations write notes'),
    404: error('No such referral (or no duty on it)'),
    409: error('The referral is a draft'),
  },
})
