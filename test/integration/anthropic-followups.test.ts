import { beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicEngine, EngineError } from '../../src/architect/engines/anthropic.js';
import type { Prompts } from '../../src/architect/prompts.js';
import type { HistoryMessage, PreviousDesign } from '../../src/architect/types.js';
import { loadSseFixture, type FakeAnthropic } from '../fakes/anthropic-server.js';
import { BAD_DRAFT, GOOD_DESIGN, INPUTS, clientFor, lastUserText, rejectionOf, useFakeAnthropic } from './anthropic-helpers.js';

const ctx = useFakeAnthropic();
const warnings = ctx.warnings;
let fake: FakeAnthropic;
let prompts: Prompts;
beforeEach(() => {
  ({ fake, prompts } = ctx);
});

const engine = () =>
  createAnthropicEngine({
    client: clientFor(fake.url),
    model: 'claude-test',
    maxTokens: 4096,
    prompts,
    logger: { info: () => {}, warn: (obj) => void warnings.push(obj), error: () => {} },
  });

const previous: PreviousDesign = { inputs: INPUTS, markdown: GOOD_DESIGN, revision: 1 };
const history: HistoryMessage[] = [
  { role: 'user', author: 'maria', text: 'Looks good overall.' },
  { role: 'assistant', text: 'Thanks! Reply here to change anything.' },
];

const REVISED = GOOD_DESIGN.replace('max 8 attempts', 'max 8 attempts, logged per attempt');
const WITH_CHANGES = `${REVISED}\n\n## What changed\n- Error handling and retry: attempts are logged.\n- Monitoring: added a retry-rate alert.\n`;

