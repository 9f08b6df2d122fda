// REST for the weekly de-identified report (issue 5; Guidelines, "Protecting reporting
// information"): the export of one Monday-to-Sunday week as JSON or CSV, with its column
// dictionary in this document. A week whose notes hold personal information is not exported: 409
// lists the records to reword and why.
import { createRoute, z } from '@hono/zod-openapi'
import { GRANT_EXPORT_COLUMNS, INTERACTION_EXPORT_COLUMNS, type ExportColumn } from '@fsn/domain'
import { ZErrorBody } from './auth.routes'

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ZErrorBody } },
})

/** The column dictionary as a Markdown table, for the operation's description. */
function dictionary(title: string, columns: readonly ExportColumn[]): string {
  const rows = columns.map(
    (c) =>
      `| \`${c.name}\` | ${c.type} | ${c.description.replace(/\|/g, '\\|')}${c.values ? ` Values: ${c.values.join(', ')}.` : ''} |`,
  )
  return [`**${title}**`, '', '| column | type | meaning |', '|---|---|---|', ...rows].join('\n')
}

const described = (columns: readonly ExportColumn[], shape: Record<string, z.ZodType>) =>
  Object.fromEntries(
    columns.map((c) => [c.name, (shape[c.name] as z.ZodType).describe(c.description)]),
  ) as Record<string, z.ZodType>

const ZInteractionRow = z
  .object(
    described(INTERACTION_EXPORT_COLUMNS, {
      reportWeek: z.string(),
      regionCode: z.string(),
      territorialAuthorityCode: z.string().nullable(),
      ageBand: z.string(),
      whanauSize: z.string(),
      method: z.string(),
      needCategories: z.array(z.string()),
      referredCategories: z.array(z.string()),
      recordedSameDay: z.boolean(),
      notes: z.string().nullable(),
    }),
  )
  .openapi('InteractionExportRow')

const ZGrantRow = z
  .object(
    described(GRANT_EXPORT_COLUMNS, {
      reportWeek: z.string(),
      category: z.string(),
      amountCents: z.int(),
    }),
  )
  .openapi('GrantExportRow')

const ZColumn = z
  .object({
    name: z.string(),
    type: z.string(),
    description: z.string(),
    values: z.array(z.string()).optional(),
  })
  .openapi('ExportColumn')

export const ZWeeklyExport = z
  .object({
    // The week's id only: no calendar date in the file, so nothing a scan could take for a date of birth.
    week: z.string().describe('ISO week, "2026-W43" (Monday to Sunday, NZ time)'),
    interactions: z.array(ZInteractionRow),
    grants: z.array(ZGrantRow).describe('Discretionary fund grants: category and amount only.'),
    columns: z.object({ interactions: z.array(ZColumn), grants: z.array(ZColumn) }),
  })
  .openapi('WeeklyReportExport')

export const ZExportBlocked = z
  .object({
    code: z.literal('CONFLICT'),
    message: z.string(),
    field: z.literal('notes'),
    requestId: z.string().optional(),
    blocked: z.array(
      z.object({
        interactionId: z.string(),
        occurredAt: z.string(),
        reasons: z.array(z.string()).describe('What the personal-information check found, to reword.'),
      }),
    ),
  })
  .openapi('WeeklyReportExportBlocked')

export const exportWeeklyReportRoute = createRoute({
  method: 'get',
  path: '/api/v1/reports/weekly/{week}',
  tags: ['reporting'],
  summary: "Your organisation's de-identified weekly report, as JSON or CSV (community connectors).",
  description: [
    'One Monday-to-Sunday week in New Zealand time, due Monday 17:00 after it (Tuesday when that Monday is a public holiday).',
    'No names, dates of birth, addresses, phone numbers, emails or NHI/IRD numbers; ages as bands; places no finer than territorial authority; grants by category and amount only.',
    'Free-text notes pass a personal-information check first (including the names of the person and whānau on record); any note that fails blocks the whole export (409) with the reasons per record.',
    '`format=csv` returns one table as text/csv (RFC 4180, CRLF): `table=interactions` (default) or `table=grants`.',
    '',
    dictionary('Interactions', INTERACTION_EXPORT_COLUMNS),
    '',
    dictionary('Grants', GRANT_EXPORT_COLUMNS),
  ].join('\n'),
  request: {
    params: z.object({
      week: z
        .string()
        .describe('ISO week ("2026-W43") or its Monday ("2026-10-19")')
        .openapi({ example: '2026-W43' }),
    }),
    query: z.object({
      format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).optional(),
      table: z.enum(['interactions', 'grants'], { error: 'table must be interactions or grants' }).optional(),
    }),
  },
  responses: {
    200: {
      description: 'The export',
      content: {
        'application/json': { schema: ZWeeklyExport },
        'text/csv': { schema: z.string().describe('Header row of column names, then one row per record.') },
      },
    },
    400: error('The week is not an ISO week or a Monday, or format/table is not one of the listed values'),
    401: error('Not signed in'),
    403: error('Not a community connector'),
    409: {
      description: 'A note holds personal information: reword it, then export again',
      content: { 'application/json': { schema: ZExportBlocked } },
    },
  },
})
