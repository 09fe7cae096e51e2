/** The worker's workflowsPath entry: every workflow Leadflow registers. */
export { leadJourneyWorkflow } from './lead-journey';
export { handoffSlaWorkflow } from './handoff-sla';
export { csvImportWorkflow } from './csv-import';
export { followUpReminderWorkflow } from './follow-up';
export { emailBlastWorkflow } from './email-blast';
export { abAutoWinnerWorkflow } from './ab-auto-winner';
