import type { WebClient } from '@slack/web-api';
import type { Conversation, PostLedger, StoredRevision } from '../conversation/ports.js';
import { slackErrorCode } from './slack-errors.js';

/**
 * One living document per design: a Slack canvas that always holds the latest revision in full. Created (and shared
 * read-only with the channel) with the first revision, edited in place by each later one, its title naming the
 * revision and its first line linking back to the thread. Its id is kept in the post ledger (revision 0, part
 * 'canvas'), so a retried job edits the same canvas instead of creating a second one.
 *
 * Where Slack refuses canvases (switched off for the workspace, a free plan, a missing scope), the design is posted
 * in full in the thread instead, and the thread is told why once (part 'canvas-unavailable').
 */

export type CanvasOutcome = { ok: true; canvasId: string; url: string } | { ok: false; reason: string; firstTime: boolean };

const CANVAS_PART = 'canvas';
const UNAVAILABLE_PART = 'canvas-unavailable';

/** Where a canvas opens (Slack's own link format for canvases: https://<workspace>.slack.com/docs/<team>/<canvas>). */
export function canvasUrl(teamId: string, canvasId: string): string {
  return `https://app.slack.com/docs/${teamId}/${canvasId}`;
}

/** The canvas a design has, if any. */
export async function canvasIdOf(ledger: Pick<PostLedger, 'postedParts'>, conversationId: string): Promise<string | undefined> {
  return (await ledger.postedParts(conversationId, 0)).get(CANVAS_PART);
}

export function canvasTitle(revision: StoredRevision): string {
  return `${revision.title.trim() || 'Integration design'} (revision ${revision.revision})`.slice(0, 255);
}

/** The canvas body: where it comes from, then the document as written. */
export function canvasMarkdown(revision: StoredRevision, threadLink: string | undefined): string {
  const source = threadLink ? `[the design thread](${threadLink})` : 'the design thread';
  return `> Revision ${revision.revision}, kept up to date from ${source}. Reply there to change it.\n\n${revision.markdown}`;
}

export interface CanvasKeeperOptions {
  clientFor: (teamId: string) => Promise<WebClient>;
  ledger: PostLedger;
  logger?: { warn: (obj: object, msg: string) => void };
}

export function createCanvasKeeper(options: CanvasKeeperOptions) {
  const { ledger } = options;

  async function threadLink(client: WebClient, conversation: Conversation): Promise<string | undefined> {
    try {
      return (await client.chat.getPermalink({ channel: conversation.channelId, message_ts: conversation.threadTs })).permalink;
    } catch {
      return undefined;
    }
  }

  return {
    /** Writes the revision (with its diagram, when there is one) into the design's canvas, creating it the first time. */
    async sync(conversation: Conversation, revision: StoredRevision, diagramUrl?: string): Promise<CanvasOutcome> {
      const client = await options.clientFor(conversation.teamId);
      const known = await ledger.postedParts(conversation.id, 0);
      const body = canvasMarkdown(revision, await threadLink(client, conversation));
      const markdown = diagramUrl ? withDiagram(body, diagramUrl) : body;
      const title = canvasTitle(revision);
      try {
        let canvasId = known.get(CANVAS_PART);
        if (canvasId) {
          const edited = await client.canvases
            .edit({
              canvas_id: canvasId,
              // 'rename' (title_content) is a documented operation the SDK's types do not list yet.
              changes: [
                { operation: 'replace', document_content: { type: 'markdown', markdown } },
                { operation: 'rename', title_content: { type: 'markdown', markdown: title } },
              ] as never,
            })
            .then(() => true)
            .catch((error: unknown) => {
              // Someone deleted the canvas: the design gets a new one rather than none.
              if (slackErrorCode(error) === 'canvas_not_found') return false;
              throw error;
            });
          if (!edited) canvasId = undefined;
        }
        if (!canvasId) {
          const created = await client.canvases.create({ title, document_content: { type: 'markdown', markdown } });
          canvasId = created.canvas_id!;
          await ledger.recordPosted(conversation.id, 0, CANVAS_PART, canvasId);
          await client.canvases.access.set({ canvas_id: canvasId, access_level: 'read', channel_ids: [conversation.channelId] });
        }
        return { ok: true, canvasId, url: canvasUrl(conversation.teamId, canvasId) };
      } catch (error) {
        const reason = slackErrorCode(error) ?? (error as Error).message;
        options.logger?.warn({ err: error, reason }, 'canvas unavailable; posting the full document in the thread');
        const firstTime = !known.has(UNAVAILABLE_PART);
        if (firstTime) await ledger.recordPosted(conversation.id, 0, UNAVAILABLE_PART, reason.slice(0, 200));
        return { ok: false, reason, firstTime };
      }
    },
  };
}

export type CanvasKeeper = ReturnType<typeof createCanvasKeeper>;

/** Where the diagram goes in the canvas: after the provenance line, before the document. */
export function withDiagram(markdown: string, imageUrl: string): string {
  const image = `![Architecture diagram](${imageUrl})`;
  const cut = markdown.indexOf('\n\n');
  return cut === -1 ? `${markdown}\n\n${image}` : `${markdown.slice(0, cut)}\n\n${image}${markdown.slice(cut)}`;
}
