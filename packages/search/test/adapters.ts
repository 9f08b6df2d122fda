// Every SearchIndex adapter the contract suite runs against: the embedded engine always, and
// Meilisearch when MEILI_URL names a server (each run in an index of its own, deleted after).
import { randomBytes } from 'node:crypto'
import { Meilisearch } from 'meilisearch'
import { createEmbeddedSearchIndex } from '../src/embedded/engine'
import { miniSearchText } from '../candidates/minisearch-text'
import { oramaText } from '../candidates/orama-text'
import { createMeilisearchIndex } from '../src/meilisearch'
import type { SearchIndex } from '../src/port'

export interface AdapterUnderTest {
  name: string
  create: (clock: () => Date) => SearchIndex
  /** Removes what the adapter left behind (the Meilisearch index). */
  cleanup: () => Promise<void>
}

export function adapters(): AdapterUnderTest[] {
  const list: AdapterUnderTest[] = [
    { name: 'embedded', create: (clock) => createEmbeddedSearchIndex({ clock }), cleanup: async () => {} },
  ]
  // The benchmarked alternatives to the default full-text index, held to the same contract on
  // request (they are not production code): SEARCH_CANDIDATES=1.
  if (process.env.SEARCH_CANDIDATES) {
    for (const [name, text] of [
      ['embedded:minisearch', miniSearchText],
      ['embedded:orama', oramaText],
    ] as const) {
      list.push({
        name,
        create: (clock) => createEmbeddedSearchIndex({ clock, text }),
        cleanup: async () => {},
      })
    }
  }
  const url = process.env.MEILI_URL
  if (url) {
    const apiKey = process.env.MEILI_API_KEY
    const uids: string[] = []
    list.push({
      name: 'meilisearch',
      create: (clock) => {
        const indexUid = `fsn_contract_${process.pid}_${randomBytes(3).toString('hex')}`
        uids.push(indexUid)
        return createMeilisearchIndex({ url, ...(apiKey ? { apiKey } : {}), indexUid, clock })
      },
      cleanup: async () => {
        const client = new Meilisearch({ host: url, ...(apiKey ? { apiKey } : {}) })
        for (const uid of uids.splice(0)) await client.deleteIndexIfExists(uid)
      },
    })
  }
  return list
}
