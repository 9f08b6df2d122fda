import * as domain from '@fsn/domain'
import { describe, expect, it } from 'vitest'
import * as vocab from './vocab'

describe('vocab', () => {
  it.each(Object.keys(vocab) as (keyof typeof vocab)[])('%s is the same list as @fsn/domain', (name) => {
    expect(vocab[name]).toEqual(domain[name])
  })
})
