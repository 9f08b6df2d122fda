import { describe, expect, it } from 'vitest'
import { NOTE_MAX_LENGTH, ZAddReferralNoteInput, noteTextFor, noteTextVisible } from './notes'

const SENDER_ORG = '0190a000-0000-7000-8000-000000000001'
const PROVIDER_ORG = '0190a000-0000-7000-8000-000000000002'

describe('noteTextVisible', () => {
  const cases = [
    // who, viewer's organisation, kinds visible, author, expected
    ['sender reads its own note with no kinds', 'SENDER', SENDER_ORG, [], SENDER_ORG, true],
    ['receiver reads the sender note while NEEDS_SUMMARY is shared', 'RECEIVER', PROVIDER_ORG, ['NEEDS_SUMMARY'], SENDER_ORG, true],
    ['receiver after withdrawal does not read the sender note', 'RECEIVER', PROVIDER_ORG, [], SENDER_ORG, false],
    ['receiver with contact details only does not read it', 'RECEIVER', PROVIDER_ORG, ['CONTACT_DETAILS'], SENDER_ORG, false],
    ['receiver reads its own note after withdrawal', 'RECEIVER', PROVIDER_ORG, [], PROVIDER_ORG, true],
    ['sender reads the provider note while NEEDS_SUMMARY is visible', 'SENDER', SENDER_ORG, ['NEEDS_SUMMARY'], PROVIDER_ORG, true],
    ['sender without NEEDS_SUMMARY does not read the provider note', 'SENDER', SENDER_ORG, [], PROVIDER_ORG, false],
    ['a regional lead never reads notes', 'REGIONAL_LEAD', null, ['NEEDS_SUMMARY'], SENDER_ORG, false],
    ['oversight never reads notes', 'OVERSIGHT', SENDER_ORG, ['NEEDS_SUMMARY'], SENDER_ORG, false],
  ] as const
  it.each(cases)('%s', (_name, relationship, organisationId, kinds, author, expected) => {
    const d = { relationship, organisationId, visibleKinds: [...kinds] } as unknown as Parameters<
      typeof noteTextVisible
    >[0]
    expect(noteTextVisible(d, author)).toBe(expected)
    const text = noteTextFor(d, author, 'Needs kai for three tamariki')
    if (expected) expect(text).toBe('Needs kai for three tamariki')
    else expect(text).toEqual({ redacted: true, reason: expect.stringMatching(/consent/) })
  })
})

describe('ZAddReferralNoteInput', () => {
  const referralId = '0190a000-0000-7000-8000-0000000000aa'
  it('trims and keeps the text', () => {
    expect(ZAddReferralNoteInput.parse({ referralId, text: '  Called, no answer  ' }).text).toBe('Called, no answer')
  })
  it.each([
    [{ referralId, text: '   ' }, 'text', 'text is required'],
    [{ referralId }, 'text', 'text is required'],
    [{ referralId, text: 'x'.repeat(NOTE_MAX_LENGTH + 1) }, 'text', `text must be at most ${NOTE_MAX_LENGTH} characters`],
    [{ referralId: 'nope', text: 'hi' }, 'referralId', 'referralId must be a UUID'],
  ])('refuses %j naming %s', (input, field, message) => {
    const r = ZAddReferralNoteInput.safeParse(input)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual([field])
    expect(r.error?.issues[0]?.message).toBe(message)
  })
})
