import { createOfflineEngine } from '../../src/architect/engines/offline.js';
import { IntegrationInputsSchema } from '../../src/architect/inputs.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeReply, type RecordedRequest } from '../fakes/anthropic-server.js';

/**
 * The fake Anthropic server behind a router: every request is classified by what the real engine sent
 * (forced extract/classify tool, or the `Task:` line of a design, repair, revision or answer), and the most
 * recently added route that matches answers it. Default routes behave like a cooperative model: extraction
 * reads "sync X <data> into Y", a design is the offline engine's document for the inputs it was given.
 */

export type ModelTask = 'extract' | 'classify' | 'design' | 'repair' | 'revise' | 'answer' | 'other';

export interface ModelCall {
  task: ModelTask;
  /** Every text the request carries (system excluded), joined: what the model would read. */
  text: string;
  request: RecordedRequest;
}

export type Route = (call: ModelCall) => FakeReply | undefined | Promise<FakeReply | undefined>;

export interface ScriptedModel {
  fake: FakeAnthropic;
  /** Environment for `startBot({ env })`: the Claude engine pointed at this fake. */
  env: Record<string, string>;
  /** Adds a route that takes precedence over earlier ones; returns a function removing it. */
  route(route: Route): () => void;
  /** Requests received so far, classified. */
  calls(task?: ModelTask): ModelCall[];
  close(): Promise<void>;
}

type Block = { type?: string; text?: string; content?: unknown };

function textOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return (content as Block[]).flatMap((b) => [...(typeof b.text === 'string' ? [b.text] : []), ...textOf(b.content)]);
}

export function classify(request: RecordedRequest): ModelCall {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = request.body as any;
  const messages = (Array.isArray(body?.messages) ? body.messages : []) as { role: string; content: unknown }[];
  const text = messages.flatMap((m) => textOf(m.content)).join('\n');
  const first = textOf(messages[0]?.content).join('\n');
  const forced = body?.tool_choice?.type === 'tool' ? String(body.tool_choice.name) : '';
  let task: ModelTask = 'other';
  if (forced === 'record_integration_inputs') task = 'extract';
  else if (forced === 'classify_reply') task = 'classify';
  else if (first.startsWith('Task: design')) task = text.includes('failed these checks of our quality gate') ? 'repair' : 'design';
  else if (first.startsWith('Task: revise')) task = 'revise';
  else if (first.startsWith('Task: answer')) task = 'answer';
  return { task, text, request };
}

/** The content of `<tag>…</tag>` in a request's text. */
export function tagged(text: string, tag: string): string | undefined {
  return new RegExp(`<${tag}[^>]*>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text)?.[1];
}

/** The inputs a design request carries (the `<inputs>` block), validated. */
export function inputsOf(call: ModelCall) {
  const raw = tagged(call.text, 'inputs');
  if (raw === undefined) throw new Error(`no <inputs> in a ${call.task} request`);
  return IntegrationInputsSchema.parse(JSON.parse(raw));
}

/** What the fake extractor reads out of "sync Acme invoices into Globex …". */
export function extractFrom(requestText: string) {
  const m = /sync\s+(\w+)\s+(.+?)\s+into\s+(\w+)/i.exec(requestText);
  if (!m) return {};
  const [, from, data, to] = m as unknown as [string, string, string, string];
  return {
    systems: [
      { name: from, description: `${from} business platform` },
      { name: to, description: `${to} system of record` },
    ],
    flows: [{ from, to, data }],
  };
}

const offline = createOfflineEngine();

export const toolCall = (name: string, input: unknown): FakeReply => ({ type: 'tool_use', calls: [{ name, input }] });

const DEFAULT_ROUTES: Route[] = [
  (call) => (call.task === 'extract' ? toolCall('record_integration_inputs', extractFrom(tagged(call.text, 'request') ?? '')) : undefined),
  (call) => {
    if (call.task !== 'classify') return undefined;
    const reply = (tagged(call.text, 'reply') ?? '').trim();
    return toolCall('classify_reply', { kind: reply.endsWith('?') ? 'question' : 'change' });
  },
  async (call) => {
    if (call.task !== 'design' && call.task !== 'repair') return undefined;
    const design = await offline.design(inputsOf(call));
    return { type: 'text', text: design.markdown, chunkSize: 2000 };
  },
  (call) => (call.task === 'answer' ? { type: 'text', text: 'The retry parameters follow from the calculators.' } : undefined),
];

export async function startScriptedModel(): Promise<ScriptedModel> {
  const routes: Route[] = [...DEFAULT_ROUTES];
  const fake = await startFakeAnthropic({
    fallback: async (request) => {
      const call = classify(request);
      for (const route of [...routes].reverse()) {
        const reply = await route(call);
        if (reply) return reply;
      }
      return { type: 'error', status: 418, errorType: 'invalid_request_error', message: `fake: no route for a ${call.task} request` };
    },
  });
  return {
    fake,
    env: {
      ANTHROPIC_API_KEY: 'sk-ant-e2e-fake-key',
      ANTHROPIC_BASE_URL: fake.url,
      ANTHROPIC_MODEL: 'claude-e2e',
      // One SDK retry (Retry-After from the fake keeps it short); job-level retries sit above it.
      ANTHROPIC_MAX_RETRIES: '1',
      ANTHROPIC_TIMEOUT_MS: '10000',
    },
    route(route) {
      routes.push(route);
      return () => {
        const i = routes.indexOf(route);
        if (i !== -1) routes.splice(i, 1);
      };
    },
    calls: (task) => fake.requests.map(classify).filter((c) => task === undefined || c.task === task),
    close: () => fake.close(),
  };
}

/** A 529 the SDK retries after a few milliseconds. */
export const OVERLOADED: FakeReply = {
  type: 'error',
  status: 529,
  errorType: 'overloaded_error',
  message: 'Overloaded',
  headers: { 'retry-after-ms': '20' },
};
