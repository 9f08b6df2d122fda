// CSV for the export (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
// break in double quotes, quotes doubled). A text cell that starts with =, +, -, @, tab or carriage
// return gets a leading apostrophe: the Ministry's analysts open these files in spreadsheets, and a
// note beginning "=HYPERLINK(...)" must stay text, not become a formula (OWASP, CSV injection).
import type { ExportColumn } from './deidentify'

const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: unknown, column: ExportColumn): string {
  let text: string
  if (value === null || value === undefined) text = ''
  else if (Array.isArray(value)) text = value.join(';')
  else if (typeof value === 'boolean') text = value ? 'true' : 'false'
  else text = String(value)
  if (column.type === 'text' && FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
}

/** The rows as CSV, a header row of column names first, in the dictionary's column order. */
export function toCsv<R extends object>(
  columns: readonly ExportColumn<Extract<keyof R, string>>[],
  rows: readonly R[],
): string {
  const lines = [columns.map((c) => cell(c.name, { ...c, type: 'code' })).join(',')]
  for (const row of rows) {
    lines.push(columns.map((c) => cell(row[c.name], c)).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
