import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { FEEDBACK_COMMENT_CALLBACK_ID } from '../../blocks/ids.js';
import type { SlackDeps } from '../../deps.js';

const Vote = z.object({ c: z.string().min(1).max(100), r: z.number().int().min(1).max(10_000), v: z.enum(['up', 'down']) });
const Meta = z.object({ c: z.string().min(1).max(100), r: z.number().int().min(1).max(10_000) });

/**
 * Feedback on a revision (Slack's feedback buttons): the vote is stored with the revision and counted in metrics;
 * a thumbs-down opens a modal for an optional comment, stored with the vote.
 */
export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction>('design_feedback', async ({ ack, action, body, client }) => {
    await ack();
    let vote;
    try {
      vote = Vote.parse(JSON.parse((action as { value?: string }).value ?? ''));
    } catch {
      return; // not a value we produced
    }
    const conversation = await deps.store.getConversation(vote.c);
    if (!conversation || conversation.teamId !== body.team?.id) return;
    if (!(await deps.store.getRevision(conversation.id, vote.r))) return;
    await deps.feedback.recordVote(conversation.id, vote.r, body.user.id, vote.v);
    deps.metrics.designFeedback.inc({ vote: vote.v });
    if (vote.v === 'down' && 'trigger_id' in body && body.trigger_id) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: {
          type: 'modal',
          callback_id: FEEDBACK_COMMENT_CALLBACK_ID,
          private_metadata: JSON.stringify({ c: conversation.id, r: vote.r }),
          title: { type: 'plain_text', text: 'What needs work?' },
          submit: { type: 'plain_text', text: 'Send' },
          close: { type: 'plain_text', text: 'Skip' },
          blocks: [
            {
              type: 'input',
              block_id: 'comment',
              optional: true,
              label: { type: 'plain_text', text: `What is wrong or missing in revision ${vote.r}?` },
              element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 2000 },
            },
          ],
        },
      });
    }
  });

  app.view(FEEDBACK_COMMENT_CALLBACK_ID, async ({ ack, view, body }) => {
    await ack();
    const meta = Meta.safeParse((() => {
      try {
        return JSON.parse(view.private_metadata);
      } catch {
        return undefined;
      }
    })());
    const comment = view.state.values.comment?.value?.value?.trim();
    if (!meta.success || !comment) return;
    const conversation = await deps.store.getConversation(meta.data.c);
    if (!conversation || conversation.teamId !== (body.team?.id ?? view.team_id)) return;
    await deps.feedback.recordComment(conversation.id, meta.data.r, body.user.id, comment.slice(0, 2000));
  });
}

