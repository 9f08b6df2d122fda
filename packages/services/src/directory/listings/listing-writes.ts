// What every listing write shares: the optimistic-concurrency claim, turning codes into rows
// (categories, regions, districts), replacing child lists, and the change record (audit + outbox)
// written in the same transaction as the change.
import type { Prisma, PrismaClient } from '@fsn/db'
import {
  AppError,
  CATEGORY_TAXONOMY,
  groupOpeningHours,
  languageName,
  type ListingChange,
  type TContactInput,
  type TOpeningHoursInterval,
  type TPhoneInput,
  type TServiceAreaInput,
} from '@fsn/domain'
import type { Tx } from '../../context'
import { writeAudit } from '../../audit/write-audit'
import { enqueue } from '../../outbox/outbox'
import { enqueueDirectoryWebhooks } from '../../webhooks/directory-events'
import type { ListingEditor } from './access'

type Db = PrismaClient | Tx

// ─── Optimistic concurrency ─────────────────────────────────────────────────────────────────────

type Versioned = 'organisation' | 'service' | 'location'

/**
 * Claims the row at the version the editor read, or fails with CONFLICT and nothing written. The
 * conditional UPDATE takes the row lock, so of two edits made from the same version exactly one
 * wins (the other re-reads the row after the first commits and no longer matches). The new
 * version is strictly later than the old even when the clock has not moved (tests, fast clicks),
 * so a second edit from the old version always conflicts.
 */
export async function claimVersion(
  tx: Tx,
  table: Versioned,
  id: string,
  expected: Date,
  now: Date,
  options: { keepVersion?: boolean } = {},
): Promise<Date> {
  // keepVersion: lock and check only, for a write that changes no content (verification).
  const stamp = options.keepVersion ? expected : new Date(Math.max(now.getTime(), expected.getTime() + 1))
  const where = { id, updatedAt: expected }
  const data = { updatedAt: stamp }
  const { count } =
    table === 'organisation'
      ? await tx.organisation.updateMany({ where, data })
      : table === 'service'
        ? await tx.service.updateMany({ where, data })
        : await tx.location.updateMany({ where, data })
  if (count === 0) {
    throw new AppError(
      'CONFLICT',
      'expectedUpdatedAt: this listing was changed by someone else after you opened it. Reload it and make your change again.',
      'expectedUpdatedAt',
    )
  }
  return stamp
}

// ─── Codes to rows ──────────────────────────────────────────────────────────────────────────────

export async function categoryTermIds(db: Db, codes: readonly string[]): Promise<string[]> {
  const terms = await db.taxonomyTerm.findMany({
    where: { code: { in: [...codes] }, taxonomy: { name: CATEGORY_TAXONOMY.name } },
    select: { id: true, code: true },
  })
  return codes.map((code, i) => {
    const term = terms.find((t) => t.code === code)
    if (!term) {
      throw new AppError(
        'VALIDATION_FAILED',
        `categoryCodes.${i}: no category ${code} in the directory`,
        `categoryCodes.${i}`,
      )
    }
    return term.id
  })
}

export interface PlaceRow {
  id: string
  code: string
  name: string
}

export async function regionByCode(db: Db, code: string, field: string): Promise<PlaceRow> {
  const region = await db.region.findUnique({ where: { code }, select: { id: true, code: true, name: true } })
  if (!region) throw new AppError('VALIDATION_FAILED', `${field}: no region ${code}`, field)
  return region
}

export async function territorialAuthorityByCode(db: Db, code: string, field: string) {
  const ta = await db.territorialAuthority.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, otherRegionCodes: true, region: { select: { code: true } } },
  })
  if (!ta) throw new AppError('VALIDATION_FAILED', `${field}: no territorial authority ${code}`, field)
  return ta
}

export async function serviceAreaRows(db: Db, areas: readonly TServiceAreaInput[]) {
  const regionCodes = areas.flatMap((a) => (a.regionCode ? [a.regionCode] : []))
  const taCodes = areas.flatMap((a) => (a.territorialAuthorityCode ? [a.territorialAuthorityCode] : []))
  const [regions, tas] = await Promise.all([
    db.region.findMany({
      where: { code: { in: regionCodes } },
      select: { id: true, code: true, name: true },
    }),
    db.territorialAuthority.findMany({
      where: { code: { in: taCodes } },
      select: { id: true, code: true, name: true },
    }),
  ])
  return areas.map((a, i) => {
    if (a.regionCode) {
      const r = regions.find((x) => x.code === a.regionCode)
      if (!r) {
        const field = `serviceAreas.${i}.regionCode`
        throw new AppError('VALIDATION_FAILED', `${field}: no region ${a.regionCode}`, field)
      }
      return { regionId: r.id, territorialAuthorityId: null, name: r.name }
    }
    const ta = tas.find((x) => x.code === a.territorialAuthorityCode)
    if (!ta) {
      const field = `serviceAreas.${i}.territorialAuthorityCode`
      throw new AppError(
        'VALIDATION_FAILED',
        `${field}: no territorial authority ${a.territorialAuthorityCode}`,
        field,
      )
    }
    return { regionId: null, territorialAuthorityId: ta.id, name: ta.name }
  })
}

/** A service is delivered at its own organisation's locations, never another's. */
export async function checkOwnLocations(db: Db, organisationId: string, locationIds: readonly string[]) {
  const own = await db.location.findMany({
    where: { id: { in: [...locationIds] }, organisationId },
    select: { id: true },
  })
  locationIds.forEach((id, i) => {
    if (!own.some((l) => l.id === id)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `locationIds.${i}: not a location of this organisation`,
        `locationIds.${i}`,
      )
    }
  })
}

