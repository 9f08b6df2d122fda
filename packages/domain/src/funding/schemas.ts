// Input schemas for the discretionary fund, one per input, shared by the REST route and the GraphQL
// mutation (Conventions 6). Every message names its field. They check shape only: whether a grant
// may be made (category, balance, eligibility records) is assessGrantRequest's decision, so that a
// connector is told every reason at once rather than the first failing field.
import { z } from 'zod'
import { instant, oneOf, says, text, uuid } from '../directory/listing-fields'
import { CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES } from './assess-grant-request'
import { MAX_ALLOCATION_CENTS, MAX_GRANT_CENTS, formatCents } from './money'
import { GRANT_NEED_CATEGORIES } from './need-categories'

/** Whole cents, more than zero, at most `max`: 2500 is $25.00. */
const cents = (field: string, max: number) =>
  z
    .int(says(field, 'a whole number of cents, e.g. 2500 for $25.00'))
    .positive({ error: `${field} must be more than 0` })
    .max(max, { error: `${field} must be at most ${max} (${formatCents(max)})` })

const optionalNote = (field: string, max: number) =>
  z
    .string(says(field, 'text'))
    .trim()
    .max(max, { error: `${field} must be at most ${max} characters` })
    .optional()

export const ZCheckWhatYouMightGetInput = z.object({
  done: z.boolean(says('eligibility.checkWhatYouMightGet.done', 'true or false')),
  at: instant('eligibility.checkWhatYouMightGet.at'),
  outcome: oneOf('eligibility.checkWhatYouMightGet.outcome', CHECK_WHAT_YOU_MIGHT_GET_OUTCOMES),
})

export const ZCaseManagerConfirmationInput = z.object({
  name: text('eligibility.caseManagerConfirmation.name', 200),
  at: instant('eligibility.caseManagerConfirmation.at'),
})

export const ZGrantEligibilityInput = z.object(
  {
    checkWhatYouMightGet: ZCheckWhatYouMightGetInput.optional(),
    caseManagerConfirmation: ZCaseManagerConfirmationInput.optional(),
    timeCriticalImperative: optionalNote('eligibility.timeCriticalImperative', 2000),
  },
  says('eligibility', 'an object with the eligibility records or a time-critical imperative'),
)

export const ZGrantRequestInput = z.object({
  /** The person the grant is for (the whānau is recorded with them). */
  personId: uuid('personId'),
  category: oneOf('category', GRANT_NEED_CATEGORIES),
  amountCents: cents('amountCents', MAX_GRANT_CENTS),
  eligibility: ZGrantEligibilityInput,
  /** What the grant pays for, for the connector's own records; never exported (the report has category and amount only). */
  note: optionalNote('note', 1000),
})
export type TGrantRequestInput = z.infer<typeof ZGrantRequestInput>

export const ZFundAllocationInput = z.object({
  /** The connector (user) whose fund receives the allocation. */
  connectorId: uuid('connectorId'),
  amountCents: cents('amountCents', MAX_ALLOCATION_CENTS),
  note: optionalNote('note', 1000),
})
export type TFundAllocationInput = z.infer<typeof ZFundAllocationInput>
