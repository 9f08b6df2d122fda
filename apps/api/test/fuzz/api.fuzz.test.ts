// Property-based fuzzing of every REST operation (from the app's OpenAPI document) and every
// GraphQL mutation (from the built schema) with invalid input (issue 7). For every response:
// never a 5xx; REST errors are {code, message, requestId} with the catalogue's status, and a 400
// names a field of the input or its schema; GraphQL errors carry extensions.code, and validation
// errors name the field or the variable path; an input the schema forbids is never accepted; and
// refused requests leave every table's row count as it was.
// FUZZ_RUNS (default 10,000 on PGlite), FUZZ_PG_RUNS (default a tenth, on Postgres when
// TEST_DATABASE_URL is set) and FUZZ_SEED (default fixed; "random" explores) tune it.
import fc from 'fast-check'
import { testDatabaseKinds } from '@fsn/db/testing'
import { buildSchema } from '@fsn/graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../harness'
import { callers, FUZZ_PG_RUNS, FUZZ_RUNS, FUZZ_SEED, RowGuard, restContract, rowCounter, short, Tally, type Caller } from './fuzz-kit'
import { graphqlContract, graphqlInputs, graphqlMutations } from './graphql-inputs'
import { normaliseField } from './json-schema'
import { restInputs, restOperations } from './rest-inputs'

// A fuzz run's length grows with FUZZ_RUNS; the shared 60 s test timeout is for ordinary tests.
const TIMEOUT = 60 * 60_000

/** Share of the inputs for REST; the rest go to GraphQL mutations. */
const REST_SHARE = 0.6

// These two end the caller's own sessions when they succeed: sent without a real session.
const ENDS_OWN_SESSION = /^\/auth\/(sign-out|revoke-sessions)$/

const totals: string[] = []
let grandInputs = 0
let grandServerErrors = 0
const inputsOn = new Map<string, number>()

