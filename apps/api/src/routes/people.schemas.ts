// Response contracts of the people routes this file's neighbours add (people.routes.ts): the IPP 6
// answer. Strict objects (additionalProperties: false): no field leaves that is not declared here.
import { z } from '@hono/zod-openapi'

const ZTime = z.string().describe('ISO 8601 date-time, UTC')

export const ZPersonAccessRecord = z
  .strictObject({
    id: z.string(),
    accessedAt: ZTime.describe('When the details were read'),
    user: z.strictObject({ id: z.string(), name: z.string() }).describe('Who read them'),
    organisation: z
      .strictObject({ id: z.string(), name: z.string() })
      .describe('The organisation they read them for'),
    fields: z
      .array(z.string())
      .describe('The person fields shown; for a shared case read, the information kinds shown'),
    purpose: z.string().describe('action:rule, e.g. referral.view:referral-receiver'),
    action: z.string().describe('What was read: referral.view, people.list, case.view …'),
    rule: z.string().nullable().describe('The need-to-know rule the read was allowed under (docs/privacy.md)'),
    referralId: z.string().nullable(),
    consentId: z.string().nullable(),
  })
  .openapi('PersonAccessRecord')

export const ZPersonAccessRecords = z
  .strictObject({ personId: z.string(), records: z.array(ZPersonAccessRecord) })
  .openapi('PersonAccessRecords', {
    description: 'Every recorded read of the person, oldest first (Privacy Act 2020, IPP 6).',
  })

/** The JSON answer from the use case's records (dates as ISO strings). */
export function accessRecordsBody(a: {
  personId: string
  records: readonly {
    id: string
    accessedAt: Date
    user: { id: string; name: string }
    organisation: { id: string; name: string }
    fields: readonly string[]
    purpose: string
    action: string
    rule: string | null
    referralId: string | null
    consentId: string | null
  }[]
}): z.infer<typeof ZPersonAccessRecords> {
  return {
    personId: a.personId,
    records: a.records.map((r) => ({
      id: r.id,
      accessedAt: r.accessedAt.toISOString(),
      user: { id: r.user.id, name: r.user.name },
      organisation: { id: r.organisation.id, name: r.organisation.name },
      fields: [...r.fields],
      purpose: r.purpose,
      action: r.action,
      rule: r.rule,
      referralId: r.referralId,
      consentId: r.consentId,
    })),
  }
}
