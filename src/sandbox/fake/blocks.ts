import { SlackApiError, withMessages } from './errors.js';

/** Slack's documented Block Kit limits that our bot can plausibly hit. */
export const LIMITS = {
  messageText: 40_000,
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  contextElements: 10,
  contextText: 3_000,
  headerText: 150,
  markdownText: 12_000,
  /** Cumulative text across a message's blocks; Slack starts refusing near 13k, we are stricter. */
  cumulativeBlockText: 12_000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  actionId: 255,
  blockId: 255,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined => (isObj(v) && typeof v.text === 'string' ? v.text : undefined);

function checkLength(problems: string[], value: string | undefined, max: number, pointer: string): void {
  if (value !== undefined && value.length > max) {
    problems.push(`must be less than ${max + 1} characters [json-pointer:${pointer}]`);
  }
}

function checkElement(problems: string[], el: unknown, pointer: string): void {
  if (!isObj(el) || typeof el.type !== 'string') {
    problems.push(`must provide an object with a type [json-pointer:${pointer}]`);
    return;
  }
  if (typeof el.action_id === 'string') checkLength(problems, el.action_id, LIMITS.actionId, `${pointer}/action_id`);
  if (el.type === 'button') {
    const label = textOf(el.text);
    if (label === undefined) problems.push(`must provide a text object [json-pointer:${pointer}/text]`);
    checkLength(problems, label, LIMITS.buttonText, `${pointer}/text/text`);
    if (typeof el.value === 'string') checkLength(problems, el.value, LIMITS.buttonValue, `${pointer}/value`);
  }
}

function checkBlock(problems: string[], block: unknown, pointer: string, blockIds: Set<string>): void {
  if (!isObj(block) || typeof block.type !== 'string') {
    problems.push(`must provide an object with a type [json-pointer:${pointer}]`);
    return;
  }
  if (typeof block.block_id === 'string') {
    checkLength(problems, block.block_id, LIMITS.blockId, `${pointer}/block_id`);
    if (blockIds.has(block.block_id)) problems.push(`duplicate block_id [json-pointer:${pointer}/block_id]`);
    blockIds.add(block.block_id);
  }
  switch (block.type) {
    case 'section': {
      const fields = Array.isArray(block.fields) ? block.fields : undefined;
      if (block.text === undefined && fields === undefined) {
        problems.push(`must provide text or fields [json-pointer:${pointer}]`);
      }
      checkLength(problems, textOf(block.text), LIMITS.sectionText, `${pointer}/text/text`);
      if (fields && fields.length > LIMITS.sectionFields) {
        problems.push(`no more than ${LIMITS.sectionFields} items allowed [json-pointer:${pointer}/fields]`);
      }
      fields?.forEach((f, i) => checkLength(problems, textOf(f), LIMITS.sectionFieldText, `${pointer}/fields/${i}/text`));
      if (block.accessory !== undefined) checkElement(problems, block.accessory, `${pointer}/accessory`);
      break;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > LIMITS.contextElements) {
        problems.push(`must provide 1 to ${LIMITS.contextElements} elements [json-pointer:${pointer}/elements]`);
      }
      elements.forEach((e, i) => checkLength(problems, textOf(e), LIMITS.contextText, `${pointer}/elements/${i}/text`));
      break;
    }
    case 'header': {
      const text = block.text;
      if (!isObj(text) || text.type !== 'plain_text' || typeof text.text !== 'string') {
        problems.push(`must provide a plain_text text object [json-pointer:${pointer}/text]`);
      }
      checkLength(problems, textOf(text), LIMITS.headerText, `${pointer}/text/text`);
      break;
    }
    case 'markdown': {
      if (typeof block.text !== 'string') problems.push(`must provide a string [json-pointer:${pointer}/text]`);
      else checkLength(problems, block.text, LIMITS.markdownText, `${pointer}/text`);
      break;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > LIMITS.actionsElements) {
        problems.push(`must provide 1 to ${LIMITS.actionsElements} elements [json-pointer:${pointer}/elements]`);
      }
      elements.forEach((e, i) => checkElement(problems, e, `${pointer}/elements/${i}`));
      break;
    }
    case 'context_actions': {
      // https://docs.slack.dev/reference/block-kit/blocks/context-actions-block: feedback or icon buttons, 1 to 5.
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > 5) problems.push(`must provide 1 to 5 elements [json-pointer:${pointer}/elements]`);
      elements.forEach((el, i) => {
        const at = `${pointer}/elements/${i}`;
        if (!isObj(el) || (el.type !== 'feedback_buttons' && el.type !== 'icon_button')) {
          problems.push(`must be a feedback_buttons or icon_button element [json-pointer:${at}]`);
          return;
        }
        if (el.type === 'feedback_buttons') {
          for (const side of ['positive_button', 'negative_button'] as const) {
            const b = el[side];
            if (!isObj(b) || textOf(b.text) === undefined || typeof b.value !== 'string') problems.push(`must provide text and value [json-pointer:${at}/${side}]`);
            else checkLength(problems, b.value, LIMITS.buttonValue, `${at}/${side}/value`);
          }
        }
      });
      break;
    }
    case 'image': {
      // https://docs.slack.dev/reference/block-kit/blocks/image-block: alt_text, and image_url or slack_file.
      if (typeof block.alt_text !== 'string' || block.alt_text.length === 0 || block.alt_text.length > 2000) {
        problems.push(`must provide alt_text of 1 to 2000 characters [json-pointer:${pointer}/alt_text]`);
      }
      const file = block.slack_file;
      const hasFile = isObj(file) && (typeof file.id === 'string' || typeof file.url === 'string');
      if ((typeof block.image_url === 'string') === hasFile) problems.push(`must provide exactly one of image_url or slack_file [json-pointer:${pointer}]`);
      break;
    }
    default:
      break;
  }
}

/** Every string `text` inside the blocks: what Slack adds up for its cumulative limit. */
export function cumulativeText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + cumulativeText(v), 0);
  if (!isObj(value)) return 0;
  let total = typeof value.text === 'string' ? value.text.length : 0;
  for (const [key, v] of Object.entries(value)) if (key !== 'text' || typeof v !== 'string') total += cumulativeText(v);
  return total;
}

/**
 * Validates blocks as chat.postMessage/chat.update/views.* would. Throws SlackApiError:
 * invalid_blocks_format (not an array), invalid_blocks (a per-block limit), msg_blocks_too_long (cumulative text).
 */
export function validateBlocks(
  blocks: unknown,
  options: { maxBlocks?: number; cumulative?: boolean } = {},
): unknown[] {
  const { maxBlocks = LIMITS.messageBlocks, cumulative = true } = options;
  if (!Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(problems, b, `/blocks/${i}`, blockIds));
  if (problems.length > 0) throw withMessages('invalid_blocks', problems);
  if (cumulative && cumulativeText(blocks) > LIMITS.cumulativeBlockText) throw new SlackApiError('msg_blocks_too_long');
  return blocks;
}
