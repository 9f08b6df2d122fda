export {
  recordInteraction,
  ZRecordInteractionInput,
  INTERACTION_OUTCOMES,
  type TRecordInteractionInput,
} from './record-interaction'
export { findInteractions, type TFindInteractionsInput } from './find-interactions'
export { getWeeklyReportStatus } from './get-weekly-report-status'
export {
  exportWeeklyReport,
  buildWeeklyReport,
  type WeeklyReportExport,
  type BlockedInteraction,
} from './export-weekly-report'
export { submitWeeklyReport } from './submit-weekly-report'
export { parseReportWeek } from './shared'
export {
  amendInteractionNotes,
  ZAmendInteractionNotesInput,
  type TAmendInteractionNotesInput,
} from './amend-interaction-notes'
