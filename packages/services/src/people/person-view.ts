// A person's names as the need-to-know rule lets the caller see them (decidePersonAccess, PERSON):
// the one path by which people lists and recording answers carry personal details.
import {
  applyPersonAccess,
  isRedacted,
  PERSON_IDENTITY_FIELDS,
  type PersonAccessDecision,
  type PersonField,
  type Redacted,
} from '@fsn/domain'

export interface PersonNames {
  id: string
  givenName: string | null
  familyName: string | null
  preferredName: string | null
}

/**
 * The person's names through `applyPersonAccess`, or null when the rule hides them (names are shown
 * together or not at all in every rule row). Other fields are never part of a names view.
 */
export function namesOf(person: PersonNames, decision: PersonAccessDecision) {
  const view = applyPersonAccess(
    {
      id: person.id,
      givenName: person.givenName ?? '',
      familyName: person.familyName,
      preferredName: person.preferredName,
      // Not loaded and not shown: a names view carries only the names.
      dateOfBirth: null,
      phone: null,
      email: null,
      addressLine: null,
      needsSummary: null,
      whanau: [],
    },
    decision,
  )
  if (isRedacted(view.givenName)) return null
  const text = (v: string | null | Redacted): string | null => (v === null || isRedacted(v) ? null : v)
  return {
    id: view.id,
    givenName: view.givenName,
    familyName: text(view.familyName),
    preferredName: text(view.preferredName),
    /** Exactly the fields this view shows: what its access record lists. */
    fieldsShown: PERSON_IDENTITY_FIELDS.filter((f) => decision.fieldsShown.includes(f)) as PersonField[],
  }
}
