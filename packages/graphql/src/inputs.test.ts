// Conventions 6: one zod schema per input; the GraphQL input types must carry the same fields.
import { describe, expect, it } from 'vitest'
import type { GraphQLInputObjectType } from 'graphql'
import {
  ZCancelReferralInput,
  ZCompleteReferralInput,
  ZContactInput,
  ZCostOptionInput,
  ZCreateServiceListingInput,
  ZOpeningHoursInterval,
  ZPhoneInput,
  ZServiceAreaInput,
  ZUpdateLocationInput,
  ZUpdateOrganisationListingInput,
  ZUpdateServiceListingInput,
  ZVerifyListingInput,
  ZDeclineReferralInput,
  ZFailReferralInput,
  ZGrantConsentInput,
  ZPutOnHoldInput,
  ZRecordContactAttemptInput,
  ZRecordPersonInput,
  ZRedirectReferralInput,
  ZReferralIdInput,
  ZSendReferralInput,
  ZWithdrawConsentInput,
  ZCaseCommand,
  ZEscalationCommand,
  ZFundingModel,
  ZFundingPeriod,
  ZFundingRequestCommand,
  ZFundingRequestInput,
  ZHighNeedsServicesInput,
  ZOpenSharedCaseInput,
  ZPlacement,
  ZRaiseEscalationInput,
  ZReconciliationInput,
  ZS396Command,
  ZStartS396ApplicationInput,
  ZCaseManagerConfirmationInput,
  ZCheckWhatYouMightGetInput,
  ZFundAllocationInput,
  ZGrantEligibilityInput,
  ZGrantRequestInput,
} from '@fsn/domain'
import { ZAmendInteractionNotesInput, ZRecordInteractionInput, ZSearchDirectoryInput } from '@fsn/services'
import { buildSchema } from './index'

const fieldsOf = (name: string) =>
  Object.keys((buildSchema().getType(name) as GraphQLInputObjectType).getFields()).sort()
const keysOf = (...schemas: { shape: object }[]) =>
  [...new Set(schemas.flatMap((s) => Object.keys(s.shape)))].sort()

describe('GraphQL inputs match the domain schemas', () => {
  it.each([
    ['RecordPersonInput', [ZRecordPersonInput]],
    ['GrantConsentInput', [ZGrantConsentInput]],
    ['WithdrawConsentInput', [ZWithdrawConsentInput]],
    ['SendReferralInput', [ZSendReferralInput]],
    ['RecordContactAttemptInput', [ZRecordContactAttemptInput]],
    ['RedirectReferralInput', [ZRedirectReferralInput]],
    ['DirectorySearchInput', [ZSearchDirectoryInput]],
    ['UpdateServiceListingInput', [ZUpdateServiceListingInput]],
    ['CreateServiceListingInput', [ZCreateServiceListingInput]],
    ['UpdateOrganisationListingInput', [ZUpdateOrganisationListingInput]],
    ['UpdateLocationInput', [ZUpdateLocationInput]],
    ['VerifyListingInput', [ZVerifyListingInput]],
    ['PhoneInput', [ZPhoneInput]],
    ['ContactInput', [ZContactInput]],
    ['OpeningHoursInput', [ZOpeningHoursInterval]],
    ['ServiceAreaInput', [ZServiceAreaInput]],
    ['CostOptionInput', [ZCostOptionInput]],
    [
      'ReferralStepInput',
      [
        ZReferralIdInput,
        ZDeclineReferralInput,
        ZPutOnHoldInput,
        ZCompleteReferralInput,
        ZFailReferralInput,
        ZCancelReferralInput,
      ],
    ],
  ] as const)('%s', (name, schemas) => {
    expect(fieldsOf(name)).toEqual(keysOf(...(schemas as unknown as { shape: object }[])))
  })

  // A command union is one flat input: `type` (or `kind`) and every variant's fields, plus the id of
  // what it acts on; the use case parses it with the same union.
  const union = (u: { options: readonly { shape: object }[] }, ...extra: string[]) =>
    [...new Set([...u.options.flatMap((o) => Object.keys(o.shape)), ...extra])].sort()

  it.each([
    ['CarePartnerApplicationCommandInput', union(ZS396Command, 'applicationId')],
    ['CareEscalationCommandInput', union(ZEscalationCommand, 'escalationId')],
    ['CareFundingDecisionInput', union(ZFundingRequestCommand, 'requestId')],
    ['FundingModelInput', union(ZFundingModel)],
    ['CareFundingRequestInput', union(ZFundingRequestInput)],
    ['CaseCommandInput', union(ZCaseCommand, 'caseId')],
    ['StartCarePartnerApplicationInput', keysOf(ZStartS396ApplicationInput)],
    ['RaiseCareEscalationInput', [...keysOf(ZRaiseEscalationInput), 'involvedOrganisationIds'].sort()],
    ['AgreeCareAgreementInput', ['carePartnerOrganisationId', 'model', 'reference']],
    ['HighNeedsServicesInput', keysOf(ZHighNeedsServicesInput)],
    ['RecordCarePlacementInput', [...keysOf(ZPlacement), 'careAgreementId'].sort()],
    ['FundingPeriodInput', keysOf(ZFundingPeriod)],
    [
      'ReconcileCareAgreementInput',
      [
        ...keysOf(ZReconciliationInput).filter((k) => k !== 'model' && k !== 'placements'),
        'careAgreementId',
      ].sort(),
    ],
    ['OpenCaseInput', keysOf(ZOpenSharedCaseInput)],
  ] as const)('%s (issue 6)', (name, keys) => {
    expect(fieldsOf(name)).toEqual(keys)
  })

  it('CaseActionInput matches the actions of a recorded discussion', () => {
    const discussion = ZCaseCommand.options.find((o) => 'minutes' in o.shape)!
    const action = (discussion.shape as unknown as { actions: { unwrap(): { element: { shape: object } } } })
      .actions
    expect(fieldsOf('CaseActionInput')).toEqual(Object.keys(action.unwrap().element.shape).sort())
  })

  it.each([
    ['RecordInteractionInput', keysOf(ZRecordInteractionInput)],
    ['AmendInteractionNotesInput', keysOf(ZAmendInteractionNotesInput)],
    ['RequestGrantInput', keysOf(ZGrantRequestInput)],
    ['GrantEligibilityInput', keysOf(ZGrantEligibilityInput)],
    ['CheckWhatYouMightGetInput', keysOf(ZCheckWhatYouMightGetInput)],
    ['CaseManagerConfirmationInput', keysOf(ZCaseManagerConfirmationInput)],
    ['AllocateFundInput', keysOf(ZFundAllocationInput)],
  ] as const)('%s (issue 5)', (name, keys) => {
    expect(fieldsOf(name)).toEqual(keys)
  })

  it('WhanauMemberInput matches the whānau entries of RecordPersonInput', () => {
    const whanau = ZRecordPersonInput.shape.whanau.unwrap().element
    expect(fieldsOf('WhanauMemberInput')).toEqual(Object.keys(whanau.shape).sort())
  })
})
