import { z } from 'zod';
import { parseArgs } from '../args.js';
import { SlackApiError } from '../errors.js';
import { slackId } from '../ids.js';
import type { MethodHandler } from './context.js';

/**
 * canvases.create / canvases.edit / canvases.access.set with Slack's shapes and errors
 * (https://docs.slack.dev/reference/methods/canvases.create). Only markdown document content, as Slack accepts;
 * content over 1 MiB is refused. A workspace can have canvases switched off (`canvas_disabled_user_team`).
 */

const MAX_MARKDOWN = 1_048_576;
const Content = z.object({ type: z.literal('markdown'), markdown: z.string().max(MAX_MARKDOWN) });

/** Form-encoded calls carry objects as JSON strings. */
function json(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError('invalid_arguments');
  }
}

function content(value: unknown): z.infer<typeof Content> | undefined {
  if (value === undefined) return undefined;
  const parsed = Content.safeParse(json(value));
  if (!parsed.success) throw new SlackApiError(parsed.error.issues.some((i) => i.code === 'too_big') ? 'canvas_creation_failed' : 'invalid_arguments');
  return parsed.data;
}

const Create = z.looseObject({ title: z.string().max(255).optional(), document_content: z.unknown().optional(), channel_id: z.string().optional() });

const create: MethodHandler = (args, ctx) => {
  if (ctx.state.canvasesDisabled) throw new SlackApiError('canvas_disabled_user_team');
  const a = parseArgs(Create, args);
  const doc = content(a.document_content);
  if (a.channel_id && !ctx.state.channels.has(a.channel_id)) throw new SlackApiError('channel_not_found');
  const id = slackId('F', 10);
  ctx.state.saveCanvas({ id, title: a.title ?? '', markdown: doc?.markdown ?? '', channelIds: a.channel_id ? [a.channel_id] : [], owner: ctx.botUserId, edits: 0 });
  return { canvas_id: id };
};

const Change = z.object({
  operation: z.enum(['insert_after', 'insert_before', 'insert_at_start', 'insert_at_end', 'replace', 'delete', 'rename']),
  document_content: z.unknown().optional(),
  title_content: z.unknown().optional(),
  section_id: z.string().optional(),
});
const Edit = z.looseObject({ canvas_id: z.string().min(1), changes: z.unknown() });

const edit: MethodHandler = (args, ctx) => {
  const a = parseArgs(Edit, args);
  const canvas = ctx.state.canvases.get(a.canvas_id);
  if (!canvas) throw new SlackApiError('canvas_not_found');
  const changes = z.array(Change).min(1).max(10).safeParse(json(a.changes));
  if (!changes.success) throw new SlackApiError('invalid_arguments');
  for (const change of changes.data) {
    if (change.operation === 'rename') {
      const title = Content.safeParse(json(change.title_content));
      if (!title.success) throw new SlackApiError('invalid_arguments');
      canvas.title = title.data.markdown;
    } else if (change.operation === 'replace' && !change.section_id) {
      canvas.markdown = content(change.document_content)?.markdown ?? '';
    } else if (change.operation === 'insert_at_end') {
      canvas.markdown += `\n${content(change.document_content)?.markdown ?? ''}`;
    } else if (change.operation === 'insert_at_start') {
      canvas.markdown = `${content(change.document_content)?.markdown ?? ''}\n${canvas.markdown}`;
    } else {
      throw new SlackApiError('canvas_editing_failed'); // section-level edits are not modelled
    }
  }
  canvas.edits++;
  ctx.state.saveCanvas(canvas);
  return {};
};

const AccessSet = z.looseObject({ canvas_id: z.string().min(1), access_level: z.enum(['read', 'write', 'owner']), channel_ids: z.unknown().optional(), user_ids: z.unknown().optional() });

const accessSet: MethodHandler = (args, ctx) => {
  const a = parseArgs(AccessSet, args);
  const canvas = ctx.state.canvases.get(a.canvas_id);
  if (!canvas) throw new SlackApiError('canvas_not_found');
  // A JSON array in form posts (the SDK's encoding), or a comma-separated list.
  const ids = (v: unknown): string[] => {
    const value = typeof v === 'string' && v.trim().startsWith('[') ? json(v) : v;
    return typeof value === 'string' ? value.split(',').filter(Boolean) : Array.isArray(value) ? value.map(String) : [];
  };
  const channels = ids(a.channel_ids);
  for (const c of channels) if (!ctx.state.channels.has(c)) throw new SlackApiError('channel_not_found');
  canvas.channelIds = [...new Set([...canvas.channelIds, ...channels])];
  ctx.state.saveCanvas(canvas);
  return {};
};

export const canvasMethods: Record<string, MethodHandler> = {
  'canvases.create': create,
  'canvases.edit': edit,
  'canvases.access.set': accessSet,
};
