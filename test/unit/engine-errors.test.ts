import { describe, expect, it } from 'vitest';
import Anthropic from '@anthropic-ai/sdk';
import { EngineError, toEngineError } from '../../src/architect/engines/errors.js';

const headers = new Headers();
const apiError = (status: number, type: string) =>
  Anthropic.APIError.generate(status, { type: 'error', error: { type, message: type } }, undefined, headers);

describe('toEngineError', () => {
  it.each([
    [429, 'rate_limit_error', 'rate_limited', true],
    [529, 'overloaded_error', 'overloaded', true],
    [500, 'api_error', 'unavailable', true],
    [503, 'api_error', 'unavailable', true],
    [400, 'invalid_request_error', 'bad_request', false],
    [413, 'request_too_large', 'bad_request', false],
    [401, 'authentication_error', 'auth', false],
    [403, 'permission_error', 'auth', false],
  ] as const)('HTTP %i %s → %s', (status, type, code, retryable) => {
    const original = apiError(status, type);
    const error = toEngineError(original);
    expect(error).toBeInstanceOf(EngineError);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.cause).toBe(original);
  });

  it('classifies a status-less stream error by its type', () => {
    const error = toEngineError(new Anthropic.APIError(undefined, { type: 'error', error: { type: 'overloaded_error' } }, 'x', undefined, 'overloaded_error'));
    expect(error.code).toBe('overloaded');
  });

  it('maps user aborts, and anything after the caller aborted, to aborted', () => {
    expect(toEngineError(new Anthropic.APIUserAbortError()).code).toBe('aborted');
    const controller = new AbortController();
    controller.abort();
    expect(toEngineError(new Anthropic.APIConnectionError({ message: 'x' }), controller.signal).code).toBe('aborted');
  });

  it('maps connection failures and timeouts to unavailable', () => {
    expect(toEngineError(new Anthropic.APIConnectionError({ message: 'refused' })).code).toBe('unavailable');
    expect(toEngineError(new Anthropic.APIConnectionTimeoutError()).code).toBe('unavailable');
  });

  it('rethrows errors that are not from the SDK (bugs are not transport errors)', () => {
    const bug = new TypeError('undefined is not a function');
    expect(() => toEngineError(bug)).toThrow(bug);
  });

  it('passes EngineErrors through', () => {
    const error = new EngineError('invalid_output', 'empty');
    expect(toEngineError(error)).toBe(error);
    expect(error.retryable).toBe(true);
  });
});
