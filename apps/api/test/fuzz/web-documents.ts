// Every GraphQL document the web app sends, read from its source: each `operation<…>(`…`)` in
// apps/web/src, with `${NAME}` pieces filled in from the same file's `const NAME = `…``. Read as
// text, not imported, because those modules need SvelteKit's $lib aliases.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const WEB_SRC = fileURLToPath(new URL('../../../web/src', import.meta.url))

export interface WebDocument {
  file: string
  name: string
  query: string
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : []
  })
}

/** The string and number constants of one file: `const NAME = `…`` (or quoted, or 200), by name. */
function constants(source: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const m of source.matchAll(/(?:^|\n)(?:export )?const ([A-Z][A-Z0-9_]*) = (`[^`]*`|'[^'\n]*'|"[^"\n]*"|\d+\b)/g)) {
    found.set(m[1]!, /^\d/.test(m[2]!) ? m[2]! : m[2]!.slice(1, -1))
  }
  return found
}

function fill(template: string, consts: Map<string, string>, file: string, depth = 0): string {
  if (depth > 10) throw new Error(`${file}: constants nest too deep`)
  return template.replace(/\$\{([^}]*)\}/g, (_, expr: string) => {
    const value = consts.get(expr.trim())
    // An interpolation this cannot read would hide part of a document: fail rather than guess.
    if (value === undefined) throw new Error(`${file}: cannot resolve \${${expr}} in a GraphQL document`)
    return fill(value, consts, file, depth + 1)
  })
}

export function webDocuments(): WebDocument[] {
  const documents: WebDocument[] = []
  for (const file of sourceFiles(WEB_SRC)) {
    const source = readFileSync(file, 'utf8')
    if (!source.includes('operation<')) continue
    const consts = constants(source)
    let at = source.indexOf('operation<')
    while (at >= 0) {
      // The definition of operation() itself, not a use.
      if (source.slice(Math.max(0, at - 9), at) === 'function ') {
        at = source.indexOf('operation<', at + 1)
        continue
      }
      const open = source.indexOf('(`', at)
      const close = source.indexOf('`', open + 2)
      if (open < 0 || close < 0) throw new Error(`${file}: an operation<…> without a template literal`)
      const before = source.slice(source.lastIndexOf('const ', at), at)
      const name = /const ([A-Za-z0-9_]+)/.exec(before)?.[1] ?? `${file}@${at}`
      const template = source.slice(open + 2, close)
      const where = file.slice(WEB_SRC.length + 1)
      // A factory such as `const step = (field) => operation<…>(`… ${field}(input: $input) …`)`:
      // one document for each call `step('acceptReferral')` in the file.
      const param = /\(\s*([a-z][A-Za-z0-9]*)\s*(?::[^)]*)?\)\s*=>\s*$/.exec(before)?.[1]
      if (param && template.includes(`\${${param}}`)) {
        const calls = [...source.matchAll(new RegExp(`\\b${name}\\('([^']+)'\\)`, 'g'))].map((m) => m[1]!)
        if (calls.length === 0) throw new Error(`${where}: ${name}() is never called`)
        for (const arg of calls) {
          documents.push({ file: where, name: `${name}(${arg})`, query: fill(template.replaceAll(`\${${param}}`, arg), consts, file) })
        }
      } else {
        documents.push({ file: where, name, query: fill(template, consts, file) })
      }
      at = source.indexOf('operation<', close)
    }
  }
  return documents
}

/** How many times the web source writes `operation<`, so a document the reader missed shows. */
export function webOperationCount(): number {
  let n = 0
  for (const file of sourceFiles(WEB_SRC)) {
    n += readFileSync(file, 'utf8').split('operation<').length - 1
    n -= readFileSync(file, 'utf8').split('function operation<').length - 1
  }
  return n
}
