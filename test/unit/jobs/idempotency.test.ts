import { describe, expect, it } from 'vitest';
import { jobIdFor, singletonKeyFor } from '../../../src/jobs/idempotency.js';
import { GeneratePayloadSchema, parsePayload, InvalidJobPayloadError } from '../../../src/jobs/payloads.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('job identity', () => {
  it('keys a job by conversation revision', () => {
    expect(singletonKeyFor({ conversationId: 'c-1', revision: 3 })).toBe('c-1:3');
  });

  it('keys replies by their Slack ts and re-runs by their request key', () => {
    const reply = { conversationId: 'c-1', revision: 3, replyTs: '1700000000.000100' };
    expect(singletonKeyFor(reply)).toBe('c-1:3:1700000000.000100');
    expect(singletonKeyFor({ ...reply, replyTs: '1700000000.000200' })).not.toBe(singletonKeyFor(reply));
    expect(singletonKeyFor({ conversationId: 'c-1', revision: 3, requestKey: 'regen:1' })).toBe('c-1:3:regen:1');
  });

  it('derives the same version-8 UUID for the same queue and key, different ones otherwise', () => {
    const a = jobIdFor('generate', 'c-1:1');
    expect(a).toMatch(UUID);
    expect(jobIdFor('generate', 'c-1:1')).toBe(a);
    expect(jobIdFor('generate', 'c-1:2')).not.toBe(a);
    expect(jobIdFor('revise', 'c-1:1')).not.toBe(a);
  });
});

describe('payload validation', () => {
  it('accepts a valid generate payload', () => {
    const p = { conversationId: 'c', revision: 1, correlationId: 'x' };
    expect(parsePayload('generate', p)).toEqual(p);
  });

  it('rejects unknown fields, bad revisions and bad Slack timestamps with readable issues', () => {
    expect(GeneratePayloadSchema.safeParse({ conversationId: 'c', revision: 1, correlationId: 'x', extra: 1 }).success).toBe(false);
    expect(() => parsePayload('generate', { conversationId: 'c', revision: 0, correlationId: 'x' })).toThrow(InvalidJobPayloadError);
    try {
      parsePayload('revise', { conversationId: 'c', revision: 2, request: 'more', replyTs: 'yesterday', correlationId: 'x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidJobPayloadError);
      expect((err as InvalidJobPayloadError).issues.join()).toContain('replyTs');
    }
  });
});
