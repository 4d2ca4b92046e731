import { assistantMethods } from './assistant.js';
import { canvasMethods } from './canvases.js';
import { chatMethods } from './chat.js';
import type { MethodHandler } from './context.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import { oauthMethods } from './oauth.js';
import { streamMethods } from './streams.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

export type { MethodContext, MethodHandler, MethodResult } from './context.js';
export { CLIENT_CREDENTIAL_METHODS } from './oauth.js';

/** Every Web API method the Local Slack implements; anything else answers unknown_method. */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  ...userMethods,
  ...chatMethods,
  ...conversationMethods,
  ...viewMethods,
  ...fileMethods,
  ...oauthMethods,
  ...canvasMethods,
  ...streamMethods,
  ...assistantMethods,
};
