// The need-to-know matrix as data (issue 12, item 4): which relationship each role has to each
// record of the world, hence whether it may open it and which of the person's fields may appear.
// Written by hand from the rule (packages/domain/src/privacy/need-to-know.ts NEED_TO_KNOW_RULES,
// docs/privacy.md), never from what the code answers; need-to-know.test.ts checks the API against
// it, and checks that decidePersonAccess agrees with it cell by cell.
import type { Capability, InformationKind, PersonRelationship } from '@fsn/domain'
import {
  ALL_FIELDS,
  CONTACT,
  MEMBERSHIP,
  NAMES,
  type AnyRoleKey,
  type OrgKey,
  type PersonKey,
  type PiiField,
  type World,
} from './world'
import type { Call } from './operations'

// ─── The records ────────────────────────────────────────────────────────────────────────────────

/** Every referral of the world: who sent it, who received it, in which region, and its state. */
export const REFERRAL_FACTS: Record<PersonKey, { from: OrgKey; to: OrgKey; region: '09' | '02'; withdrawn?: true; escalated?: true }> = {
  conn: { from: 'conn', to: 'intake', region: '09' },
  msd: { from: 'msd', to: 'intake', region: '09' },
  ot: { from: 'ot', to: 'intake', region: '09' },
  otherA: { from: 'otherA', to: 'otherA2', region: '09' },
  senderB: { from: 'senderB', to: 'targetB', region: '02' },
  withdrawn: { from: 'msd', to: 'intake', region: '09', withdrawn: true },
  escalated: { from: 'otherA', to: 'otherA2', region: '09', escalated: true },
}
export const REFERRAL_KEYS = Object.keys(REFERRAL_FACTS) as PersonKey[]
export const CASE_KEYS = ['conn', 'otherA', 'senderB'] as const
export type CaseKey = (typeof CASE_KEYS)[number]

/** Where the caller's organisation stands to a referral: the matrix's "position", for the report. */
export function positionOf(role: AnyRoleKey, key: PersonKey): string {
  const f = REFERRAL_FACTS[key]
  const tag = f.withdrawn ? ', consent withdrawn' : f.escalated ? ', escalated' : ''
  if (role === 'anonymous') return `anonymous${tag}`
  const org = MEMBERSHIP[role].org
  if (org === f.from) return `own org is SENDER${tag}`
  if (org === f.to) return `own org is RECEIVER${tag}`
  if (f.region === '02') return `another region${tag}`
  if (f.from === 'otherA') return `another org of the same region${tag}`
  return `member of neither${tag}`
}

// ─── Relationships, by hand ──────────────────────────────────────────────────────────────────────

type Rel = PersonRelationship
const N: Rel = 'NONE'
const row = (
  conn: Rel,
  msd: Rel,
  ot: Rel,
  otherA: Rel,
  senderB: Rel,
  withdrawn: Rel,
  escalated: Rel,
): Record<PersonKey, Rel> => ({ conn, msd, ot, otherA, senderB, withdrawn, escalated })
const nobody = row(N, N, N, N, N, N, N)

/**
 * Each role's relationship to each referral. SENDER: referral:send in the from-organisation;
 * RECEIVER: referral:respond in the to-organisation; REGIONAL_LEAD: the person's region's lead on
 * an escalated referral; OVERSIGHT: national administrator; NONE: everyone else, whatever
 * organisation they sit in.
 */
