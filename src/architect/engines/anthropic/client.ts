import Anthropic from '@anthropic-ai/sdk';
import type { Config } from '../../../config.js';

export type AnthropicEngineConfig = Extract<Config['engine'], { mode: 'anthropic' }>;

/**
 * The SDK client from the config's engine section. The SDK's own retries (exponential, honouring
 * Retry-After) absorb 429, 5xx and 529; job-level retries sit above this. `baseURL: null` keeps the SDK
 * from reading ANTHROPIC_BASE_URL itself: config.ts is the only reader of the environment.
 */
export function createAnthropicClient(config: AnthropicEngineConfig): Anthropic {
  return new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseURL ?? null,
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
  });
}
