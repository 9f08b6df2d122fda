// The words each layer uses for "the database is not there" (pg, @prisma/adapter-pg through
// Prisma, PGlite) must answer 503, and ordinary query errors must not be mistaken for them.
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from '../../src/http/errors'

const prismaError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('isDatabaseUnavailable', () => {
  it.each([
    ['Prisma P1001 (connection refused)', prismaError('P1001', "\nInvalid `prisma.session.findUnique()` invocation:\n\nCan't reach database server at 127.0.0.1:33867")],
    ['Prisma P1017 (connection reset)', prismaError('P1017', 'Server has closed the connection.')],
    ['Prisma P1008 (socket timeout)', prismaError('P1008', 'Operation has timed out')],
    ['pg: connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['pg: pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg: a dead pooled client', new Error('Client has encountered a connection error and is not queryable')],
    ['Postgres shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['node: ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['PGlite closed', new Error('PGlite is closed')],
  ])('%s is a 503', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true)
  })

  it.each([
    ['a unique violation', prismaError('P2002', 'Unique constraint failed on the fields: (`email`)')],
    ['a missing row', prismaError('P2025', 'An operation failed because it depends on one or more records that were required but not found.')],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing at all', undefined],
  ])('%s is not', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false)
  })
})
