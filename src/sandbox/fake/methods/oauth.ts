import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseArgs } from '../args.js';
import { SlackApiError } from '../errors.js';
import type { MethodHandler } from './context.js';

/**
 * oauth.v2.access: the OAuth code exchange at the end of an install. It authenticates with the app's client
 * credentials (form fields or HTTP Basic), not a bearer token. Each code works once, as on Slack.
 */
const Access = z.looseObject({ code: z.string().min(1), client_id: z.string().min(1).optional(), client_secret: z.string().min(1).optional() });
const usedCodes = new WeakMap<object, Set<string>>();

const access: MethodHandler = (args, ctx) => {
  const a = parseArgs(Access, args);
  const used = usedCodes.get(ctx.state) ?? new Set<string>();
  usedCodes.set(ctx.state, used);
  if (used.has(a.code)) throw new SlackApiError('invalid_code');
  used.add(a.code);
  const { identity } = ctx.state;
  return {
    app_id: identity.appId,
    authed_user: { id: 'U0INSTALLER' },
    scope: 'commands,chat:write,channels:history,groups:history,im:history,channels:read,groups:read,users:read,files:write',
    token_type: 'bot',
    access_token: `xoxb-installed-${randomBytes(8).toString('hex')}`,
    bot_user_id: ctx.botUserId,
    team: { id: identity.teamId, name: identity.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
  };
};

export const oauthMethods: Record<string, MethodHandler> = { 'oauth.v2.access': access };

/** Methods that authenticate with the app's client credentials instead of a token. */
export const CLIENT_CREDENTIAL_METHODS = new Set(Object.keys(oauthMethods));
