// Need to know: the ONE rule that decides what of a person a caller sees. Every path that can carry
// a person's fields (REST, GraphQL, lists, lifecycle answers, cases, exports, notifications,
// webhooks) asks `decidePersonAccess` and shows exactly `fieldsShown`; the caller writes an access
// record listing those fields and the relationship that allowed them (Privacy Act 2020, IPP 5).
//
// Access follows the role and its duty, never the organisation alone. Sources, per rule row, are in
// NEED_TO_KNOW_RULES below and in docs/privacy.md:
// - IPP 11 (limits on disclosure): a person's details go only where the purpose they were collected
//   for (a warm referral, a shared case) takes them, and only as far as the person consented;
// - IPP 5 (storage and security): within an agency, only staff whose job needs the details see them;
// - MSD CCS guidelines, "Protecting referral information": "MSD is required to obtain consent from
//   whānau before referring them", and the receiving provider must "use and protect it appropriately";
// - MSD CCS guidelines, "Service Agreements": "After the third attempt, please contact your Regional
//   Lead who may escalate it if it is necessary";
// - MSD CCS guidelines, "Protecting reporting information": MSD "will not use the reporting
//   information in a way in which they can be identified" (commissioners see de-identified figures).
// Pure: the actor, the record's context and the instant come in; nothing is read.
import type { Actor, ActorMembership } from '../actor'
import { INFORMATION_KIND_LABELS, INFORMATION_KINDS, type InformationKind } from '../consent/consent-enums'
import {
  consentState,
  PERSON_FIELD_KINDS,
  PERSON_FIELDS,
  PERSON_IDENTITY_FIELDS,
  type ConsentState,
  type ConsentView,
  type PersonField,
  type PersonRecord,
  type RedactedPerson,
} from '../consent/coverage'
import { ROLE_CAPABILITIES, type Capability, type Role } from '../roles'

/** How the caller stands to the record that holds the person's details. */
export const PERSON_RELATIONSHIPS = [
  'RECORDER',
  'SENDER',
  'RECEIVER',
  'CASE_MEMBER',
  'REGIONAL_LEAD',
  'OVERSIGHT',
  'NONE',
] as const
export type PersonRelationship = (typeof PERSON_RELATIONSHIPS)[number]

/** The record through which the person is being read. */
export type PersonRecordContext =
  | {
      kind: 'PERSON'
      /** The organisation that recorded the person (collected their details with them). */
      recordedByOrganisationId: string
    }
  | {
      kind: 'REFERRAL'
      fromOrganisationId: string
      toOrganisationId: string
      sharedInformationKinds: readonly InformationKind[]
      /** The person's region (the Regional Lead's scope); null when unknown. */
      personRegionId: string | null
      /** The referral was escalated (failed contact or SLA breach): the Regional Lead's duty. */
      escalated: boolean
      consent: ConsentView
      /**
       * An onward referral (Referral.onwardFromId): the sender did not record the person, it received
       * them on the referral this one continues (Guidelines 5: the connector refers onward).
       */
      onward?: boolean
    }
  | {
      kind: 'CASE'
      leadOrganisationId: string
      memberOrganisationIds: readonly string[]
      personId: string
      consents: readonly ConsentView[]
    }

export interface PersonAccessDecision {
  relationship: PersonRelationship
  /** The organisation the caller acts for in this relationship (the access record's organisation). */
  organisationId: string | null
  /** The role that carries the duty. */
  role: Role | null
  /** Whether the caller may open the record at all (its non-personal facts: status, dates). */
  mayOpen: boolean
  /** Exactly the personal fields shown: what the access record lists. */
  fieldsShown: PersonField[]
  /** Information kinds visible (for free text governed by a kind: needs, case minutes). */
  visibleKinds: InformationKind[]
  /** Why each hidden field is hidden, in words a screen can show. */
  reasons: Partial<Record<PersonField, string>>
  /** The rule row that decided (docs/privacy.md). */
  rule: NeedToKnowRuleId
}

// ─── The rule table ─────────────────────────────────────────────────────────────────────────────

export type NeedToKnowRuleId =
  | 'recorder'
  | 'referral-sender'
  | 'onward-sender'
  | 'referral-receiver'
  | 'case-member'
  | 'regional-lead-escalation'
  | 'oversight'
  | 'no-duty'

