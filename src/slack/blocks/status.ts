import { DEFAULTS } from '../../architect/inputs.js';
import type { MissingInput, PartialInputs } from '../../architect/inputs.js';
import type { ProgressStage } from '../../architect/types.js';
import { escapeMrkdwn } from '../format/mentions.js';
import { ACTION_IDS, BLOCK_IDS } from './ids.js';
import { LIMITS, actions, button, context, section, truncate } from './kit.js';
import type { KnownBlock, SlackMessage } from './kit.js';
import { bulletList } from './text.js';

/** The defaults that will be assumed for optional inputs the user has not given (from DEFAULTS). */
export function defaultAssumptionLines(partial: PartialInputs = {}): string[] {
  const lines: string[] = [];
  if (partial.volumePerDay === undefined) lines.push(`Volume: ${DEFAULTS.volumeLabel}`);
  if (partial.latencySeconds === undefined) lines.push(`Latency: ${DEFAULTS.latencyLabel}`);
  if (partial.stack === undefined) lines.push(`Stack: ${DEFAULTS.stack}`);
  if (partial.auth === undefined) lines.push(`Authentication: ${DEFAULTS.auth}`);
  return lines;
}

/** One message asking for everything that is missing, with examples, the defaults, and a form button. */
export function missingInputsMessage(input: {
  missing: MissingInput[];
  defaults: string[];
  conversationId: string;
}): SlackMessage {
  const blocks: KnownBlock[] = [section('*I need a little more before I can design this integration:*')];
  const perItem = Math.floor((LIMITS.sectionText - 100) / Math.max(1, Math.min(input.missing.length, 8)));
  for (const m of input.missing.slice(0, 8)) {
    const question = escapeMrkdwn(truncate(m.question, perItem - 60));
    const example = escapeMrkdwn(truncate(m.example, Math.max(40, perItem - question.length - 30)));
    blocks.push(section(`• ${question}\n      _For example:_ ${example}`));
  }
  if (input.defaults.length > 0) {
    const heading = "*For anything you don't mention, I'll assume:*";
    blocks.push(section(`${heading}\n${bulletList(input.defaults, LIMITS.sectionText - heading.length - 1)}`));
  }
  blocks.push(context('Reply in this thread in your own words, or fill in the form.'));
  blocks.push(actions(BLOCK_IDS.missingInputsActions, button('Open form', ACTION_IDS.openForm, input.conversationId, 'primary')));
  const questions = input.missing.map((m) => m.question).join(' ');
  return { text: escapeMrkdwn(truncate(`I need a little more information: ${questions}`, 500)), blocks };
}

const STAGES: Record<ProgressStage, { emoji: string; step: number }> = {
  analyzing: { emoji: '🔎', step: 1 },
  calculating: { emoji: '🧮', step: 2 },
  writing: { emoji: '✍️', step: 3 },
  checking: { emoji: '🧪', step: 4 },
  repairing: { emoji: '🔧', step: 4 },
  done: { emoji: '✅', step: 5 },
};

/** The single progress message, updated in place while a design is generated. */
export function progressMessage(input: { stage: ProgressStage; message: string; chars?: number }): SlackMessage {
  const { emoji, step } = STAGES[input.stage];
  const message = escapeMrkdwn(truncate(input.message.trim() || input.stage, 500));
  const details = [`Step ${step} of 5`];
  if (input.chars !== undefined && input.chars > 0) details.push(`${input.chars.toLocaleString('en-US')} characters written`);
  return {
    text: `${emoji} ${message}`,
    blocks: [section(`${emoji} ${message}`), context(details.join(' · '))],
  };
}

/** A design that could not be produced. `retryable`: a transient failure the user can simply try again. */
export function failureMessage(input: { reason: string; retryable: boolean; conversationId?: string }): SlackMessage {
  const reason = escapeMrkdwn(truncate(input.reason.trim() || 'an unexpected error', 1500));
  const advice = input.retryable
    ? 'This looks temporary. Try again in a few minutes — your inputs are saved.'
    : 'Retrying as is will not help: please adjust the request in this thread.';
  const blocks: KnownBlock[] = [section(`⚠️ *I couldn't finish this design.*\n${reason}`), context(advice)];
  if (input.retryable && input.conversationId) {
    blocks.push(actions(BLOCK_IDS.failureActions, button('Try again', ACTION_IDS.regenerate, input.conversationId)));
  }
  return { text: `I couldn't finish this design: ${reason}`, blocks };
}

const KIND_LABELS: Record<string, string> = {
  private_key: 'a private key',
  url_password: 'a password in a URL',
  jwt: 'a JWT',
  bearer_token: 'a bearer token',
  basic_auth: 'basic-auth credentials',
  password: 'a password',
  secret: 'a secret',
  token: 'an access token',
  api_key: 'an API key',
  stripe_key: 'a Stripe key',
  stripe_webhook_secret: 'a Stripe webhook secret',
  slack_token: 'a Slack token',
  slack_webhook: 'a Slack webhook URL',
  github_token: 'a GitHub token',
  aws_access_key_id: 'an AWS access key id',
  aws_secret_access_key: 'an AWS secret access key',
  google_api_key: 'a Google API key',
  openai_key: 'an OpenAI key',
  anthropic_key: 'an Anthropic key',
};

/** Tells the user (ephemerally) that secrets were removed before their message was stored or sent on. */
export function redactionNotice(kinds: string[]): SlackMessage {
  const labels = [...new Set(kinds)].map((k) => KIND_LABELS[k] ?? escapeMrkdwn(k.replace(/_/g, ' ')));
  const list = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? 'a secret');
  const text = `🔒 I removed what looked like ${list} from your message before using or saving it.`;
  return {
    text: truncate(text, LIMITS.fallbackText),
    blocks: [
      section(truncate(text, LIMITS.sectionText)),
      context('It was still posted in Slack, so rotate it. Describe credentials (e.g. "uses an API key") instead of pasting them.'),
    ],
  };
}
