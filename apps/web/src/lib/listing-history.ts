// A listing's change history in words: which fields changed, by their labels, with the old and new
// value where a short one says more than the field's name (capacity went from Accepting to Waitlist).
import { t, type MessageKey } from '$lib/i18n'
import type { ListingChange } from '$lib/types'

const FIELD_LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  alternateName: 'field.alternateName',
  description: 'field.description',
  status: 'field.status',
  capacityStatus: 'field.capacityStatus',
  eligibilityDescription: 'field.eligibilityDescription',
  minimumAge: 'field.minimumAge',
  maximumAge: 'field.maximumAge',
  freeOfCharge: 'field.freeOfCharge',
  feesDescription: 'field.feesDescription',
  costOptions: 'field.costOptions',
  applicationProcess: 'field.applicationProcess',
  interpretationServices: 'field.interpretationServices',
  deliveryModes: 'field.deliveryModes',
  culturalFocus: 'field.culturalFocus',
  languages: 'field.languages',
  categoryCodes: 'field.categoryCodes',
  nationwide: 'field.nationwide',
  serviceAreas: 'field.serviceAreas',
  locationIds: 'field.locationIds',
  openingHours: 'field.openingHours',
  contacts: 'field.contacts',
  phones: 'field.phones',
  email: 'field.email',
  url: 'field.url',
  website: 'field.website',
  addressLine1: 'field.address',
  addressLine2: 'field.address',
  suburb: 'field.suburb',
  city: 'field.city',
  postcode: 'field.postcode',
  regionCode: 'field.region',
  territorialAuthorityCode: 'field.district',
  latitude: 'field.mapPin',
  longitude: 'field.mapPin',
  accessibility: 'field.accessibility',
  transportation: 'field.transportation',
}

const isCapacity = (v: unknown): v is 'ACCEPTING' | 'WAITLIST' | 'NO_CAPACITY' => v === 'ACCEPTING' || v === 'WAITLIST' || v === 'NO_CAPACITY'
const isStatus = (v: unknown): v is 'ACTIVE' | 'INACTIVE' | 'DEFUNCT' | 'TEMPORARILY_CLOSED' =>
  v === 'ACTIVE' || v === 'INACTIVE' || v === 'DEFUNCT' || v === 'TEMPORARILY_CLOSED'

/** A value as a person reads it, when it is short enough to show; null when only the label helps. */
function shown(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return t('history.none')
  if (field === 'capacityStatus' && isCapacity(value)) return t(`capacity.${value}`)
  if (field === 'status' && isStatus(value)) return t(`serviceStatus.${value}`)
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no')
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string' && value.length <= 60 && !/^\d{4}-\d\d-\d\dT/.test(value)) return value
  return null
}

export interface ChangeLine {
  label: string
  from: string | null
  to: string | null
}

/** What one saved change did, field by field (a field the editor splits, like an address, once). */
export function describeChange(change: Pick<ListingChange, 'action' | 'changes'>): { verified: boolean; lines: ChangeLine[] } {
  if (change.action.endsWith('.verified')) return { verified: true, lines: [] }
  const lines: ChangeLine[] = []
  const seen = new Set<string>()
  for (const c of change.changes) {
    const key = FIELD_LABELS[c.field]
    const label = key ? t(key) : c.field
    if (seen.has(label)) continue
    seen.add(label)
    const from = shown(c.field, c.from)
    const to = shown(c.field, c.to)
    lines.push(from !== null && to !== null ? { label, from, to } : { label, from: null, to: null })
  }
  return { verified: false, lines }
}
