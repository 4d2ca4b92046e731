/** Identifiers shared by the block builders and the listeners that handle their interactions. */

export const ACTION_IDS = {
  exportMarkdown: 'export_markdown',
  regenerate: 'regenerate',
  openForm: 'open_form',
  /** Search pagination; value is JSON `{ "query": string, "offset": number }`. */
  searchPage: 'search_page',
  /** A URL button to the design's canvas; acknowledged and otherwise ignored. */
  openCanvas: 'open_canvas',
  /** Value is JSON `{ "c": conversationId, "r": revision }`: diff of revision r − 1 and r. */
  compareRevisions: 'compare_revisions',
  /** Slack's feedback buttons under each revision; value is JSON `{ "c": conversationId, "r": revision, "v": "up" | "down" }`. */
  designFeedback: 'design_feedback',
} as const;

export const BLOCK_IDS = {
  designActions: 'design_actions',
  missingInputsActions: 'missing_inputs_actions',
  failureActions: 'failure_actions',
  searchPagination: 'search_pagination',
} as const;

export const DESIGN_FORM_CALLBACK_ID = 'design_form';
/** The optional comment after a thumbs-down; private_metadata is JSON `{ "c": conversationId, "r": revision }`. */
export const FEEDBACK_COMMENT_CALLBACK_ID = 'feedback_comment';

/** Block ids of the design form's inputs; every input element uses {@link FORM_ACTION_ID}. */
export const FORM_BLOCK_IDS = {
  systems: 'systems',
  flows: 'flows',
  volumePerDay: 'volume_per_day',
  latencySeconds: 'latency_seconds',
  stack: 'stack',
  auth: 'auth',
  rateLimits: 'rate_limits',
  compliance: 'compliance',
} as const;
export type FormBlockId = (typeof FORM_BLOCK_IDS)[keyof typeof FORM_BLOCK_IDS];

export const FORM_ACTION_ID = 'value';