describe.each(testDatabaseKinds())('fuzzing the API on %s', (kind) => {
  const runs = kind === 'pglite' ? FUZZ_RUNS : FUZZ_PG_RUNS
  let t: TestApp
  let who: Caller[]
  let guard: RowGuard

  beforeAll(async () => {
    t = await createTestApp(kind)
    who = await callers(t)
    guard = new RowGuard(await rowCounter(t))
    await guard.start()
  })
  afterAll(() => t?.close())

  it(`REST: every operation gets invalid input; no 5xx, errors name the field, no partial writes`, async () => {
    const doc = await (await t.app.request('/api/openapi.json')).json()
    const { ops, resolve } = restOperations(doc)
    expect(ops.length).toBeGreaterThan(40)
    const perOp = Math.max(20, Math.ceil((runs * REST_SHARE) / ops.length))
    const tally = new Tally()
    const anonymous = who.filter((c) => !c.cookie || c.name === 'forged cookie')

    for (const [i, op] of ops.entries()) {
      const target = `${op.method} ${op.path}`
      const inputs = fc.sample(restInputs(op, resolve, who.length), { numRuns: perOp, seed: FUZZ_SEED + i })
      // Inputs the schema forbids first, then those that might succeed, so fewer row checks.
      inputs.sort((a, b) => Number(b.hard) - Number(a.hard))
      for (const input of inputs) {
        const caller = ENDS_OWN_SESSION.test(op.path) ? anonymous[input.callerIndex % anonymous.length]! : who[input.callerIndex]!
        const headers = { ...input.headers, ...(caller.cookie ? { cookie: caller.cookie } : {}) }
        const label = `${target} as ${caller.name}: ${input.kinds.join(', ')} ${input.url} ${short(input.body ?? '', 200)}`
        await guard.beforeRequest(!input.hard)
        let status: number
        let text: string
        try {
          const res = await t.app.request(input.url, { method: input.method, headers, body: input.body })
          status = res.status
          text = await res.text()
        } catch (err) {
          // The app threw instead of answering: as bad as a 500.
          status = 599
          text = String(err)
        }
        tally.count(target, status, input.hard)
        if (status >= 500) tally.serverErrors.push(`${status} ${label} → ${short(text, 300)}`)
        const breach = restContract(status, text, input.fields, normaliseField)
        if (breach && status < 500) tally.contract.push(`${breach} — ${label}`)
        if (input.hard && status < 300 && op.method !== 'GET') tally.accepted.push(`${status} ${label} → ${short(text)}`)
        if (input.hard && status < 300 && op.method === 'GET') tally.accepted.push(`${status} ${label}`)
        await guard.afterResponse(label, status)
      }
    }
    await guard.check()

    const missed = ops.filter((op) => !tally.perTarget.get(`${op.method} ${op.path}`))
    const summary = tally.summary(`REST on ${kind}`, guard)
    totals.push(summary.split('\n').slice(0, 2).join('\n'))
    grandInputs += tally.inputs
    grandServerErrors += tally.serverErrors.length
    inputsOn.set(kind, (inputsOn.get(kind) ?? 0) + tally.inputs)
    console.log(summary)
    expect(missed.map((op) => op.path)).toEqual([])
    expect(tally.serverErrors.slice(0, 10)).toEqual([])
    expect(tally.contract.slice(0, 10)).toEqual([])
    expect(tally.accepted.slice(0, 10)).toEqual([])
    expect(guard.violations.slice(0, 5)).toEqual([])
  }, TIMEOUT)

  it(`GraphQL: every mutation gets invalid input; no 5xx, errors carry codes and name the field, no partial writes`, async () => {
    const mutations = graphqlMutations(buildSchema())
    expect(mutations.length).toBeGreaterThan(30)
    const perMutation = Math.max(20, Math.ceil((runs * (1 - REST_SHARE)) / mutations.length))
    const tally = new Tally()

    for (const [i, m] of mutations.entries()) {
      const inputs = fc.sample(graphqlInputs(m, who.length), { numRuns: perMutation, seed: FUZZ_SEED + 1000 + i })
      inputs.sort((a, b) => Number(b.hard) - Number(a.hard))
      for (const input of inputs) {
        const caller = who[input.callerIndex]!
        const label = `${m.name} as ${caller.name}: ${input.kinds.join(', ')} ${short(input.body, 240)}`
        await guard.beforeRequest(!input.hard)
        let status: number
        let text: string
        try {
          const res = await t.app.request('/graphql', {
            method: 'POST',
            headers: { 'content-type': input.contentType, ...(caller.cookie ? { cookie: caller.cookie } : {}) },
            body: input.body,
          })
          status = res.status
          text = await res.text()
        } catch (err) {
          status = 599
          text = String(err)
        }
        const breach = graphqlContract(status, text, input)
        const outcome = breach?.startsWith('INTERNAL') ? 'INTERNAL' : status
        tally.count(m.name, outcome, input.hard)
        if (status >= 500 || breach?.startsWith('INTERNAL')) tally.serverErrors.push(`${status} ${label} → ${short(text, 300)}`)
        else if (breach) tally.contract.push(`${breach} — ${label}`)
        const succeeded = status === 200 && /"data":\{"[^"]+":(?!null)/.test(text) && !/"errors"/.test(text)
        if (input.hard && succeeded) tally.accepted.push(`${label} → ${short(text)}`)
        await guard.afterResponse(label, succeeded ? 200 : 400)
      }
    }
    await guard.check()

    const missed = mutations.filter((m) => !tally.perTarget.get(m.name))
    const summary = tally.summary(`GraphQL on ${kind}`, guard)
    totals.push(summary.split('\n').slice(0, 2).join('\n'))
    grandInputs += tally.inputs
    grandServerErrors += tally.serverErrors.length
    inputsOn.set(kind, (inputsOn.get(kind) ?? 0) + tally.inputs)
    console.log(summary)
    // REST and GraphQL together sent at least the inputs asked for on this database.
    expect(inputsOn.get(kind)).toBeGreaterThanOrEqual(runs)
    expect(missed.map((m) => m.name)).toEqual([])
    expect(tally.serverErrors.slice(0, 10)).toEqual([])
    expect(tally.contract.slice(0, 10)).toEqual([])
    expect(tally.accepted.slice(0, 10)).toEqual([])
    expect(guard.violations.slice(0, 5)).toEqual([])
  }, TIMEOUT)
})

afterAll(() => {
  console.log(`fuzz totals (seed ${FUZZ_SEED}): ${grandInputs} inputs, ${grandServerErrors} server errors\n${totals.join('\n')}`)
})
