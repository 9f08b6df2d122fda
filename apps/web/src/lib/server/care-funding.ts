// The budget manager's care agreements (issue 6): agree one after approval with its funding model,
// record placements, and reconcile a period (agreed against claimed and paid), all in whole cents.
import type { FixedPeriodUnit, FundingModelKind } from '$lib/care-funding'
import { operation } from './api'

export { FIXED_PERIOD_UNITS, FUNDING_MODEL_KINDS, type FixedPeriodUnit, type FundingModelKind } from '$lib/care-funding'

export interface CareAgreement {
  id: string
  carePartnerOrganisationId: string
  reference: string
  fundingModel: FundingModelKind
  fixedAmountCents: number | null
  fixedPer: FixedPeriodUnit | null
  individualChildRef: string | null
  individualRatePerDayCents: number | null
  generalSupportRateCents: number | null
  agreedAt: string
  placements: { id: string; childRef: string; from: string; to: string | null }[]
}

const AGREEMENT_FIELDS = `id carePartnerOrganisationId reference fundingModel fixedAmountCents fixedPer individualChildRef
  individualRatePerDayCents generalSupportRateCents agreedAt placements { id childRef from to }`

export const CARE_AGREEMENTS = operation<{ careAgreements: CareAgreement[] }, { carePartnerOrganisationId: string }>(`
  query CareAgreements($carePartnerOrganisationId: ID!) { careAgreements(carePartnerOrganisationId: $carePartnerOrganisationId) { ${AGREEMENT_FIELDS} } }
`)

export interface FundingModelInput {
  kind: FundingModelKind
  amountCents?: number
  per?: FixedPeriodUnit
  childRef?: string
  ratePerDayCents?: number
  highNeedsServicesInput?: { recordedOn: string; advisorName: string; summary: string }
  generalSupportRateCents?: number
}

export const AGREE_CARE_AGREEMENT = operation<
  { agreeCareAgreement: { id: string } },
  { input: { carePartnerOrganisationId: string; reference: string; model: FundingModelInput } }
>(`
  mutation AgreeCareAgreement($input: AgreeCareAgreementInput!) { agreeCareAgreement(input: $input) { id } }
`)

export const RECORD_CARE_PLACEMENT = operation<
  { recordCarePlacement: { id: string } },
  { input: { careAgreementId: string; childRef: string; from: string; to?: string } }
>(`
  mutation RecordCarePlacement($input: RecordCarePlacementInput!) { recordCarePlacement(input: $input) { id } }
`)

export interface Reconciliation {
  careAgreementId: string
  fundingModel: FundingModelKind
  period: { from: string; to: string }
  agreed: { modelCents: number; additionalSupportCents: number; adHocCents: number; totalCents: number }
  claimedCents: number
  paidCents: number
  claimedMinusAgreedCents: number
  outstandingCents: number
  flags: string[]
  childDays: number | null
  children: { childRef: string; days: number; generalCents: number; additionalDays: number; additionalCents: number; cents: number }[]
}

export const CARE_AGREEMENT_RECONCILIATION = operation<
  { careAgreementReconciliation: Reconciliation },
  {
    input: {
      careAgreementId: string
      period: { from: string; to: string }
      claims: { amountCents: number }[]
      payments: { amountCents: number }[]
    }
  }
>(`
  query CareAgreementReconciliation($input: ReconcileCareAgreementInput!) {
    careAgreementReconciliation(input: $input) {
      careAgreementId fundingModel period { from to }
      agreed { modelCents additionalSupportCents adHocCents totalCents }
      claimedCents paidCents claimedMinusAgreedCents outstandingCents flags childDays
      children { childRef days generalCents additionalDays additionalCents cents }
    }
  }
`)
