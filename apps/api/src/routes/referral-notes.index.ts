import type { OpenAPIHono } from '@hono/zod-openapi'
import { addReferralNote, type ServiceDeps } from '@fsn/services'
import type { AppEnv } from '../http/env'
import { addReferralNoteRoute } from './referral-notes.routes'

export function mountReferralNotes(app: OpenAPIHono<AppEnv>, deps: ServiceDeps) {
  app.openapi(addReferralNoteRoute, async (c) => {
    const body = c.req.valid('json')
    const view = await addReferralNote({
      deps,
      actor: c.get('actor'),
      requestId: c.get('requestId'),
      input: { ...body, referralId: c.req.valid('param').id },
    })
    return c.json(view, 201)
  })
}
