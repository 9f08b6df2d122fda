// A small RFC 4180 CSV reader for the files in prisma/reference: quoted fields may hold commas,
// doubled quotes and line breaks (the Open Eligibility descriptions do). No dependency needed.

/** Parses CSV text into rows of fields. Accepts LF or CRLF line ends and a leading BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        field += ch
      }
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
    } else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      if (ch === '\r' && text[i + 1] === '\n') i++
    } else {
      field += ch
    }
    i++
  }
  if (quoted) throw new Error('CSV ends inside a quoted field')
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  // A trailing blank line is not a record.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** Parses CSV text with a header row into one object per record, keyed by header. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  if (!header) return []
  return rows.map((cells, n) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV record ${n + 2} has ${cells.length} fields, header has ${header.length}`)
    }
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]))
  })
}
