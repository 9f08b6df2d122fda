import { createRoute, z } from '@hono/zod-openapi'
import { ZSignInInput } from '@fsn/domain'

export const ZErrorBody = z
  .object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    requestId: z.string().optional(),
  })
  .openapi('Error')

export const ZSignInResponse = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    expiresAt: z.string().describe('When the session ends unless used again (sliding expiry).'),
  })
  .openapi('SignInResponse')

export const signInRoute = createRoute({
  method: 'post',
  path: '/auth/sign-in',
  tags: ['auth'],
  summary: 'Sign in with email and password; sets the fsn_session cookie (HTTP-only, SameSite=Lax).',
  request: { body: { required: true, content: { 'application/json': { schema: ZSignInInput } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: ZSignInResponse } } },
    400: {
      description: 'A field is missing or malformed',
      content: { 'application/json': { schema: ZErrorBody } },
    },
    401: {
      description: 'Email or password not right (never says which)',
      content: { 'application/json': { schema: ZErrorBody } },
    },
    429: {
      description:
        'Too many failed sign-ins for this account or from this address (5 and 20 per 15 minutes); Retry-After gives the seconds to wait. Answered alike whether the account exists or not.',
      content: { 'application/json': { schema: ZErrorBody } },
    },
  },
})

export const signOutRoute = createRoute({
  method: 'post',
  path: '/auth/sign-out',
  tags: ['auth'],
  summary: 'Ends this session, whether sent as the cookie or as a Bearer token, and clears the cookie. Signing out twice is not an error.',
  responses: { 204: { description: 'Signed out' } },
})

export const revokeSessionsRoute = createRoute({
  method: 'post',
  path: '/auth/revoke-sessions',
  tags: ['auth'],
  summary: 'Ends every session of the signed-in user (or, for a national administrator, of userId).',
  request: {
    body: {
      required: false,
      content: { 'application/json': { schema: z.object({ userId: z.uuid().optional() }) } },
    },
  },
  responses: {
    200: {
      description: 'Sessions ended',
      content: { 'application/json': { schema: z.object({ revoked: z.number() }) } },
    },
    401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorBody } } },
    403: { description: 'Not allowed', content: { 'application/json': { schema: ZErrorBody } } },
  },
})