export interface NeedToKnowRule {
  id: NeedToKnowRuleId
  relationship: PersonRelationship
  who: string
  sees: string
  sources: readonly string[]
}

/** The rule as a table: docs/privacy.md states it, and a test keeps the two the same. */
export const NEED_TO_KNOW_RULES: readonly NeedToKnowRule[] = [
  {
    id: 'recorder',
    relationship: 'RECORDER',
    who: 'Staff of the organisation that recorded the person, in a role that records people (person:record: community connector, MSD triage officer, Oranga Tamariki officer)',
    sees: 'Every field: the organisation collected them from the person for its own referrals',
    sources: ['Privacy Act 2020, IPP 1-4 (collection for a lawful purpose, from the person)', 'IPP 5 (only staff whose job needs it)'],
  },
  {
    id: 'referral-sender',
    relationship: 'SENDER',
    who: 'Staff of the sending organisation in a role that sends referrals (referral:send)',
    sees: 'Every field of the person and the referral: it is their own record; a withdrawal stops further disclosure, not their own record',
    sources: ['MSD CCS guidelines, Protecting referral information', 'Privacy Act 2020, IPP 5 and IPP 11'],
  },
  {
    id: 'onward-sender',
    relationship: 'SENDER',
    who: 'Staff of the sending organisation of an onward referral (referral:send), which received the person on the referral it continues (the Community Connection Service referring onward)',
    sees: 'Not the sender\'s every field: while the consent is live and names their organisation, the kinds the onward referral shared (never more than they received) and the consent covers; nothing otherwise',
    sources: ['MSD CCS guidelines, sections 4-5 (connect whānau onward to local providers)', 'Privacy Act 2020, IPP 11 (disclosure only as authorised)'],
  },
  {
    id: 'referral-receiver',
    relationship: 'RECEIVER',
    who: 'Staff of the receiving organisation in a role that responds to referrals (referral:respond: provider intake, and the community connector at a Community Connection Service host answering MSD triage\'s referrals)',
    sees: 'While the consent is live and names their organisation: the kinds the referral shared and the consent covers, with the person’s names when any kind is shown; nothing otherwise',
    sources: ['MSD CCS guidelines, Protecting referral information ("MSD is required to obtain consent")', 'Privacy Act 2020, IPP 11 (disclosure only as authorised)'],
  },
  {
    id: 'case-member',
    relationship: 'CASE_MEMBER',
    who: 'Staff of a member agency of a shared case in a role that takes part in cases (case:participate)',
    sees: 'The kinds the family’s consent covers for their agency, while it is live',
    sources: ['MSF ComLink, paras 5 and 8 (workgroups of officers)', 'Privacy Act 2020, IPP 11'],
  },
  {
    id: 'regional-lead-escalation',
    relationship: 'REGIONAL_LEAD',
    who: 'An MSD Regional Lead for the person’s region, on a referral escalated to them',
    sees: 'The person’s names only, while the consent is live: enough to act on the escalation, not to contact or assess',
    sources: ['MSD CCS guidelines, Service Agreements ("contact your Regional Lead who may escalate it")', 'Privacy Act 2020, IPP 11 (minimum necessary)'],
  },
  {
    id: 'oversight',
    relationship: 'OVERSIGHT',
    who: 'National administrators',
    sees: 'The referral’s status and dates for support; no personal field',
    sources: ['Privacy Act 2020, IPP 5 (administration is not a purpose for reading whānau details)'],
  },
  {
    id: 'no-duty',
    relationship: 'NONE',
    who: 'Everyone else, including roles without a referral or case duty inside the sending or receiving organisation (regional commissioner, Quality Hub, Quality Manager, DCE, budget manager, provider administrator)',
    sees: 'Nothing: the record is not found',
    sources: ['MSD CCS guidelines, Protecting reporting information (MSD will not identify whānau from reporting)', 'Privacy Act 2020, IPP 5 and IPP 11'],
  },
]

// ─── Duties ─────────────────────────────────────────────────────────────────────────────────────

const holds = (m: ActorMembership, capability: Capability) => ROLE_CAPABILITIES[m.role].includes(capability)

