import { beforeEach, expect, it } from 'vitest';
import { createConversationsRepository, createFeedbackRepository } from '../../../src/db/index.js';
import { forEachBackend } from '../../helpers/db.js';

forEachBackend('design feedback', (t) => {
  beforeEach(() => t.reset());

  it('keeps one vote per person and revision (the latest), clears a comment when the vote flips, and tallies per design', async () => {
    const conversations = createConversationsRepository(t.database);
    const feedback = createFeedbackRepository(t.database);
    const { conversation: a } = await conversations.createConversation({ teamId: 'T1', channelId: 'C1', threadTs: '1.1', userId: 'U1' });
    const { conversation: b } = await conversations.createConversation({ teamId: 'T1', channelId: 'C1', threadTs: '1.2', userId: 'U1' });
    await feedback.recordVote(a.id, 1, 'U1', 'down');
    await feedback.recordComment(a.id, 1, 'U1', 'missing the DLQ alert');
    expect((await feedback.feedbackFor(a.id, 1))[0]).toMatchObject({ vote: 'down', comment: 'missing the DLQ alert' });
    await feedback.recordVote(a.id, 1, 'U1', 'down');
    expect((await feedback.feedbackFor(a.id, 1))[0]!.comment).toBe('missing the DLQ alert');
    await feedback.recordVote(a.id, 1, 'U1', 'up');
    expect((await feedback.feedbackFor(a.id, 1))[0]).toMatchObject({ vote: 'up', comment: null });
    await feedback.recordVote(a.id, 2, 'U1', 'up');
    await feedback.recordVote(a.id, 2, 'U2', 'down');
    const tallies = await feedback.tallies([a.id, b.id]);
    expect(tallies.get(a.id)).toEqual({ up: 2, down: 1 });
    expect(tallies.has(b.id)).toBe(false);
    expect(await feedback.tallies([])).toEqual(new Map());
  });
});
