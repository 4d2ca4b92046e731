import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { IntegrationInputs } from '../../../architect/inputs.js';
import { buildPlan } from '../../../architect/plan/index.js';
import { architectureGraph } from '../../../architect/render/graph.js';
import type { SlackDeps } from '../../deps.js';

export function exportFilename(title: string, revision: number): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'integration-design'}-rev${revision}.md`;
}

/** The export carries the diagram's Graphviz source, so it can be edited and redrawn outside Slack. */
export function withDiagramSource(markdown: string, inputs: IntegrationInputs): string {
  let dot: string;
  try {
    dot = architectureGraph(buildPlan(inputs)).dot;
  } catch {
    return markdown;
  }
  return `${markdown.trimEnd()}\n\n## Architecture diagram (Graphviz source)\n\n\`\`\`dot\n${dot}\n\`\`\`\n`;
}

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('export_markdown', async ({ ack, action, body, client }) => {
    await ack();
    const conversation = await deps.store.getConversation(action.value ?? '');
    if (!conversation || conversation.teamId !== body.team?.id) return;
    const revision = await deps.store.getRevision(conversation.id);
    if (!revision) return;
    await client.filesUploadV2({
      channel_id: conversation.channelId,
      thread_ts: conversation.threadTs,
      content: withDiagramSource(revision.markdown, revision.inputs),
      filename: exportFilename(revision.title, revision.revision),
      title: `${revision.title} (revision ${revision.revision})`,
      initial_comment: `Markdown export of revision ${revision.revision}.`,
    });
  });
}
