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
} from '@fsn/domain'
import { ZSearchDirectoryInput } from '@fsn/services'
import { buildSchema } from './index'

const fieldsOf = (name: string) => Object.keys((buildSchema().getType(name) as GraphQLInputObjectType).getFields()).sort()
const keysOf = (...schemas: { shape: object }[]) => [...new Set(schemas.flatMap((s) => Object.keys(s.shape)))].sort()

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
    ['ReferralStepInput', [ZReferralIdInput, ZDeclineReferralInput, ZPutOnHoldInput, ZCompleteReferralInput, ZFailReferralInput, ZCancelReferralInput]],
  ] as const)('%s', (name, schemas) => {
    expect(fieldsOf(name)).toEqual(keysOf(...(schemas as unknown as { shape: object }[])))
  })

  it('WhanauMemberInput matches the whānau entries of RecordPersonInput', () => {
    const whanau = ZRecordPersonInput.shape.whanau.unwrap().element
    expect(fieldsOf('WhanauMemberInput')).toEqual(Object.keys(whanau.shape).sort())
  })
})
