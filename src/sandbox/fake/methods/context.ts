import type { SlackState } from '../state.js';

export interface MethodContext {
  state: SlackState;
  /** The bot user: every accepted token acts as the app's bot. */
  botUserId: string;
  /** http://127.0.0.1:PORT — for upload URLs, permalinks and file links served by the fake itself. */
  origin: string;
}

export type MethodResult = Record<string, unknown>;
export type MethodHandler = (args: Record<string, unknown>, ctx: MethodContext) => MethodResult | Promise<MethodResult>;
