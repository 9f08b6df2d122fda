// Who has seen a person's details (Privacy Act 2020, IPP 6). The API answers only staff who record
// consent at the organisation that recorded the person; anyone else gets the not-found page.
import { error } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { call, failLoad, requireSignIn } from '$lib/server/call'
import { PERSON_ACCESS_RECORDS, accessRows } from '$lib/server/people'
import { UUID } from '$lib/server/refer'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  const personId = event.params.id
  if (!UUID.test(personId)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
  try {
    const { personAccessRecords } = await call(event, PERSON_ACCESS_RECORDS, { personId })
    return { personId, rows: accessRows(personAccessRecords) }
  } catch (e) {
    failLoad(e, event, 'person access records query')
  }
}