describe('Anthropic engine: follow-ups', () => {
  it('revise returns the full new document and the "What changed" bullets separately', async () => {
    fake.enqueue({ type: 'text', text: WITH_CHANGES });
    const result = await engine().revise(previous, 'Please log every retry attempt.', history);

    expect(result.changes).toEqual(['Error handling and retry: attempts are logged.', 'Monitoring: added a retry-rate alert.']);
    expect(result.markdown).toBe(REVISED.trim());
    expect(result.markdown).not.toMatch(/What changed/);
    expect(result.sections).toHaveLength(7);
    expect(result.quality.passed).toBe(true);

    const request = fake.requests[0]!;
    expect(request.body.system).toEqual([
      { type: 'text', text: prompts.architect, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: prompts.revise, cache_control: { type: 'ephemeral' } },
    ]);
    const user = lastUserText(request);
    expect(user).toContain('Task: revise');
    expect(user).toContain('<current_design revision="1">');
    expect(user).toContain('maria (user): Looks good overall.');
    expect(user).toContain('<reply>\nPlease log every retry attempt.\n</reply>');
  });

  it('revise grounds the model in what the reply changes: new inputs, their plan, and what could not be applied', async () => {
    // The draft still has the old numbers: the gate, now holding the new inputs, sends it back once.
    fake.enqueue({ type: 'text', text: WITH_CHANGES }, { type: 'text', text: WITH_CHANGES });
    const result = await engine().revise(previous, 'volume is now 2 million a day, and use carrier pigeons', history);
    expect(fake.requests).toHaveLength(2);

    const user = lastUserText(fake.requests[0]!);
    expect(user).toContain('<reply_reading>');
    expect(user).toMatch(/Applied to the inputs[^]*Volume: 2,000,000\/day/);
    expect(user).toMatch(/Could not be applied[^]*carrier pigeons/);
    expect(user).toMatch(/<plan>[^]*2,000,000[^]*<\/plan>/);
    expect(result.inputs?.volumePerDay).toBe(2_000_000);
  });

  it('answers a what-if with the plan of its case', async () => {
    fake.enqueue({ type: 'text', text: 'With a 1 h outage about 2,083 messages wait.' });
    await engine().answer(previous, 'what if Salesforce is down for an hour?', history);
    const user = lastUserText(fake.requests[0]!);
    expect(user).toMatch(/<what_if_case>[^]*Outage to ride out: 1 h[^]*<plan>/);
  });

  it('revise repairs a failing revision and keeps the changes of the first draft when the repair has none', async () => {
    let repairText = '';
    fake.enqueue({ type: 'text', text: `${BAD_DRAFT}\n## What changed\n- Switched to polling.\n` }, (request) => {
      repairText = lastUserText(request);
      return { type: 'text', text: REVISED };
    });
    const result = await engine().revise(previous, 'Switch to polling', []);
    expect(repairText).toContain('## What changed');
    expect(result.quality.repaired).toBe(true);
    expect(result.changes).toEqual(['Switched to polling.']);
    expect(result.markdown).toBe(REVISED.trim());
  });

  it('answer streams a grounded answer (recorded SSE fixture) and counts cached tokens', async () => {
    fake.enqueue({ type: 'sse', body: loadSseFixture('answer-stream.sse') });
    const result = await engine().answer(previous, 'Why full jitter?', history);
    expect(result.markdown).toBe(
      'Full jitter spreads retries evenly over the backoff window, so clients that failed together do not retry together (see *Error handling and retry*).',
    );
    expect(result.usage.cacheReadTokens).toBe(1800);
    expect(result.usage.inputTokens).toBe(2048);
    expect(result.usage.outputTokens).toBe(31);
    expect(lastUserText(fake.requests[0]!)).toContain('Task: answer');
  });

  it('answer can use the calculators and returns only the text after the last tool round', async () => {
    fake.enqueue(
      { type: 'tool_use', text: 'Let me check the numbers.', calls: [{ name: 'rate_limit_budget', input: { volumePerDay: 90_000 } }] },
      { type: 'text', text: 'At 90,000 events a day the peak is 5.21 events/s.' },
    );
    const result = await engine().answer(previous, 'What if volume triples?', []);
    expect(result.markdown).toBe('At 90,000 events a day the peak is 5.21 events/s.');
    expect(fake.requests).toHaveLength(2);
  });

  it('answer rejects an empty reply as invalid_output', async () => {
    fake.enqueue({ type: 'text', text: '   ' });
    const error = await rejectionOf(engine().answer(previous, 'Why?', []));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('invalid_output');
  });

  it('classifyReply forces the classify_reply tool and returns its decision', async () => {
    fake.enqueue({ type: 'tool_use', calls: [{ name: 'classify_reply', input: { kind: 'question', reason: 'asks why' } }] });
    const kind = await engine().classifyReply(previous, 'Why did you pick full jitter?');
    expect(kind).toBe('question');

    const request = fake.requests[0]!;
    expect(request.body.stream).toBeUndefined();
    expect(request.body.tool_choice).toEqual({ type: 'tool', name: 'classify_reply' });
    expect(request.body.tools.map((t: { name: string }) => t.name)).toEqual(['classify_reply']);
    expect(request.body.tools[0].input_schema.properties.kind.enum).toEqual(['question', 'change']);
    expect(lastUserText(request)).toContain('<reply>\nWhy did you pick full jitter?\n</reply>');
  });

  it('classifyReply falls back to a heuristic on unusable tool input', async () => {
    fake.enqueue(
      { type: 'tool_use', calls: [{ name: 'classify_reply', input: { kind: 'maybe' } }] },
      { type: 'text', text: 'I think it is a change.' },
    );
    expect(await engine().classifyReply(previous, 'Can we switch to GraphQL instead?')).toBe('change');
    expect(await engine().classifyReply(previous, 'What happens if Salesforce is down for an hour?')).toBe('question');
    expect(warnings).toHaveLength(2);
  });

  it('classifyReply wraps transport errors', async () => {
    fake.enqueue({ type: 'error', status: 403, errorType: 'permission_error' });
    const error = await rejectionOf(engine().classifyReply(previous, 'Why?'));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('auth');
  });
});
