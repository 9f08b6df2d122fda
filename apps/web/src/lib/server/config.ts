import { env } from '$env/dynamic/private'
import { createApi, type Api } from './api'

const DEFAULT_API_URL = 'http://127.0.0.1:4000'

let cached: { url: string; api: Api } | undefined

/** The API client for this process; API_URL is read at run time so one build serves every environment. */
export function api(): Api {
  const url = env.API_URL || DEFAULT_API_URL
  if (cached?.url !== url) cached = { url, api: createApi({ baseUrl: url }) }
  return cached.api
}
