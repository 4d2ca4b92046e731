/** Block Kit builders: pure functions returning Slack message payloads or views, all text neutralised. */
export * from './ids.js';
export { LIMITS, blockTextLength, type SlackMessage, type KnownBlock } from './kit.js';
export { designHeaderMessage, designSectionMessages, changedSectionsMessages, changesMessage, compareValue, answerMessage, qualitySummary } from './design.js';
export type { DesignHeaderInput } from './design.js';
export {
  missingInputsMessage,
  progressMessage,
  failureMessage,
  redactionNotice,
  defaultAssumptionLines,
} from './status.js';
export {
  searchResultsMessage,
  helpMessage,
  recentDesignsMessage,
  renderSnippet,
  type SearchResultItem,
  type SearchResultsInput,
  type RecentDesign,
} from './search.js';
export { homeView } from './home.js';
export { designFormView, type DesignFormInput } from './form.js';
export { parseDesignForm, type DesignFormResult } from './form-parse.js';
