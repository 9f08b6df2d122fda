// The Regional Lead queue's GraphQL operations (packages/graphql/src/schema/regional-escalations.ts).
import { operation } from './api'

export interface RegionalEscalationItem {
  id: string
  referralId: string
  reference: string
  reason: string
  status: string
  regionName: string
  openedAt: string
  acknowledgeBy: string
  overdue: boolean
  acknowledgedAt: string | null
  assignedTo: { id: string; name: string } | null
  resolvedAt: string | null
  outcome: string | null
  escalatedAt: string | null
  onwardContact: string | null
  notes: { id: string; body: string; at: string; author: string }[]
}

const FIELDS = `id referralId reference reason status regionName openedAt acknowledgeBy overdue acknowledgedAt
  assignedTo { id name } resolvedAt outcome escalatedAt onwardContact notes { id body at author }`

export const REGIONAL_ESCALATIONS = operation<
  { regionalEscalations: RegionalEscalationItem[] },
  { openOnly: boolean }
>(`
  query RegionalEscalations($openOnly: Boolean) { regionalEscalations(openOnly: $openOnly) { ${FIELDS} } }
`)

export type EscalationStep = 'acknowledge' | 'note' | 'resolve' | 'escalate'
const stepOp = (name: string) =>
  operation<Record<string, { id: string; status: string }>, { input: Record<string, string> }>(`
    mutation Step($input: RegionalEscalationStepInput!) { ${name}(input: $input) { id status } }
  `)
export const ESCALATION_STEPS: Record<EscalationStep, ReturnType<typeof stepOp>> = {
  acknowledge: stepOp('acknowledgeRegionalEscalation'),
  note: stepOp('noteRegionalEscalation'),
  resolve: stepOp('resolveRegionalEscalation'),
  escalate: stepOp('escalateRegionalEscalation'),
}