//                                          conn        msd         ot          otherA  senderB withdrawn   escalated
export const REFERRAL_RELATIONSHIP: Record<AnyRoleKey, Record<PersonKey, Rel>> = {
  anonymous: nobody,
  connector: /*     conn provider  */ row('SENDER', N, N, N, N, N, N),
  connAdmin: /*     conn provider  */ nobody,
  triage: /*        MSD            */ row(N, 'SENDER', N, N, N, 'SENDER', N),
  commissioner: /*  MSD, Wellington*/ nobody,
  regionalLead: /*  MSD, Wellington*/ row(N, N, N, N, N, N, 'REGIONAL_LEAD'),
  leadAuckland: /*  MSD, Auckland  */ nobody,
  admin: /*         MSD            */ row('OVERSIGHT', 'OVERSIGHT', 'OVERSIGHT', 'OVERSIGHT', 'OVERSIGHT', 'OVERSIGHT', 'OVERSIGHT'),
  ot: /*            Oranga Tamariki*/ row(N, N, 'SENDER', N, N, N, N),
  hub: /*           Oranga Tamariki*/ nobody,
  qm: /*            Oranga Tamariki*/ nobody,
  dce: /*           Oranga Tamariki*/ nobody,
  budget: /*        Oranga Tamariki*/ nobody,
  intake: /*        receiving prov.*/ row('RECEIVER', 'RECEIVER', 'RECEIVER', N, N, 'RECEIVER', N),
  intakeAdmin: /*   receiving prov.*/ nobody,
}

/**
 * The person's fields a relationship shows on a referral of this world: every referral shares
 * CONTACT_DETAILS only, under a consent for CONTACT_DETAILS and NEEDS_SUMMARY naming the receiver.
 */
export function referralFields(rel: Rel, key: PersonKey): readonly PiiField[] {
  const live = !REFERRAL_FACTS[key].withdrawn
  switch (rel) {
    case 'SENDER':
      return ALL_FIELDS // its own record; a withdrawal stops disclosure, not its own record
    case 'RECEIVER':
      return live ? CONTACT : [] // not the needs (not shared), not the date of birth (CHILDREN_AND_CARE)
    case 'REGIONAL_LEAD':
      return live ? NAMES : []
    default:
      return [] // OVERSIGHT: status and dates; NONE: not found at all
  }
}

/** Who recorded each person (RECORDER: person:record in that organisation). */
export const RECORDER: Record<PersonKey, AnyRoleKey[]> = {
  conn: ['connector'],
  msd: ['triage'],
  ot: ['ot'],
  otherA: [],
  senderB: [],
  withdrawn: ['triage'],
  escalated: [],
}
export const personRelationship = (role: AnyRoleKey, key: PersonKey): Rel =>
  RECORDER[key].includes(role) ? 'RECORDER' : 'NONE'

/**
 * Case members (case:participate in the lead or a member agency) and the kinds the family's consent
 * names their agency for. The connector's case: led by the connector's provider, the receiving
 * provider a member; the consent names both for CONTACT_DETAILS and NEEDS_SUMMARY.
 */
