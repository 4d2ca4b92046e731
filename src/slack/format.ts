/** Markdown → Slack mrkdwn, mention neutralising, and splitting to Slack's limits. */
export { markdownToMrkdwn } from './format/markdown.js';
export { escapeMrkdwn, neutralizeMentions, neutralizePlainMentions, neutralizePlainText } from './format/mentions.js';
export { splitForSlack, type SplitOptions } from './format/split.js';
export { buildSectionMessages, fallbackExcerpt, type SectionMessageOptions } from './format/messages.js';
export { tablesToCodeBlocks } from './format/tables.js';
