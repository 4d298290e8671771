/** Datacard workflow states (see DESIGN.md, Workflow). */
export const DATACARD_STATUS_VALUES = ['draft', 'submitted', 'published', 'rejected', 'support'] as const;
/** A datacard workflow state. */
export type DatacardStatus = (typeof DATACARD_STATUS_VALUES)[number];
