// HSDS gives every object a UUID, but two of its objects have no row of their own here: the address
// (folded into Location) and the attribute (ServiceTaxonomyTerm, keyed by service and term). Their
// ids are name-based UUIDs (RFC 9562 version 5) of what they belong to, so every export names them
// the same and a partner's sync sees the same object, not a new one each time.
import { createHash } from 'node:crypto'

// A fixed namespace for this directory's derived HSDS ids (random, chosen once; never change it).
const NAMESPACE = 'b6f3d0c2-5a47-4e8b-9d2e-7c1f0a3e4b58'

export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex')
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16)
  bytes[6] = (bytes[6]! & 0x0f) | 0x50
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const addressIdOf = (locationId: string) => uuidV5(`address:${locationId}`)
export const attributeIdOf = (serviceId: string, termId: string) => uuidV5(`attribute:${serviceId}:${termId}`)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s)
