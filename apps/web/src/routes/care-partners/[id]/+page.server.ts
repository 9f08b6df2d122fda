// One s396 application: its step, progress, who holds the next action, the readiness template, the
// records of each step, the timeline, and the steps availableCommands allows this viewer now. Every
// step is a form action (works without JavaScript); the API decides whether each one is allowed,
// and a refusal (a Quality Manager approving) is shown in its own words.
import { error } from '@sveltejs/kit'
import { t } from '$lib/i18n'
import { call, failLoad, requireSignIn } from '$lib/server/call'
import { applicationCommandAction, captureReadinessAction, recordCelebrationAction, UUID, type ApplicationCommand } from '$lib/server/care'
import { CARE_CELEBRATIONS, CARE_PARTNER_APPLICATION, type CareCelebration } from '$lib/server/care-queries'
import type { Actions, PageServerLoad, RequestEvent } from './$types'

export const load: PageServerLoad = async (event) => {
  requireSignIn(event)
  if (!UUID.test(event.params.id)) error(404, { message: t('error.notFound'), code: 'NOT_FOUND' })
  try {
    const { carePartnerApplication } = await call(event, CARE_PARTNER_APPLICATION, { id: event.params.id })
    // The Celebration Process is part of the quality cycle: offered once the partner is approved.
    let celebrations: CareCelebration[] | null = null
    if (carePartnerApplication.status === 'APPROVED' || carePartnerApplication.status === 'IN_QUALITY_ASSURANCE') {
      const found = await call(event, CARE_CELEBRATIONS, { carePartnerOrganisationId: carePartnerApplication.organisationId })
      celebrations = found.careCelebrations
    }
    return { application: carePartnerApplication, celebrations }
  } catch (e) {
    failLoad(e, event, 'care partner application query')
  }
}

const step = (command: ApplicationCommand) => (event: RequestEvent) => applicationCommandAction(event, command)

export const actions: Actions = {
  captureReadiness: captureReadinessAction,
  moveToReadiness: step('moveToReadiness'),
  reviewReadiness: step('reviewReadiness'),
  recordFindingsDiscussion: step('recordFindingsDiscussion'),
  returnToReadiness: step('returnToReadiness'),
  prepareRecommendation: step('prepareRecommendation'),
  endorseRecommendation: step('endorseRecommendation'),
  returnRecommendation: step('returnRecommendation'),
  approve: step('approve'),
  decline: step('decline'),
  transitionToQualityAssurance: step('transitionToQualityAssurance'),
  withdraw: step('withdraw'),
  recordCelebration: recordCelebrationAction,
}
