import { createHash } from 'node:crypto';
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { summarizeFlows } from '../../../architect/inputs.js';
import { redactSecrets } from '../../../conversation/redact.js';
import { helpMessage, recentDesignsMessage } from '../../blocks/index.js';
import { recentDesignItems } from '../../home.js';
import { searchAsCaller } from '../search.js';
import { parseCommandText, type ParsedCommand } from '../../command-text.js';
import type { SlackDeps } from '../../deps.js';
import { escapeMrkdwn, neutralizeMentions } from '../../format.js';
import { slackErrorCode } from '../../slack-errors.js';
import { openNewDesignForm } from '../actions/open-form.js';
import { canvasIdOf, canvasUrl } from '../../canvas.js';

export const COMMAND = '/integration-design';

/** A Slack retry of the same invocation carries the same trigger; a new invocation never does. */
export function commandDeliveryKey(command: Pick<SlashCommand, 'team_id' | 'channel_id' | 'user_id' | 'trigger_id' | 'text'>): string {
  const material = [command.team_id, command.channel_id, command.user_id, command.trigger_id, command.text].join('\u0000');
  return `command:${createHash('sha256').update(material).digest('hex')}`;
}

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ command, ack, respond, client, logger }) => {
    await ack();
    if (!(await deps.store.claimOnce(commandDeliveryKey(command)))) {
      deps.metrics.slackDeliveries.inc({ kind: 'command', outcome: 'duplicate' });
      logger.info('duplicate slash command delivery ignored');
      return;
    }
    deps.metrics.slackDeliveries.inc({ kind: 'command', outcome: 'processed' });
    const parsed = parseCommandText(command.text ?? '');
    try {
      await handle(parsed, command, respond, client, deps);
    } catch (error) {
      deps.logger.error({ err: error }, 'slash command failed');
      await respond({
        response_type: 'ephemeral',
        text: ':warning: Something went wrong while handling that command. Nothing was lost — please try again in a moment.',
      });
    }
  });
}

