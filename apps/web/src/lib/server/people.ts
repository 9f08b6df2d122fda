// A person's access records (Privacy Act 2020, IPP 6), read from the API as the signed-in user: the
// API decides who may see them (consent recorders at the recording organisation; 404 otherwise).
import { t, type MessageKey } from '$lib/i18n'
import { en } from '$lib/i18n/en'
import { operation } from './api'

export interface AccessRecord {
  id: string
  accessedAt: string
  user: { id: string; name: string }
  organisation: { id: string; name: string }
  fields: string[]
  action: string
  rule: string | null
}

export const PERSON_ACCESS_RECORDS = operation<{ personAccessRecords: AccessRecord[] }, { personId: string }>(`
  query PersonAccessRecords($personId: ID!) {
    personAccessRecords(personId: $personId) {
      id accessedAt
      user { id name }
      organisation { id name }
      fields action rule
    }
  }
`)

export interface AccessRow {
  id: string
  accessedAt: string
  who: string
  organisation: string
  what: string
  why: string
}

const known = (key: string): key is MessageKey => Object.hasOwn(en, key)

/** One row per read, in the words a person asking under IPP 6 reads. */
export function accessRows(records: readonly AccessRecord[]): AccessRow[] {
  return records.map((r) => {
    const actionKey = `access.action.${r.action}`
    const ruleKey = `access.rule.${r.rule ?? 'unknown'}`
    const action = known(actionKey) ? t(actionKey) : t('access.action.other', { action: r.action })
    const rule = known(ruleKey) ? t(ruleKey) : r.rule!
    const fields = r.fields.map((f) => {
      const key = `access.field.${f}`
      return known(key) ? t(key) : f
    })
    return {
      id: r.id,
      accessedAt: r.accessedAt,
      who: r.user.name,
      organisation: r.organisation.name,
      what: fields.length > 0 ? fields.join(', ') : t('access.field.none'),
      why: `${action}: ${rule}`,
    }
  })
}
