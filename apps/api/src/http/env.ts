import type { Actor } from '@fsn/domain'

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    requestId: string
    actor: Actor
  }
}
