// REST contracts for the referral exchange. Bodies reuse the domain's zod schemas (the same ones
// GraphQL's use cases validate with); the referral id comes from the path.
import { createRoute, z } from '@hono/zod-openapi'
import {
  ZCancelReferralInput,
  ZCompleteReferralInput,
  ZDeclineReferralInput,
  ZFailReferralInput,
  ZGrantConsentInput,
  ZPutOnHoldInput,
  ZRecordContactAttemptInput,
  ZRecordPersonInput,
  ZRedirectReferralInput,
  ZSendReferralInput,
  ZWithdrawConsentInput,
} from '@fsn/domain'
import { ZErrorBody } from './auth.routes'
import {
  ZConsent,
  ZContactAttemptAnswer,
  ZRecordedPersonRef,
  ZRedirectAnswer,
  ZReferralPage,
  ZReferralView,
  ZRoutingDecision,
  ZSentReferral,
} from './referrals.schemas'

const errors = {
  400: { description: 'A field is missing or malformed (the body names it)', content: { 'application/json': { schema: ZErrorBody } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorBody } } },
  403: { description: 'Your role or organisation may not do this', content: { 'application/json': { schema: ZErrorBody } } },
  404: { description: 'No such referral, person, consent or service', content: { 'application/json': { schema: ZErrorBody } } },
  409: { description: 'The referral is not in a state that allows this', content: { 'application/json': { schema: ZErrorBody } } },
  422: { description: 'Routing refused or consent does not cover it; details list every reason', content: { 'application/json': { schema: ZErrorBody } } },
} as const

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })
// Every answer has a declared strict shape (referrals.schemas.ts): a person's details only as RedactedPerson.
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ 200: { description, ...json(schema) } })
const idParam = z.object({ id: z.uuid({ error: 'id must be a UUID' }) })

export const sendReferralRoute = createRoute({
  method: 'post',
  path: '/api/v1/referrals',
  tags: ['referrals'],
  summary: 'Send a referral. Checks consent and routing; an Idempotency-Key retry returns the first referral (200).',
  request: { body: { required: true, ...json(ZSendReferralInput) } },
  responses: {
    201: { description: 'Sent: the referral as GET shows it to you', ...json(ZSentReferral) },
    ...ok('An earlier send with the same idempotency key', ZSentReferral),
    ...errors,
  },
})

export const listReferralsRoute = createRoute({
  method: 'get',
  path: '/api/v1/referrals',
  tags: ['referrals'],
  summary: "Your organisation's inbox or outbox, newest first, without personal details.",
  request: {
    query: z.object({
      box: z.enum(['INBOX', 'OUTBOX'], { error: 'box must be INBOX or OUTBOX' }),
      status: z.string().optional().describe('Comma-separated statuses'),
      overdue: z.enum(['true', 'false'], { error: 'overdue must be true or false' }).optional(),
      region: z.string().optional(),
      service_id: z.string().optional(),
      per_page: z.coerce.number({ error: 'per_page must be a number' }).int().optional(),
      after: z.string().optional(),
    }),
  },
  responses: { ...ok('A page of referrals', ZReferralPage), ...errors },
})

export const getReferralRoute = createRoute({
  method: 'get',
  path: '/api/v1/referrals/{id}',
  tags: ['referrals'],
  summary: 'One referral with its timeline. Personal details only as the consent allows; the read is recorded.',
  request: { params: idParam },
  responses: { ...ok('The referral as you may see it (a caller without a duty on it gets 404)', ZReferralView), ...errors },
})

export const routingCheckRoute = createRoute({
  method: 'post',
  path: '/api/v1/referrals/routing-check',
  tags: ['referrals'],
  summary: 'Whether a service can take a referral for a person, with every reason if not.',
  request: { body: { required: true, ...json(z.object({ serviceId: z.uuid({ error: 'serviceId must be a UUID' }), personId: z.uuid({ error: 'personId must be a UUID' }) })) } },
  responses: { ...ok('The routing decision', ZRoutingDecision), ...errors },
})

const stepBodies = {
  accept: z.object({}),
  start: z.object({}),
  resume: z.object({}),
  decline: ZDeclineReferralInput.omit({ referralId: true }),
  'put-on-hold': ZPutOnHoldInput.omit({ referralId: true }),
  complete: ZCompleteReferralInput.omit({ referralId: true }),
  fail: ZFailReferralInput.omit({ referralId: true }),
  cancel: ZCancelReferralInput.omit({ referralId: true }),
} as const

export type StepPath = keyof typeof stepBodies

export const stepRoutes = Object.fromEntries(
  Object.entries(stepBodies).map(([step, body]) => [
    step,
    createRoute({
      method: 'post',
      path: `/api/v1/referrals/{id}/${step}`,
      tags: ['referrals'],
      summary: `Lifecycle step: ${step}.`,
      request: { params: idParam, body: { required: step !== 'accept' && step !== 'start' && step !== 'resume', ...json(body) } },
      responses: { ...ok('The referral after the step, as GET shows it to you', ZReferralView), ...errors },
    }),
  ]),
) as unknown as Record<StepPath, ReturnType<typeof createRoute>>

export const contactAttemptRoute = createRoute({
  method: 'post',
  path: '/api/v1/referrals/{id}/contact-attempts',
  tags: ['referrals'],
  summary: 'Record an attempt to reach the person; the third unsuccessful one escalates to the Regional Lead.',
  request: { params: idParam, body: { required: true, ...json(ZRecordContactAttemptInput.omit({ referralId: true })) } },
  responses: { 201: { description: 'Recorded, with the referral as GET shows it to you', ...json(ZContactAttemptAnswer) }, ...errors },
})

export const redirectRoute = createRoute({
  method: 'post',
  path: '/api/v1/referrals/{id}/redirect',
  tags: ['referrals'],
  summary: 'Redirect to another service: this referral ends, a linked new one is sent.',
  request: { params: idParam, body: { required: true, ...json(ZRedirectReferralInput.omit({ referralId: true })) } },
  responses: { 201: { description: 'The redirected referral as GET shows it to you, and the new one’s ids', ...json(ZRedirectAnswer) }, ...errors },
})

export const recordPersonRoute = createRoute({
  method: 'post',
  path: '/api/v1/people',
  tags: ['people'],
  summary: 'Record a person and their whānau (the minimum a warm referral needs).',
  request: { body: { required: true, ...json(ZRecordPersonInput) } },
  responses: { 201: { description: 'Recorded', ...json(ZRecordedPersonRef) }, ...errors },
})

export const grantConsentRoute = createRoute({
  method: 'post',
  path: '/api/v1/consents',
  tags: ['people'],
  summary: 'Record a consent: purpose, kinds of information, recipients, method, expiry.',
  request: { body: { required: true, ...json(ZGrantConsentInput) } },
  responses: { 201: { description: 'Recorded', ...json(ZConsent) }, ...errors },
})

export const withdrawConsentRoute = createRoute({
  method: 'post',
  path: '/api/v1/consents/{id}/withdraw',
  tags: ['people'],
  summary: 'Withdraw a consent: every open referral relying on it is redacted at once.',
  request: { params: idParam, body: { required: false, ...json(ZWithdrawConsentInput.omit({ consentId: true })) } },
  responses: { ...ok('Withdrawn', ZConsent), ...errors },
})
