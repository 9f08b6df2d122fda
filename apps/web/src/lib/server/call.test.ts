import { describe, expect, it, vi } from 'vitest'
import { ApiError } from './api'
import { actionProblem, apiMessage } from './call'

describe('API errors in words', () => {
  it('drops the field prefix the API adds for developers', () => {
    expect(apiMessage(new ApiError('VALIDATION_FAILED', 'reason: reason is required to decline', 400, 'reason'))).toBe('Reason is required to decline')
    expect(apiMessage(new ApiError('CONFLICT', 'Someone else changed this referral just now; reload and try again.', 409))).toBe(
      'Someone else changed this referral just now; reload and try again.',
    )
  })

  it('lists every reason a rule gives', () => {
    const refused = new ApiError('ROUTING_REFUSED', 'A. B.', 422, 'serviceId', [
      { code: 'NO_CAPACITY', message: 'A.' },
      { code: 'OUTSIDE_SERVICE_AREA', message: 'B.' },
    ])
    expect(actionProblem(refused, 'send')).toEqual({ code: 'ROUTING_REFUSED', messages: ['A.', 'B.'], field: 'serviceId', status: 422 })
  })

  it('says nothing of an unexpected fault but that it is unavailable', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(actionProblem(new Error('ECONNRESET at 10.0.0.3'), 'send')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, messages: [expect.stringMatching(/unavailable/)] })
    log.mockRestore()
  })
})