export const CASE_MEMBERS: Record<CaseKey, Partial<Record<AnyRoleKey, InformationKind[]>>> = {
  conn: { connector: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'], intake: ['CONTACT_DETAILS', 'NEEDS_SUMMARY'] },
  otherA: {},
  senderB: {},
}
export const caseRelationship = (role: AnyRoleKey, key: CaseKey): Rel => (CASE_MEMBERS[key][role] ? 'CASE_MEMBER' : 'NONE')

/** The people each role's `people` list holds (its organisation's, to a role that records people). */
export const PEOPLE_LIST: Partial<Record<AnyRoleKey, PersonKey[]>> = {
  connector: ['conn'],
  triage: ['msd', 'withdrawn'],
  ot: ['ot'],
}

// ─── Operations that can carry a person ──────────────────────────────────────────────────────────

export type Target = 'referral' | 'person' | 'case' | 'none'
export interface TargetIds {
  id: string
  consentId: string
}
export interface NtkOperation {
  id: string
  target: Target
  /** Writes run after every read; `last` ones (withdrawals) after every other write. */
  writes?: boolean
  last?: boolean
  /** A read of the referral's person: exactly the expected fields appear, none missing, none more. */
  exact?: boolean
  /** Lists that carry no person at all, whoever asks. */
  noPerson?: boolean
  /** For an operation on no record: the capability whose duty it is (others are refused). */
  duty?: Capability
  call(w: World, target: TargetIds, role: AnyRoleKey): Call
}

export const NO_SUCH = '01900000-0000-7000-8000-00000000abcd'
const NO_SUCH_CONSENT = '01900000-0000-7000-8000-00000000dcba'
export const UNKNOWN: TargetIds = { id: NO_SUCH, consentId: NO_SUCH_CONSENT }
const WEEK = '2026-W47'
const reason = { reason: 'The whānau asked for a service closer to home' }
const rest = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Call => ({ kind: 'rest', method, path, body })
const graphql = (query: string, variables?: Record<string, unknown>): Call => ({ kind: 'graphql', query, variables })

const RT = '{ value redacted }'
const PERSON = `person { givenName ${RT} familyName ${RT} phone ${RT} email ${RT} dateOfBirth ${RT} addressLine ${RT} needsSummary ${RT} }`

// REST: every step (its answer is the referral view, person and all: the surface a leak would use).
// GraphQL: the steps are one resolver generated over the step table, answering ReferralStepResult
// (no personal field in the type), so a receiver's step, a terminal one and the sender's stand for
// the rest here; matrix.test.ts still puts all eight to its roles.
const GRAPHQL_STEPS = new Set(['acceptReferral', 'declineReferral', 'cancelReferral'])
const STEPS: [rest: string, graphql: string, body: Record<string, unknown>][] = [
  ['accept', 'acceptReferral', {}],
  ['start', 'startReferral', {}],
  ['put-on-hold', 'putReferralOnHold', reason],
  ['resume', 'resumeReferral', {}],
  ['decline', 'declineReferral', reason],
  ['complete', 'completeReferral', { outcome: 'NEEDS_MET' }],
  ['fail', 'failReferral', { reason: 'UNABLE_TO_CONTACT' }],
  ['cancel', 'cancelReferral', reason],
]

const op = (o: NtkOperation) => o

export const NTK_OPERATIONS: NtkOperation[] = [
  // ---- referral reads ----
  op({ id: 'GET /api/v1/referrals/{id}', target: 'referral', exact: true, call: (_w, t) => rest('GET', `/api/v1/referrals/${t.id}`) }),
  op({
    id: 'query referral',
    target: 'referral',
    exact: true,
    call: (_w, t) => graphql(`query($id: ID!) { referral(id: $id) { id status needsSummary ${RT} ${PERSON} } }`, { id: t.id }),
  }),
  // ---- lists and exports ----
  // The inbox is the receiving duty's, the outbox the sending duty's: no list of referrals one may not open.
  op({ id: 'GET /api/v1/referrals?box=INBOX', target: 'none', noPerson: true, duty: 'referral:respond', call: () => rest('GET', '/api/v1/referrals?box=INBOX') }),
  op({ id: 'GET /api/v1/referrals?box=OUTBOX', target: 'none', noPerson: true, duty: 'referral:send', call: () => rest('GET', '/api/v1/referrals?box=OUTBOX') }),
  op({
    id: 'query referrals(box: INBOX)',
    target: 'none',
    noPerson: true,
    duty: 'referral:respond',
    call: () => graphql('{ referrals(box: INBOX) { edges { node { id reference status fromOrganisation { name } } } } }'),
  }),
  op({
    id: 'query referrals(box: OUTBOX)',
    target: 'none',
    noPerson: true,
    duty: 'referral:send',
    call: () => graphql('{ referrals(box: OUTBOX) { edges { node { id reference status toOrganisation { name } } } } }'),
  }),
  // The people an organisation recorded: the recorder's (person:record).
  op({ id: 'query people', target: 'none', duty: 'person:record', call: () => graphql('{ people(first: 100) { id givenName familyName consents { id } } }') }),
  op({ id: 'query myCases', target: 'none', call: () => graphql('{ myCases { id personId visibleKinds } }') }),
  op({ id: 'query interactions', target: 'none', call: () => graphql('{ interactions { id personId notes } }') }),
  op({
    id: 'query weeklyReportExport',
    target: 'none',
    call: () => graphql(`{ weeklyReportExport(week: "${WEEK}") { interactionsCsv grantsCsv interactions { ageBand notes regionCode } } }`),
  }),
  op({ id: 'GET /api/v1/reports/weekly/{week}', target: 'none', call: () => rest('GET', `/api/v1/reports/weekly/${WEEK}`) }),
  // ---- the person: IPP 6 access records, routing ----
  op({ id: 'GET /api/v1/people/{id}/access-records', target: 'person', call: (_w, t) => rest('GET', `/api/v1/people/${t.id}/access-records`) }),
  op({
    id: 'query personAccessRecords',
    target: 'person',
    call: (_w, t) => graphql('query($p: ID!) { personAccessRecords(personId: $p) { __typename } }', { p: t.id }),
  }),
  op({
    id: 'POST /api/v1/referrals/routing-check',
    target: 'person',
    call: (w, t) => rest('POST', '/api/v1/referrals/routing-check', { personId: t.id, serviceId: w.orgs.intake.service.id }),
  }),
  op({
    id: 'query routingCheck',
    target: 'person',
    call: (w, t) =>
      graphql('query($p: ID!, $s: ID!) { routingCheck(personId: $p, serviceId: $s) { allowed } }', { p: t.id, s: w.orgs.intake.service.id }),
  }),
  // ---- cases ----
  op({
    id: 'query sharedCase',
    target: 'case',
    call: (_w, t) => graphql('query($id: ID!) { sharedCase(id: $id) { id personId visibleKinds assessment { answer { value redacted } } } }', { id: t.id }),
  }),
  op({
    id: 'query caseMembers',
    target: 'case',
    call: (_w, t) => graphql('query($id: ID!) { caseMembers(id: $id) { members { organisationId } } }', { id: t.id }),
  }),
  op({ id: 'GET /api/v1/cases/{id}/members', target: 'case', call: (_w, t) => rest('GET', `/api/v1/cases/${t.id}/members`) }),

  // ---- writes on a person ----
  op({
    id: 'POST /api/v1/people',
    target: 'none',
    writes: true,
    call: () => rest('POST', '/api/v1/people', { givenName: 'Matrix', familyName: 'Person', regionCode: '09' }),
  }),
  op({
    id: 'mutation recordPerson',
    target: 'none',
    writes: true,
    call: () => graphql('mutation { recordPerson(input: { givenName: "Matrix", regionCode: "09" }) { id givenName } }'),
  }),
  op({
    id: 'POST /api/v1/referrals',
    target: 'person',
    writes: true,
    call: (w, t, r) =>
      rest('POST', '/api/v1/referrals', {
        personId: t.id,
        consentId: t.consentId,
        serviceId: w.orgs.intake.service.id,
        sharedInformationKinds: ['CONTACT_DETAILS'],
        idempotencyKey: `ntk-${r}-${t.id}`,
      }),
  }),
  op({
    id: 'mutation sendReferral',
    target: 'person',
    writes: true,
    call: (w, t, r) =>
      graphql('mutation($i: SendReferralInput!) { sendReferral(input: $i) { id status } }', {
        i: { personId: t.id, consentId: t.consentId, serviceId: w.orgs.intake.service.id, sharedInformationKinds: ['CONTACT_DETAILS'], idempotencyKey: `ntk-gql-${r}-${t.id}` },
      }),
  }),
  op({
    id: 'POST /api/v1/consents',
    target: 'person',
    writes: true,
    call: (w, t) =>
      rest('POST', '/api/v1/consents', {
        personId: t.id,
        purpose: 'Another referral',
        informationKinds: ['CONTACT_DETAILS'],
        recipientOrganisationIds: [w.orgId.intake],
        method: 'VERBAL',
        givenAt: '2026-11-22T19:00:00Z',
      }),
  }),
  op({
    id: 'mutation grantConsent',
    target: 'person',
    writes: true,
    call: (w, t) =>
      graphql('mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }', {
        i: { personId: t.id, purpose: 'Another referral', informationKinds: ['CONTACT_DETAILS'], recipientOrganisationIds: [w.orgId.intake], method: 'VERBAL', givenAt: '2026-11-22T19:00:00Z' },
      }),
  }),
  op({
    id: 'mutation openCase',
    target: 'person',
    writes: true,
    call: (w, t, r) =>
      graphql('mutation($i: OpenCaseInput!) { openCase(input: $i) { id personId } }', {
        i: { personId: t.id, leadOrganisationId: w.orgId[r === 'anonymous' ? 'conn' : MEMBERSHIP[r].org] },
      }),
  }),
  // ---- writes on a case: a command the lead may give (refused as a conflict: already a member) ----
  op({
    id: 'mutation actOnCase',
    target: 'case',
    writes: true,
    call: (w, t) =>
      graphql('mutation($i: CaseCommandInput!) { actOnCase(input: $i) { id personId visibleKinds } }', {
        i: { caseId: t.id, type: 'addMember', organisationId: w.orgId.intake },
      }),
  }),
  // ---- writes on a referral: every lifecycle step, contact attempts, redirect ----
  ...STEPS.flatMap(([path, , body]) => [
    op({
      id: `POST /api/v1/referrals/{id}/${path}`,
      target: 'referral',
      writes: true,
      call: (_w, t) => rest('POST', `/api/v1/referrals/${t.id}/${path}`, body),
    }),
  ]),
  ...STEPS.filter(([, mutation]) => GRAPHQL_STEPS.has(mutation)).flatMap(([, mutation, body]) => [
    op({
      id: `mutation ${mutation}`,
      target: 'referral',
      writes: true,
      call: (_w, t) =>
        graphql(`mutation($i: ReferralStepInput!) { ${mutation}(input: $i) { id reference status } }`, { i: { referralId: t.id, ...body } }),
    }),
  ]),
  op({
    id: 'POST /api/v1/referrals/{id}/contact-attempts',
    target: 'referral',
    writes: true,
    call: (_w, t) => rest('POST', `/api/v1/referrals/${t.id}/contact-attempts`, { method: 'PHONE', result: 'NO_ANSWER', attemptedAt: '2026-11-22T19:00:00Z' }),
  }),
  op({
    id: 'mutation recordContactAttempt',
    target: 'referral',
    writes: true,
    call: (_w, t) =>
      graphql('mutation($i: RecordContactAttemptInput!) { recordContactAttempt(input: $i) { __typename } }', {
        i: { referralId: t.id, method: 'PHONE', result: 'NO_ANSWER', attemptedAt: '2026-11-22T19:00:00Z' },
      }),
  }),
  op({
    id: 'POST /api/v1/referrals/{id}/redirect',
    target: 'referral',
    writes: true,
    call: (w, t) => rest('POST', `/api/v1/referrals/${t.id}/redirect`, { serviceId: w.orgs.otherA2.service.id, ...reason }),
  }),
  op({
    id: 'mutation redirectReferral',
    target: 'referral',
    writes: true,
    call: (w, t) =>
      graphql('mutation($i: RedirectReferralInput!) { redirectReferral(input: $i) { id reference status } }', {
        i: { referralId: t.id, serviceId: w.orgs.otherA2.service.id, ...reason },
      }),
  }),
  // Notes between the two organisations: only a sender or receiver writes one (others refused).
  op({
    id: 'POST /api/v1/referrals/{id}/notes',
    target: 'referral',
    writes: true,
    call: (_w, t) => rest('POST', `/api/v1/referrals/${t.id}/notes`, { text: 'Matrix note' }),
  }),
  op({
    id: 'mutation addReferralNote',
    target: 'referral',
    writes: true,
    call: (_w, t) =>
      graphql('mutation($i: AddReferralNoteInput!) { addReferralNote(input: $i) { id reference status } }', {
        i: { referralId: t.id, text: 'Matrix note' },
      }),
  }),
  // ---- withdrawals, last ----
  op({
    id: 'POST /api/v1/consents/{id}/withdraw',
    target: 'person',
    writes: true,
    last: true,
    call: (_w, t) => rest('POST', `/api/v1/consents/${t.consentId}/withdraw`, { reason: 'Person asked' }),
  }),
  op({
    id: 'mutation withdrawConsent',
    target: 'person',
    writes: true,
    last: true,
    call: (_w, t) => graphql('mutation($i: WithdrawConsentInput!) { withdrawConsent(input: $i) { id } }', { i: { consentId: t.consentId } }),
  }),
]