// ─── Child lists (a list in an edit replaces the whole list) ────────────────────────────────────

type Owner = { serviceId: string } | { organisationId: string } | { locationId: string }

const phoneRow = (p: TPhoneInput) => ({
  number: p.number,
  extension: p.extension ?? null,
  type: p.type ?? null,
  description: p.description ?? null,
})

/** Deletes the owner's own phones (not those of its contacts, which go with them) and writes these. */
export async function replacePhones(tx: Tx, owner: Owner, phones: readonly TPhoneInput[]) {
  await tx.phone.deleteMany({ where: { ...ownScope(owner), contactId: null } })
  if (phones.length) await tx.phone.createMany({ data: phones.map((p) => ({ ...owner, ...phoneRow(p) })) })
}

export async function replaceContacts(tx: Tx, owner: Owner, contacts: readonly TContactInput[]) {
  await tx.contact.deleteMany({ where: ownScope(owner) })
  for (const c of contacts) {
    await tx.contact.create({
      data: {
        ...owner,
        name: c.name ?? null,
        title: c.title ?? null,
        department: c.department ?? null,
        email: c.email ?? null,
        phones: { create: (c.phones ?? []).map(phoneRow) },
      },
    })
  }
}

export async function replaceOpeningHours(
  tx: Tx,
  owner: { serviceId: string } | { locationId: string },
  hours: readonly TOpeningHoursInterval[],
) {
  await tx.schedule.deleteMany({ where: ownScope(owner) })
  if (hours.length) {
    await tx.schedule.createMany({
      data: groupOpeningHours(hours).map((h) => ({ ...owner, freq: 'WEEKLY' as const, ...h })),
    })
  }
}

export async function replaceLanguages(
  tx: Tx,
  owner: { serviceId: string } | { locationId: string },
  codes: readonly string[],
) {
  // Language rows have no service_at_location; a phone's languages belong to the phone.
  const where =
    'serviceId' in owner
      ? { serviceId: owner.serviceId, locationId: null, phoneId: null }
      : { locationId: owner.locationId, serviceId: null, phoneId: null }
  await tx.language.deleteMany({ where })
  if (codes.length) {
    await tx.language.createMany({
      data: codes.map((code) => ({ ...owner, code, name: languageName(code) ?? code })),
    })
  }
}

/** The owner's own rows: a service's, not those it shares with a location (service_at_location). */
function ownScope(owner: Owner) {
  if ('serviceId' in owner) return { serviceId: owner.serviceId, locationId: null, serviceAtLocationId: null }
  if ('locationId' in owner)
    return { locationId: owner.locationId, serviceId: null, serviceAtLocationId: null }
  return {
    organisationId: owner.organisationId,
    serviceId: null,
    locationId: null,
    serviceAtLocationId: null,
  }
}

// ─── The change record ─────────────────────────────────────────────────────────────────────────

export const LISTING_ACTIONS = {
  serviceCreated: 'directory.listing.service-created',
  serviceUpdated: 'directory.listing.service-updated',
  organisationUpdated: 'directory.listing.organisation-updated',
  locationUpdated: 'directory.listing.location-updated',
  verified: 'directory.listing.verified',
} as const
export type ListingAction = (typeof LISTING_ACTIONS)[keyof typeof LISTING_ACTIONS]

export type ListingChangeReason = 'listing-create' | 'listing-edit' | 'listing-verify'

/**
 * In the transaction of the change: the audit record (who, when, what changed, as a field diff)
 * and the `directory.changed` message the search indexer handles after commit (Conventions 5: the
 * index is a projection, never written here).
 */
export async function recordListingChange(
  tx: Tx,
  r: {
    editor: ListingEditor
    action: ListingAction
    entityType: 'Organisation' | 'Service' | 'Location'
    entityId: string
    organisationId: string
    changes: ListingChange[]
    reason: ListingChangeReason
    serviceIds: readonly string[]
    locationIds?: readonly string[]
    extra?: Record<string, Prisma.InputJsonValue>
    now: Date
    requestId?: string
  },
) {
  await writeAudit(tx, {
    occurredAt: r.now,
    actorId: r.editor.userId,
    actorOrganisationId: r.editor.actorOrganisationId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    data: {
      organisationId: r.organisationId,
      moderated: r.editor.moderated,
      changes: r.changes as unknown as Prisma.InputJsonValue,
      ...(r.extra ?? {}),
    },
    requestId: r.requestId ?? null,
  })
  await enqueue(
    tx,
    {
      topic: 'directory.changed',
      aggregateId: r.organisationId,
      payload: {
        reason: r.reason,
        organisationIds: [r.organisationId],
        serviceIds: [...r.serviceIds],
        ...(r.locationIds ? { locationIds: [...r.locationIds] } : {}),
      },
    },
    r.now,
  )
  // Partners' directory.changed webhooks: their own message, so the index and they never wait on each other.
  await enqueueDirectoryWebhooks(
    tx,
    {
      reason: r.reason,
      organisationIds: [r.organisationId],
      serviceIds: r.serviceIds,
      locationIds: [...(r.locationIds ?? []), ...(r.entityType === 'Location' ? [r.entityId] : [])],
    },
    r.now,
    r.organisationId,
  )
}
