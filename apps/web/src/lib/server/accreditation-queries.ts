// The accreditation registry's GraphQL operations (packages/graphql/src/schema/accreditations.ts).
import { operation } from './api'

export interface RegistryAccreditationItem {
  id: string
  organisationId: string
  organisationName: string
  scheme: string
  level: number | null
  status: string
  validFrom: string
  validTo: string | null
  expired: boolean
  expiresSoon: boolean
  evidenceNote: string | null
  history: { action: string; at: string; evidenceNote: string | null }[]
}

export interface ImportRow {
  line: number
  outcome: string
  organisationId: string | null
  scheme: string | null
  field: string | null
  message: string | null
}

const FIELDS = `id organisationId organisationName scheme level status validFrom validTo expired expiresSoon evidenceNote
  history { action at evidenceNote }`

export const ACCREDITATIONS = operation<
  { accreditations: RegistryAccreditationItem[] },
  { expiringSoon: boolean | null }
>(`
  query Accreditations($expiringSoon: Boolean) { accreditations(expiringSoon: $expiringSoon) { ${FIELDS} } }
`)

export const RECORD_ACCREDITATION = operation<
  { recordAccreditation: { id: string } },
  { input: Record<string, unknown> }
>(`
  mutation Record($input: RecordAccreditationInput!) { recordAccreditation(input: $input) { id } }
`)

export const DECIDE_ACCREDITATION = operation<
  { decideAccreditation: { id: string; status: string } },
  { input: Record<string, unknown> }
>(`
  mutation Decide($input: AccreditationDecisionInput!) { decideAccreditation(input: $input) { id status } }
`)

export const IMPORT_ACCREDITATIONS = operation<
  {
    importAccreditations: {
      dryRun: boolean
      counts: { create: number; update: number; unchanged: number; refused: number }
      rows: ImportRow[]
    }
  },
  { input: { csv: string; dryRun: boolean } }
>(`
  mutation Import($input: ImportAccreditationsInput!) {
    importAccreditations(input: $input) {
      dryRun counts { create update unchanged refused } rows { line outcome organisationId scheme field message }
    }
  }
`)
