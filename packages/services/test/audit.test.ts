import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '@fsn/db'
import { openTestDatabase, testDatabaseKinds } from '@fsn/db/testing'
import { verifyAuditChain, writeAudit } from '../src/audit/write-audit'

describe.each(testDatabaseKinds())('hash-chained audit on %s', (kind) => {
  let db: Database
  beforeAll(async () => {
    db = await openTestDatabase(kind)
  })
  afterAll(async () => db?.close())

  const entry = (i: number) => ({
    occurredAt: new Date(Date.UTC(2026, 10, 23, 0, 0, i)),
    actorId: null,
    actorOrganisationId: null,
    action: 'test.event',
    entityType: 'Thing',
    entityId: `thing-${i}`,
    data: { i, note: 'whānau' },
  })

  it('chains records written concurrently without forking', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => db.prisma.$transaction((tx) => writeAudit(tx, entry(i)))),
    )
    const rows = await db.prisma.auditRecord.findMany({ orderBy: { seq: 'asc' } })
    expect(rows).toHaveLength(20)
    expect(rows[0]!.prevHash).toBeNull()
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash)
    expect(await db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
  })

  it('finds an edited record', async () => {
    const victim = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 5 })
    await db.prisma.auditRecord.update({ where: { id: victim.id }, data: { entityId: 'someone-else' } })
    expect(await db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBe(victim.seq)
    await db.prisma.auditRecord.update({ where: { id: victim.id }, data: { entityId: victim.entityId } })
    expect(await db.prisma.$transaction((tx) => verifyAuditChain(tx))).toBeNull()
  })

  it('finds a deleted record', async () => {
    const victim = await db.prisma.auditRecord.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 10 })
    await db.prisma.auditRecord.delete({ where: { id: victim.id } })
    const broken = await db.prisma.$transaction((tx) => verifyAuditChain(tx))
    expect(broken).not.toBeNull()
    expect(broken! > victim.seq).toBe(true)
  })
})
