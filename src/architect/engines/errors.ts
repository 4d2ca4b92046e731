import Anthropic from '@anthropic-ai/sdk';

/**
 * One error type for everything an engine call can fail with. Callers (jobs, the conversation layer) decide
 * on `retryable` and show the user a message per `code`; the SDK error stays available as `cause`.
 */

export type EngineErrorCode =
  | 'rate_limited'
  | 'overloaded'
  | 'unavailable'
  | 'bad_request'
  | 'auth'
  | 'aborted'
  | 'invalid_output';

const RETRYABLE: Record<EngineErrorCode, boolean> = {
  rate_limited: true,
  overloaded: true,
  unavailable: true,
  bad_request: false,
  auth: false,
  aborted: false,
  invalid_output: true,
};

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly retryable: boolean;
  /** HTTP status of the failed call, when there was one. */
  readonly status: number | undefined;

  constructor(code: EngineErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.retryable = RETRYABLE[code];
    this.status = options.status;
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}

/** Error types the API sends in JSON bodies and in SSE `error` events (mid-stream errors have no status). */
function codeForType(type: string | null | undefined): EngineErrorCode | undefined {
  switch (type) {
    case 'rate_limit_error':
      return 'rate_limited';
    case 'overloaded_error':
      return 'overloaded';
    case 'api_error':
    case 'timeout_error':
      return 'unavailable';
    case 'authentication_error':
    case 'permission_error':
    case 'billing_error':
      return 'auth';
    case 'invalid_request_error':
    case 'not_found_error':
    case 'request_too_large':
      return 'bad_request';
    default:
      return undefined;
  }
}

function codeForStatus(status: number): EngineErrorCode {
  if (status === 429) return 'rate_limited';
  if (status === 529) return 'overloaded';
  if (status === 401 || status === 403 || status === 402) return 'auth';
  if (status === 408 || status === 409 || status >= 500) return 'unavailable';
  return 'bad_request';
}

/**
 * Maps SDK errors by class (never by message) to an EngineError. Anything that is not an SDK error is a bug
 * in our code and is rethrown unchanged, except when the caller's signal has been aborted.
 */
export function toEngineError(error: unknown, signal?: AbortSignal): EngineError {
  if (error instanceof EngineError) return error;
  // APIUserAbortError extends APIError, so it must be checked first.
  if (error instanceof Anthropic.APIUserAbortError || signal?.aborted) {
    return new EngineError('aborted', 'the request was cancelled', { cause: error });
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return new EngineError('unavailable', 'the model API timed out', { cause: error });
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return new EngineError('unavailable', 'could not reach the model API', { cause: error });
  }
  if (error instanceof Anthropic.RateLimitError) {
    return new EngineError('rate_limited', 'the model API is rate limiting us', { cause: error, status: 429 });
  }
  if (error instanceof Anthropic.APIError) {
    const status = typeof error.status === 'number' ? error.status : undefined;
    const code = codeForType(error.type) ?? (status !== undefined ? codeForStatus(status) : 'unavailable');
    const detail = error.apiMessage ? `: ${error.apiMessage}` : '';
    return new EngineError(code, `model API error${status ? ` ${status}` : ''} (${code})${detail}`, {
      cause: error,
      ...(status !== undefined ? { status } : {}),
    });
  }
  if (error instanceof Anthropic.AnthropicError) {
    // e.g. a stream that ended without chunks: a transport problem, worth retrying.
    return new EngineError('unavailable', `model API stream failed: ${error.message}`, { cause: error });
  }
  throw error;
}
