import { z } from 'zod';
import { optionalString, parseArgs } from '../args.js';
import { SlackApiError } from '../errors.js';
import { slackId } from '../ids.js';
import type { SlackState } from '../state.js';
import type { FakeFile, FakeFileRef } from '../types.js';
import { validateContent, writableChannel } from './chat.js';
import type { MethodContext, MethodHandler } from './context.js';

const MIME: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
  json: 'application/json',
  csv: 'text/csv',
  png: 'image/png',
  pdf: 'application/pdf',
};

function mimeOf(filename: string): string {
  const ext = filename.split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** Where the fake serves a file's bytes (the sandbox page links to it). */
export function fileUrl(origin: string, f: FakeFile): string {
  return `${origin}/files/${f.id}/${encodeURIComponent(f.filename)}`;
}

export function fileRef(origin: string, f: FakeFile): FakeFileRef {
  return { id: f.id, name: f.filename, title: f.title, size: f.bytes?.length ?? 0, mimetype: f.mimetype, url_private: fileUrl(origin, f), permalink: fileUrl(origin, f) };
}

const GetUploadUrl = z.looseObject({
  filename: z.string().min(1),
  length: z.union([z.string(), z.number()]).transform((v) => Number(v)).pipe(z.number().int().min(0)),
});

const getUploadURLExternal: MethodHandler = (args, ctx) => {
  const a = parseArgs(GetUploadUrl, args);
  const file: FakeFile = {
    id: slackId('F'),
    filename: a.filename,
    title: a.filename,
    declaredLength: a.length,
    completed: false,
    mimetype: mimeOf(a.filename),
    shares: [],
  };
  ctx.state.saveFile(file);
  return { upload_url: `${ctx.origin}/upload/v1/${file.id}`, file_id: file.id };
};

/** The POST to upload_url: raw bytes, or multipart with the bytes in any binary part (the WebClient uses "body"). */
export function storeUpload(state: SlackState, fileId: string, bytes: Buffer): FakeFile | undefined {
  const file = state.files.get(fileId);
  if (!file || file.completed) return undefined;
  file.bytes = bytes;
  state.saveFile(file);
  return file;
}

const Complete = z.looseObject({
  files: z.array(z.looseObject({ id: z.string().min(1), title: z.string().optional() })).min(1),
  channel_id: optionalString,
  thread_ts: optionalString,
  initial_comment: optionalString,
  blocks: z.unknown().optional(),
});

const completeUploadExternal: MethodHandler = (args, ctx: MethodContext) => {
  const a = parseArgs(Complete, args);
  const files = a.files.map(({ id, title }) => {
    const file = ctx.state.files.get(id);
    if (!file || file.bytes === undefined) throw new SlackApiError('file_not_found', { file_id: id });
    if (title) file.title = title;
    return file;
  });
  if (a.channel_id) {
    const channel = writableChannel(ctx, a.channel_id);
    if (a.thread_ts && !ctx.state.findMessage(channel.id, a.thread_ts)) throw new SlackApiError('thread_not_found');
    const blocks = validateContent(a.initial_comment, a.blocks, { requireContent: false });
    for (const f of files) f.completed = true;
    const message = ctx.state.addMessage({
      channel: channel.id,
      user: ctx.botUserId,
      botId: ctx.state.identity.botId,
      text: a.initial_comment ?? '',
      files: files.map((f) => fileRef(ctx.origin, f)),
      ...(blocks ? { blocks } : {}),
      ...(a.thread_ts ? { threadTs: a.thread_ts } : {}),
    });
    for (const f of files) {
      f.shares.push({ channel: channel.id, ts: message.ts });
      ctx.state.saveFile(f);
    }
  } else {
    for (const f of files) f.completed = true;
  }
  return { files: files.map((f) => ({ ...fileRef(ctx.origin, f), shares: f.shares })) };
};

const Info = z.looseObject({ file: z.string().min(1) });

const info: MethodHandler = (args, ctx) => {
  const a = parseArgs(Info, args);
  const file = ctx.state.files.get(a.file);
  if (!file || !file.completed) throw new SlackApiError('file_not_found');
  return { file: { ...fileRef(ctx.origin, file), shares: file.shares } };
};

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
  'files.info': info,
};
