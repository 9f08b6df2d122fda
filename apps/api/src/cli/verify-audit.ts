// Verifies the hash-chained audit log: `pnpm audit:verify` (DATABASE_URL or DATA_DIR as for the
// API). Exit 0 when every record's hash and link check out; 1 naming the first broken record.
import { openDatabase } from '@fsn/db'
import { verifyAuditChain } from '@fsn/services'
import { loadConfig } from '../config'

const config = loadConfig()
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
try {
  const count = await db.prisma.auditRecord.count()
  const broken = await db.prisma.$transaction((tx) => verifyAuditChain(tx), { timeout: 600_000 })
  if (broken === null) {
    console.log(`audit chain verified: ${count} records`)
    process.exitCode = 0
  } else {
    console.error(`audit chain BROKEN at record seq ${broken}: it, or the record before it, was changed or removed`)
    process.exitCode = 1
  }
} finally {
  await db.close()
}
