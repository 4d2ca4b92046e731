import { Assistant, type App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { helpMessage, recentDesignsMessage } from '../../blocks/index.js';
import { parseCommandText } from '../../command-text.js';
import type { SlackDeps } from '../../deps.js';
import { escapeMrkdwn, neutralizeMentions } from '../../format.js';
import { recentDesignItems } from '../../home.js';
import { showDesign, slowDownMessage } from '../commands/integration-design.js';
import { searchAsCaller } from '../search.js';
import { ThreadReply } from '../events/message.js';

/**
 * The assistant side panel (Bolt's Assistant): a thread with the app in its DM, opened from Slack's AI entry
 * point. The first message describes the integration (or asks to search, list or show designs); from then on the
 * thread is a design thread like any other: same interview, engine, revisions and storage as the slash command,
 * streamed the same way, with the thread titled after the design (see publisher.ts).
 */

export const ASSISTANT_GREETING =
  "Hi! I design robust integrations between systems. Tell me what to connect and what matters (volumes, deadlines, limits) — e.g. *sync Shopify orders into NetSuite, about 5,000 a day* — and I'll ask for anything missing, then write the architecture: pattern and trade-offs, auth, retries, idempotency, circuit breaker, dead letters, observability and a checklist. Reply here to change it; each change is a new revision. You can also type `search <words>` or `list`.";

/** At most four, as Slack allows; each a whole request, so one click starts a design. */
export const SUGGESTED_PROMPTS = [
  { title: 'Orders into an ERP', message: 'Sync Shopify orders into NetSuite as sales orders, about 5,000 a day, each within 15 minutes' },
  { title: 'Payments into a CRM', message: 'Send Stripe payment and refund events into Salesforce opportunities in near real time' },
  { title: 'A nightly file feed', message: 'Load the nightly ADP payroll CSV from SFTP into Workday before 6am' },
  { title: 'My recent designs', message: 'list' },
] as const;

type Reply = { text: string; blocks?: unknown[] };

export function register(app: App, deps: SlackDeps): void {
  app.assistant(
    new Assistant({
      threadStarted: async ({ event, client, setSuggestedPrompts, logger }) => {
        const { channel_id: channel, thread_ts: threadTs } = event.assistant_thread;
        try {
          await client.chat.postMessage({ channel, thread_ts: threadTs, text: ASSISTANT_GREETING });
          await setSuggestedPrompts({ title: 'Try one of these, or describe your own:', prompts: [...SUGGESTED_PROMPTS] });
        } catch (error) {
          logger.error({ err: error }, 'could not greet in a new assistant thread');
        }
      },
      // The channel someone is looking at does not change a design; Bolt's default would store it in Slack.
      threadContextChanged: async () => undefined,
      userMessage: async ({ message, body, context, client, setStatus, logger }) => {
        const parsed = ThreadReply.safeParse(message);
        if (!parsed.success || parsed.data.user === context.botUserId) return;
        const said = parsed.data;
        const teamId = context.teamId ?? (body as { team_id?: string }).team_id;
        const eventId = (body as { event_id?: string }).event_id;
        if (!teamId || !eventId) return;
        if (!(await deps.store.claimOnce(`event:${eventId}`))) {
          deps.metrics.slackDeliveries.inc({ kind: 'assistant', outcome: 'duplicate' });
          return;
        }
        deps.metrics.slackDeliveries.inc({ kind: 'assistant', outcome: 'processed' });
        const post = (m: Reply) => client.chat.postMessage({ channel: said.channel, thread_ts: said.thread_ts, text: m.text, blocks: (m.blocks ?? []) as never, unfurl_links: false });
        try {
          await handle(said, teamId, client, deps, post, (status) => setStatus(status).then(() => undefined));
        } catch (error) {
          logger.error({ err: error }, 'assistant message failed');
          await post({ text: ':warning: Something went wrong while handling that. Nothing was lost — please try again in a moment.' }).catch(() => undefined);
        }
      },
    }),
  );
}

async function handle(
  said: z.infer<typeof ThreadReply>,
  teamId: string,
  client: WebClient,
  deps: SlackDeps,
  post: (m: Reply) => Promise<unknown>,
  setStatus: (status: string) => Promise<void>,
): Promise<void> {
  const where = { teamId, channelId: said.channel, threadTs: said.thread_ts };
  // Slack clears the status when we next post in the thread (a question, the live draft, an answer).
  const working = (status: string) => setStatus(status).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not set the assistant status'));

  if (await deps.store.findConversationByThread(teamId, said.channel, said.thread_ts)) {
    await working('is reading your reply…');
    await deps.conversations.reply({ ...where, ts: said.ts, userId: said.user, text: said.text });
    return;
  }

  const command = parseCommandText(said.text);
  switch (command.kind) {
    case 'help': {
      const help = helpMessage();
      const note = command.unknown ? `Tell me a little more than “${escapeMrkdwn(command.unknown.slice(0, 40))}”: describe the systems and what should flow between them.` : ASSISTANT_GREETING;
      await post({ text: `${note} ${help.text}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: note } }, ...help.blocks] });
      return;
    }
    case 'list':
      await post(recentDesignsMessage(await recentDesignItems(client, deps, teamId, said.user)));
      return;
    case 'search':
      await working('is searching past designs…');
      await post(await searchAsCaller({ client, deps, teamId, userId: said.user, rawQuery: said.text.trim().replace(/^search\s*/i, ''), offset: 0 }));
      return;
    case 'show':
      await post(await showDesign(command, { team_id: teamId, user_id: said.user }, client, deps));
      return;
    case 'form':
      await post({ text: 'The form opens with `/integration-design form` in a channel. Here, just describe the integration in your own words and I will ask for anything missing.' });
      return;
    case 'design': {
      const wait = deps.startLimiter.take(`${teamId}:${said.user}`);
      if (wait > 0) {
        await post({ text: slowDownMessage(wait) });
        return;
      }
      await working('is reading your request…');
      // The thread is the user's DM with the app: private to them, like a private channel they are in.
      await deps.conversations.start({ ...where, userId: said.user, channelIsPrivate: true, text: neutralizeMentions(said.text) });
    }
  }
}
