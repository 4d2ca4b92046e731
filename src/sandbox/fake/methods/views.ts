import { createHash } from 'node:crypto';
import { z } from 'zod';
import { optionalString, parseArgs } from '../args.js';
import { LIMITS, validateBlocks } from '../blocks.js';
import { SlackApiError, withMessages } from '../errors.js';
import type { FakeView } from '../types.js';
import type { MethodContext, MethodHandler } from './context.js';

const TITLE_MAX = 24;

const ViewPayload = z.looseObject({
  type: z.enum(['modal', 'home']),
  blocks: z.array(z.unknown()),
  title: z.looseObject({ type: z.literal('plain_text'), text: z.string().min(1).max(TITLE_MAX) }).optional(),
  submit: z.unknown().optional(),
  close: z.unknown().optional(),
  callback_id: z.string().max(255).optional(),
  private_metadata: z.string().max(3000).optional(),
  external_id: z.string().optional(),
});
type ViewPayload = z.output<typeof ViewPayload>;

function checkView(raw: unknown, expected: 'modal' | 'home' | undefined): ViewPayload {
  const view = parseArgs(ViewPayload, (raw ?? {}) as Record<string, unknown>);
  if (expected && view.type !== expected) throw withMessages('invalid_arguments', [`view.type must be ${expected}`]);
  if (view.type === 'modal' && !view.title) throw withMessages('invalid_arguments', ['a modal needs a title']);
  try {
    validateBlocks(view.blocks, { maxBlocks: LIMITS.viewBlocks, cumulative: false });
  } catch (cause) {
    // views.* report block problems as invalid_arguments, keeping the details.
    if (cause instanceof SlackApiError && cause.code !== 'invalid_arguments') {
      throw new SlackApiError('invalid_arguments', cause.extra);
    }
    throw cause;
  }
  return view;
}

function buildView(ctx: MethodContext, payload: ViewPayload, user: string, previous?: FakeView): FakeView {
  const id = previous?.id ?? ctx.state.newViewId();
  const { identity } = ctx.state;
  const body = JSON.stringify(payload);
  return {
    id,
    type: payload.type,
    user,
    team_id: identity.teamId,
    app_id: identity.appId,
    bot_id: identity.botId,
    callback_id: payload.callback_id ?? '',
    private_metadata: payload.private_metadata ?? '',
    external_id: payload.external_id ?? previous?.external_id ?? '',
    title: payload.title,
    submit: payload.submit,
    close: payload.close,
    blocks: payload.blocks,
    hash: createHash('sha1').update(`${id}:${body}:${Date.now()}:${Math.random()}`).digest('hex').slice(0, 20),
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: previous?.previous_view_id ?? null,
    state: { values: {} },
  };
}

export function renderView(v: FakeView): Record<string, unknown> {
  const { user: _user, ...rest } = v;
  return { ...rest, clear_on_close: false, notify_on_close: false, app_installed_team_id: v.team_id };
}

const Open = z.looseObject({ trigger_id: optionalString, view: z.unknown() });

/** The modal belongs to the user named inside the sandbox trigger id (see ids.ts). */
const open: MethodHandler = (args, ctx) => {
  const a = parseArgs(Open, args);
  ctx.state.consumeTriggerId(a.trigger_id);
  const payload = checkView(a.view, 'modal');
  const view = buildView(ctx, payload, ctx.state.triggerUser(a.trigger_id ?? '') ?? '');
  return { view: renderView(ctx.state.saveView(view, 'opened')) };
};

const push: MethodHandler = (args, ctx) => {
  const a = parseArgs(Open, args);
  ctx.state.consumeTriggerId(a.trigger_id);
  const payload = checkView(a.view, 'modal');
  const view = buildView(ctx, payload, ctx.state.triggerUser(a.trigger_id ?? '') ?? '');
  return { view: renderView(ctx.state.saveView(view, 'pushed')) };
};

const Publish = z.looseObject({ user_id: z.string().min(1), view: z.unknown(), hash: optionalString });

const publish: MethodHandler = (args, ctx) => {
  const a = parseArgs(Publish, args);
  if (!ctx.state.users.has(a.user_id)) throw new SlackApiError('user_not_found');
  const payload = checkView(a.view, 'home');
  const current = ctx.state.homeView(a.user_id);
  if (a.hash !== undefined && current && a.hash !== current.hash) throw new SlackApiError('hash_conflict');
  const view = buildView(ctx, payload, a.user_id, current);
  return { view: renderView(ctx.state.saveView(view, 'published')) };
};

const Update = z.looseObject({ view_id: optionalString, external_id: optionalString, view: z.unknown(), hash: optionalString });

const update: MethodHandler = (args, ctx) => {
  const a = parseArgs(Update, args);
  const current = a.view_id
    ? ctx.state.views.get(a.view_id)
    : [...ctx.state.views.values()].find((v) => a.external_id !== undefined && v.external_id === a.external_id);
  if (!current) throw new SlackApiError('not_found');
  if (a.hash !== undefined && a.hash !== current.hash) throw new SlackApiError('hash_conflict');
  const payload = checkView(a.view, undefined);
  const view = buildView(ctx, payload, current.user, current);
  return { view: renderView(ctx.state.saveView(view, 'updated')) };
};

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.publish': publish,
  'views.update': update,
};
