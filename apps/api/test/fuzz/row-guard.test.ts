// The fuzzer's no-partial-writes check must be able to fail: a row written behind a refused
// request is reported, whether or not the transaction-id shortcut applies.
import { testDatabaseKinds } from '@fsn/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../harness'
import { RowGuard, rowCounter } from './fuzz-kit'

describe.each(testDatabaseKinds())('RowGuard on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(() => t?.close())

  it('passes refused requests that wrote nothing, and reports one that left a row behind', async () => {
    const guard = new RowGuard(await rowCounter(t))
    await guard.start()
    await guard.afterResponse('refused, nothing written', 400)
    await guard.check()
    expect(guard.violations).toEqual([])

    await guard.afterResponse('refused, but wrote', 400)
    await t.db.prisma.organisation.create({ data: { name: 'Partial write', description: 'left behind', kind: 'PROVIDER' } })
    await guard.check()
    expect(guard.violations).toHaveLength(1)
    expect(guard.violations[0]).toMatch(/Organisation \d+ → \d+.*refused, but wrote/)
  })

  it('takes a new baseline after a success, so its writes are not blamed on later refusals', async () => {
    const guard = new RowGuard(await rowCounter(t))
    await guard.start()
    await t.db.prisma.organisation.create({ data: { name: 'Written by a success', description: 'x', kind: 'PROVIDER' } })
    await guard.afterResponse('succeeded', 201)
    await guard.afterResponse('refused', 400)
    await guard.check()
    expect(guard.violations).toEqual([])
  })
})