function membershipWith(
  actor: Actor,
  organisationIds: readonly string[],
  capability: Capability,
): ActorMembership | null {
  if (actor.kind !== 'user') return null
  return actor.memberships.find((m) => organisationIds.includes(m.organisationId) && holds(m, capability)) ?? null
}

const ALL_KINDS: readonly InformationKind[] = INFORMATION_KINDS

function decision(
  rule: NeedToKnowRuleId,
  relationship: PersonRelationship,
  m: ActorMembership | null,
  fields: readonly PersonField[],
  kinds: readonly InformationKind[],
  reason: string,
  mayOpen = true,
): PersonAccessDecision {
  const reasons: Partial<Record<PersonField, string>> = {}
  for (const f of PERSON_FIELDS) if (!fields.includes(f)) reasons[f] = reason
  return {
    relationship,
    organisationId: m?.organisationId ?? null,
    role: m?.role ?? null,
    mayOpen,
    fieldsShown: PERSON_FIELDS.filter((f) => fields.includes(f)),
    visibleKinds: [...kinds],
    reasons,
    rule,
  }
}

const NO_DUTY = 'Your role has no duty that needs this person’s details.'
const STATE_REASONS: Record<Exclude<ConsentState, 'LIVE'>, string> = {
  WITHDRAWN: 'The person has withdrawn their consent to share this.',
  EXPIRED: 'The person’s consent to share this has expired.',
  NOT_YET_GIVEN: 'The person’s consent to share this does not start until later.',
}

function none(): PersonAccessDecision {
  return decision('no-duty', 'NONE', null, [], [], NO_DUTY, false)
}

function oversight(actor: Actor): PersonAccessDecision | null {
  if (actor.kind !== 'user') return null
  const m = actor.memberships.find((x) => x.role === 'NATIONAL_ADMIN')
  return m ? decision('oversight', 'OVERSIGHT', m, [], [], NO_DUTY, true) : null
}

/** Fields a set of visible kinds opens, with the names whenever any kind is visible. */
function fieldsFor(kinds: readonly InformationKind[]): PersonField[] {
  if (kinds.length === 0) return []
  const byKind = PERSON_FIELD_KINDS as Partial<Record<PersonField, InformationKind>>
  return PERSON_FIELDS.filter((f) => {
    const kind = byKind[f]
    return kind === undefined ? true : kinds.includes(kind)
  })
}

/**
 * What `actor` may see of a person read through `record` at `at`. The most the caller's duties
 * allow wins (a connector who both recorded and sent sees as the sender); a role without a duty
 * sees nothing even inside the sending or receiving organisation.
 */
export function decidePersonAccess(actor: Actor, record: PersonRecordContext, at: Date): PersonAccessDecision {
  if (actor.kind !== 'user') return none()
  switch (record.kind) {
    case 'PERSON': {
      const m = membershipWith(actor, [record.recordedByOrganisationId], 'person:record')
      if (m) return decision('recorder', 'RECORDER', m, PERSON_FIELDS, ALL_KINDS, '')
      return none()
    }
    case 'REFERRAL':
      return decideReferral(actor, record, at)
    case 'CASE':
      return decideCase(actor, record, at)
  }
}

function decideReferral(
  actor: Extract<Actor, { kind: 'user' }>,
  r: Extract<PersonRecordContext, { kind: 'REFERRAL' }>,
  at: Date,
): PersonAccessDecision {
  const sender = membershipWith(actor, [r.fromOrganisationId], 'referral:send')
  if (sender && !r.onward) return decision('referral-sender', 'SENDER', sender, PERSON_FIELDS, ALL_KINDS, '')
  // An onward sender holds only what it was shared: the same test as a receiver, for its own organisation.
  if (sender) return sharedWith(r, at, sender, r.fromOrganisationId, 'onward-sender', 'SENDER')

  const receiver = membershipWith(actor, [r.toOrganisationId], 'referral:respond')
  if (receiver) return sharedWith(r, at, receiver, r.toOrganisationId, 'referral-receiver', 'RECEIVER')

  if (r.escalated && r.personRegionId !== null) {
    const lead = actor.memberships.find((m) => m.role === 'REGIONAL_LEAD' && m.regionId === r.personRegionId)
    if (lead) {
      const state = consentState(r.consent, at)
      if (state !== 'LIVE')
        return decision('regional-lead-escalation', 'REGIONAL_LEAD', lead, [], [], STATE_REASONS[state])
      return decision(
        'regional-lead-escalation',
        'REGIONAL_LEAD',
        lead,
        PERSON_IDENTITY_FIELDS,
        [],
        'A Regional Lead sees who an escalation is about, not their details.',
      )
    }
  }
  return oversight(actor) ?? none()
}

