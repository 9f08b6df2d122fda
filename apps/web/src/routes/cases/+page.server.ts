// The cases my agencies are members of, newest first.
import { call, failLoad, requireSignIn } from '$lib/server/call'
import { MY_CASES } from '$lib/server/care-queries'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  try {
    const { myCases } = await call(event, MY_CASES, {})
    return { cases: myCases }
  } catch (e) {
    failLoad(e, event, 'my cases query')
  }
}
