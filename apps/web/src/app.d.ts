import type { SessionUser } from '$lib/types'

declare global {
  namespace App {
    interface Locals {
      /** Set only from the API's answer to `me`; null for anonymous visitors. */
      user: SessionUser | null
      /** The session token the API accepted this request, forwarded on later API calls. */
      sessionToken: string | null
    }
    interface PageData {
      user: SessionUser | null
    }
    interface Error {
      message: string
      code?: string
    }
  }
}

export {}
