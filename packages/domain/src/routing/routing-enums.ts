// Directory vocabularies the routing check reads, spelled exactly as the enums in prisma/schema.prisma.
// (AccreditationScheme lives in ../accreditation.ts.)

export const SERVICE_STATUSES = ['ACTIVE', 'INACTIVE', 'DEFUNCT', 'TEMPORARILY_CLOSED'] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]

/** HSDS 3.1 service_capacity, FHIR SDOH capacity status. */
export const CAPACITY_STATUSES = ['ACCEPTING', 'WAITLIST', 'NO_CAPACITY'] as const
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number]

export const ACCREDITATION_STATUSES = ['ACTIVE', 'PROVISIONAL', 'SUSPENDED', 'REVOKED'] as const
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number]