async function handle(parsed: ParsedCommand, command: SlashCommand, respond: RespondFn, client: WebClient, deps: SlackDeps) {
  switch (parsed.kind) {
    case 'help': {
      const help = helpMessage();
      if (!parsed.unknown) {
        await respond({ response_type: 'ephemeral', ...help });
        return;
      }
      const note = `I don't know the subcommand “${escapeMrkdwn(parsed.unknown.slice(0, 40))}”. Here is what I can do:`;
      await respond({
        response_type: 'ephemeral',
        text: `${note} ${help.text}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: note } }, ...help.blocks] as never,
      });
      return;
    }
    case 'list': {
      const items = await recentDesignItems(client, deps, command.team_id, command.user_id);
      await respond({ response_type: 'ephemeral', ...recentDesignsMessage(items) });
      return;
    }
    case 'search': {
      const rawQuery = (command.text ?? '').trim().replace(/^search\s*/i, '');
      const message = await searchAsCaller({ client, deps, teamId: command.team_id, userId: command.user_id, rawQuery, offset: 0 });
      await respond({ response_type: 'ephemeral', ...message });
      return;
    }
    case 'form':
      await openNewDesignForm(client, command.trigger_id, command.channel_id);
      return;
    case 'show':
      await respond({ response_type: 'ephemeral', ...(await showDesign(parsed, command, client, deps)) });
      return;
    case 'design':
      await startDesign(parsed.text, command, respond, client, deps);
      return;
  }
}

/**
 * `show <id> [revision]`: where a design lives — its canvas (the latest revision in full) and its thread — for the
 * caller only, and only when they may see it (same workspace; private channels for members).
 */
export async function showDesign(parsed: { id: string; revision?: number }, command: Pick<SlashCommand, 'team_id' | 'user_id'>, client: WebClient, deps: SlackDeps) {
  const notFound = { text: `I can't find a design with id \`${parsed.id}\` that you can see.` };
  const conversation = await deps.store.getConversation(parsed.id);
  if (!conversation || conversation.teamId !== command.team_id) return notFound;
  if (conversation.channelIsPrivate) {
    const visible = await deps.visibility.privateChannelIds(client, command.team_id, command.user_id);
    if (!visible.includes(conversation.channelId)) return notFound;
  }
  const latest = await deps.store.getRevision(conversation.id);
  const revision = parsed.revision === undefined ? latest : await deps.store.getRevision(conversation.id, parsed.revision);
  if (!latest || !revision) return { text: parsed.revision ? `That design has no revision ${parsed.revision} (latest: ${latest?.revision ?? 'none yet'}).` : 'That design has no revision yet.' };
  const canvasId = await canvasIdOf(deps.ledger, conversation.id);
  const thread = await client.chat.getPermalink({ channel: conversation.channelId, message_ts: conversation.threadTs }).then((r) => r.permalink).catch(() => undefined);
  const links = [
    ...(canvasId ? [`<${canvasUrl(conversation.teamId, canvasId)}|Open canvas> (revision ${latest.revision}, kept up to date)`] : []),
    ...(thread ? [`<${thread}|Open the thread>`] : []),
  ];
  const older = revision.revision !== latest.revision ? ` The canvas and thread show revision ${latest.revision}; use Compare or Export there for revision ${revision.revision}.` : '';
  const title = escapeMrkdwn(neutralizeMentions(revision.title));
  return {
    text: `${revision.title} — revision ${revision.revision}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title}* — revision ${revision.revision} of ${latest.revision}${older}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: links.join(' · ') || 'No canvas for this design (posted in full in its thread).' }] },
    ] as never,
  };
}

/** Where the bot cannot post, say what to do instead of failing silently. */
export async function channelProblem(client: WebClient, channelId: string): Promise<{ problem: string } | { isPrivate: boolean }> {
  const invite = 'Invite me with `/invite @Integration Architect` and run the command again.';
  if (/^D/.test(channelId)) {
    return { problem: `I work in channels so your team can follow the design thread. Run \`${COMMAND}\` in a channel I'm in. ${invite}` };
  }
  try {
    const info = await client.conversations.info({ channel: channelId });
    const ch = info.channel;
    if (ch?.is_im || ch?.is_mpim) {
      return { problem: `I can't start a design thread in a direct message. Run \`${COMMAND}\` in a channel. ${invite}` };
    }
    if (ch && ch.is_member === false) return { problem: `I'm not a member of this channel yet. ${invite}` };
    return { isPrivate: Boolean(ch?.is_private) };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'channel_not_found' || code === 'not_in_channel') {
      return { problem: `I can't see this channel (it's probably private). ${invite}` };
    }
    throw error;
  }
}

/** The ephemeral answer when someone starts designs faster than the limit allows. */
export function slowDownMessage(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `:hourglass: You've started a lot of designs in the last hour. You can start another in about ${minutes} min — replying in an existing design thread isn't limited.`;
}

async function startDesign(text: string, command: SlashCommand, respond: RespondFn, client: WebClient, deps: SlackDeps) {
  const wait = deps.startLimiter.take(`${command.team_id}:${command.user_id}`);
  if (wait > 0) {
    await respond({ response_type: 'ephemeral', text: slowDownMessage(wait) });
    return;
  }
  const where = await channelProblem(client, command.channel_id);
  if ('problem' in where) {
    await respond({ response_type: 'ephemeral', text: where.problem });
    return;
  }
  const summary = oneLine(neutralizeMentions(redactSecrets(text).text));
  let root;
  try {
    root = await client.chat.postMessage({
      channel: command.channel_id,
      text: `:building_construction: Integration design for <@${command.user_id}>: ${summary}`,
      unfurl_links: false,
    });
  } catch (error) {
    const code = slackErrorCode(error);
    if (code === 'not_in_channel' || code === 'channel_not_found') {
      await respond({ response_type: 'ephemeral', text: 'I\'m not a member of this channel yet. Invite me with `/invite @Integration Architect` and run the command again.' });
      return;
    }
    throw error;
  }
  const outcome = await deps.conversations.start({
    teamId: command.team_id,
    channelId: command.channel_id,
    threadTs: root.ts!,
    userId: command.user_id,
    channelIsPrivate: where.isPrivate,
    text,
  });
  // A better one-line title once we know the systems (e.g. "Stripe → Salesforce").
  if (outcome.kind !== 'ignored') {
    const flows = summarizeFlows(outcome.conversation.inputs);
    if (outcome.conversation.inputs.flows?.length) {
      await client.chat
        .update({
          channel: command.channel_id,
          ts: root.ts!,
          text: `:building_construction: Integration design for <@${command.user_id}>: ${neutralizeMentions(flows)} — ${summary}`,
        })
        .catch((error) => deps.logger.warn({ err: error }, 'could not retitle root message'));
    }
  }
}

function oneLine(s: string, max = 150): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
