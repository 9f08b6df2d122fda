#!/usr/bin/env node
// `pnpm config:table`: writes README.md's Configuration table from the configuration schema
// (apps/api/src/config-schema.ts), between its markers. apps/api/test/config.test.ts fails when the
// README's table and the schema differ. Run with tsx (the schema is TypeScript).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT, withConfigTable } from '../apps/api/src/config-schema.ts'

const path = join(REPO_ROOT, 'README.md')
const before = readFileSync(path, 'utf8')
const after = withConfigTable(before)
if (after === before) console.log('README.md configuration table is up to date')
else {
  writeFileSync(path, after)
  console.log('README.md configuration table written')
}