/** What an organisation the person's details were shared with sees: the shared kinds the live consent covers. */
function sharedWith(
  r: Extract<PersonRecordContext, { kind: 'REFERRAL' }>,
  at: Date,
  m: ActorMembership,
  organisationId: string,
  rule: NeedToKnowRuleId,
  relationship: PersonRelationship,
): PersonAccessDecision {
  const state = consentState(r.consent, at)
  const hidden = (reason: string) => decision(rule, relationship, m, [], [], reason)
  if (state !== 'LIVE') return hidden(STATE_REASONS[state])
  if (!r.consent.recipientOrganisationIds.includes(organisationId))
    return hidden('The person has not agreed to share information with your organisation.')
  const reasonFor = (kind: InformationKind): string | null => {
    const label = INFORMATION_KIND_LABELS[kind]
    if (!r.sharedInformationKinds.includes(kind)) return `The referrer did not share ${label}.`
    if (!r.consent.informationKinds.includes(kind)) return `The person has not agreed to share ${label}.`
    return null
  }
  const kinds = ALL_KINDS.filter((k) => reasonFor(k) === null)
  if (kinds.length === 0) return hidden('No information about this person was shared with your organisation.')
  const shown = fieldsFor(kinds)
  const d = decision(rule, relationship, m, shown, kinds, '')
  const byKind = PERSON_FIELD_KINDS as Partial<Record<PersonField, InformationKind>>
  for (const f of PERSON_FIELDS) {
    if (!shown.includes(f)) d.reasons[f] = reasonFor(byKind[f]!) ?? NO_DUTY
  }
  return d
}

function decideCase(
  actor: Extract<Actor, { kind: 'user' }>,
  c: Extract<PersonRecordContext, { kind: 'CASE' }>,
  at: Date,
): PersonAccessDecision {
  const members = [c.leadOrganisationId, ...c.memberOrganisationIds]
  // The lead agency's membership first: it reads as the lead when it can.
  const m =
    membershipWith(actor, [c.leadOrganisationId], 'case:participate') ??
    membershipWith(actor, members, 'case:participate')
  if (!m) return none()
  const theirs = c.consents.filter((x) => x.personId === c.personId)
  const covers = (kind: InformationKind) =>
    theirs.some(
      (x) =>
        consentState(x, at) === 'LIVE' &&
        x.recipientOrganisationIds.includes(m.organisationId) &&
        x.informationKinds.includes(kind),
    )
  const kinds = ALL_KINDS.filter(covers)
  return decision(
    'case-member',
    'CASE_MEMBER',
    m,
    fieldsFor(kinds),
    kinds,
    'The family’s consent does not cover this for your agency.',
  )
}

/** The person with every field the decision does not show replaced by a { redacted, reason } marker. */
export function applyPersonAccess(person: PersonRecord, d: PersonAccessDecision): RedactedPerson {
  const out: Record<string, unknown> = { id: person.id }
  for (const field of PERSON_FIELDS) {
    if (d.fieldsShown.includes(field)) {
      out[field] = field === 'whanau' ? person.whanau.map((w) => ({ ...w })) : person[field]
    } else {
      out[field] = { redacted: true, reason: d.reasons[field] ?? NO_DUTY }
    }
  }
  return out as unknown as RedactedPerson
}

/** Free text governed by an information kind (a referral's needs, case minutes): shown or not. */
export function kindVisible(d: PersonAccessDecision, kind: InformationKind): boolean {
  return d.visibleKinds.includes(kind)
}

/** The access record's purpose word for a decision: which duty the read was made under. */
export function accessPurposeOf(d: PersonAccessDecision, action: string): string {
  return `${action}:${d.rule}`
}
