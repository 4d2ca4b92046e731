import { DEFAULTS } from '../../architect/inputs.js';
import type { PartialInputs } from '../../architect/inputs.js';
import { escapeMrkdwn } from '../format/mentions.js';
import { DESIGN_FORM_CALLBACK_ID, FORM_ACTION_ID, FORM_BLOCK_IDS } from './ids.js';
import type { FormBlockId } from './ids.js';
import { LIMITS, context, section, truncate } from './kit.js';
import type { InputBlock, KnownBlock, ModalView } from './kit.js';

/**
 * The design form: one input per field of the inputs schema, prefilled with what is known. List fields are
 * multiline text, one item per line, in the same syntax {@link parseDesignForm} reads back.
 */

export const FORM_SYNTAX = {
  system: 'Name: what it does',
  flow: 'From -> To: what flows',
  rateLimit: 'System: limit',
} as const;

export function systemsToLines(inputs: PartialInputs): string {
  return (inputs.systems ?? []).map((s) => `${s.name}: ${s.description ?? ''}`.trimEnd()).join('\n');
}

export function flowsToLines(inputs: PartialInputs): string {
  return (inputs.flows ?? []).map((f) => `${f.from} -> ${f.to}: ${f.data ?? ''}`.trimEnd()).join('\n');
}

export function rateLimitsToLines(inputs: PartialInputs): string {
  return (inputs.rateLimits ?? []).map((r) => `${r.system}: ${r.limit}`).join('\n');
}

/** Prefill text must fit Slack's 3,000-char initial_value; whole lines are dropped from the end if not. */
function fitLines(text: string): { value: string; cut: boolean } {
  if (text.length <= LIMITS.initialValue) return { value: text, cut: false };
  const lines = text.split('\n');
  while (lines.join('\n').length > LIMITS.initialValue) lines.pop();
  return { value: lines.join('\n'), cut: true };
}

interface TextInputSpec {
  blockId: FormBlockId;
  label: string;
  hint?: string;
  placeholder: string;
  initial?: string;
  multiline: boolean;
  optional: boolean;
  maxLength: number;
}

/**
 * Input values are the user's own data going back to the user: they are not neutralised (a zero-width space
 * would round-trip into the inputs), and plain_text inputs never notify anyone.
 */
function textInput(spec: TextInputSpec): InputBlock {
  return {
    type: 'input',
    block_id: spec.blockId,
    optional: spec.optional,
    label: { type: 'plain_text', text: spec.label },
    ...(spec.hint ? { hint: { type: 'plain_text', text: spec.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: FORM_ACTION_ID,
      multiline: spec.multiline,
      max_length: spec.maxLength,
      placeholder: { type: 'plain_text', text: spec.placeholder },
      ...(spec.initial ? { initial_value: spec.initial.slice(0, Math.min(spec.maxLength, LIMITS.initialValue)) } : {}),
    },
  };
}

function numberInput(
  blockId: FormBlockId,
  label: string,
  hint: string,
  decimal: boolean,
  initial: number | undefined,
  max: number,
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: {
      type: 'number_input',
      action_id: FORM_ACTION_ID,
      is_decimal_allowed: decimal,
      min_value: decimal ? '0.001' : '1',
      max_value: String(max),
      ...(initial !== undefined ? { initial_value: String(initial) } : {}),
    },
  };
}

export interface DesignFormInput {
  conversationId: string;
  inputs: PartialInputs;
  /** Problems to show above the inputs, keyed by block id (e.g. after a failed server-side check). */
  errors?: Partial<Record<string, string>>;
}

export function designFormView({ conversationId, inputs, errors }: DesignFormInput): ModalView {
  if (conversationId.length > LIMITS.privateMetadata) throw new RangeError('conversationId is too long for private_metadata');
  const systems = fitLines(systemsToLines(inputs));
  const flows = fitLines(flowsToLines(inputs));
  const limits = fitLines(rateLimitsToLines(inputs));

  const blocks: KnownBlock[] = [
    context('Required: the systems and the flows between them. Everything else is optional and falls back to a stated default.'),
  ];
  const problems = Object.entries(errors ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (problems.length > 0) {
    const lines = problems.map(([block, message]) => `• *${escapeMrkdwn(block.replace(/_/g, ' '))}*: ${escapeMrkdwn(message)}`);
    blocks.push(section(truncate(`⚠️ *Please fix:*\n${lines.join('\n')}`, LIMITS.sectionText)));
  }
  if (systems.cut || flows.cut || limits.cut) {
    blocks.push(context('Some lines did not fit in the form and were left out; add them again if they still apply.'));
  }
  blocks.push(
    textInput({
      blockId: FORM_BLOCK_IDS.systems,
      label: 'Systems',
      hint: `One per line: ${FORM_SYNTAX.system}. At least two.`,
      placeholder: 'Stripe: payments platform\nSalesforce: CRM',
      initial: systems.value,
      multiline: true,
      optional: false,
      maxLength: LIMITS.initialValue,
    }),
    textInput({
      blockId: FORM_BLOCK_IDS.flows,
      label: 'Data flows',
      hint: `One per line: ${FORM_SYNTAX.flow}. Use <-> for both directions.`,
      placeholder: 'Stripe -> Salesforce: successful payments and refunds as Opportunity updates',
      initial: flows.value,
      multiline: true,
      optional: false,
      maxLength: LIMITS.initialValue,
    }),
    numberInput(
      FORM_BLOCK_IDS.volumePerDay,
      'Volume (events per day)',
      `Default: ${DEFAULTS.volumeLabel}`,
      false,
      inputs.volumePerDay,
      10_000_000_000,
    ),
    numberInput(
      FORM_BLOCK_IDS.latencySeconds,
      'Acceptable latency (seconds)',
      `Default: ${DEFAULTS.latencyLabel}`,
      true,
      inputs.latencySeconds,
      7 * 24 * 3600,
    ),
    textInput({
      blockId: FORM_BLOCK_IDS.stack,
      label: 'Existing tech stack',
      hint: `Default: ${DEFAULTS.stack}`,
      placeholder: 'Node.js services on AWS, SQS, Postgres',
      initial: inputs.stack,
      multiline: false,
      optional: true,
      maxLength: 400,
    }),
    textInput({
      blockId: FORM_BLOCK_IDS.auth,
      label: 'Authentication constraints',
      hint: `Default: ${DEFAULTS.auth}. Describe credentials; never paste them.`,
      placeholder: 'Salesforce requires OAuth 2.0 (JWT bearer); Stripe uses restricted keys',
      initial: inputs.auth,
      multiline: true,
      optional: true,
      maxLength: 600,
    }),
    textInput({
      blockId: FORM_BLOCK_IDS.rateLimits,
      label: 'Rate limits',
      hint: `One per line: ${FORM_SYNTAX.rateLimit}`,
      placeholder: 'Salesforce: 100000 API calls per 24 hours',
      initial: limits.value,
      multiline: true,
      optional: true,
      maxLength: LIMITS.initialValue,
    }),
    textInput({
      blockId: FORM_BLOCK_IDS.compliance,
      label: 'Compliance or data residency',
      placeholder: 'PCI: no card data leaves Stripe; EU data stays in the EU',
      initial: inputs.compliance,
      multiline: true,
      optional: true,
      maxLength: 600,
    }),
  );
  return {
    type: 'modal',
    callback_id: DESIGN_FORM_CALLBACK_ID,
    private_metadata: conversationId,
    title: { type: 'plain_text', text: 'Integration design' },
    submit: { type: 'plain_text', text: 'Design it' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
