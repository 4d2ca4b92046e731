import type Anthropic from '@anthropic-ai/sdk';
import type { Usage } from '../../types.js';

/** Token counts summed over every request of one engine call (tool rounds and the repair pass included). */
export class UsageMeter {
  private readonly started = Date.now();
  private input = 0;
  private output = 0;
  private cacheRead = 0;
  private cacheCreation = 0;
  requests = 0;

  add(usage: Pick<Anthropic.Usage, 'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens'>): void {
    this.requests += 1;
    this.input += usage.input_tokens ?? 0;
    this.output += usage.output_tokens ?? 0;
    this.cacheRead += usage.cache_read_input_tokens ?? 0;
    this.cacheCreation += usage.cache_creation_input_tokens ?? 0;
  }

  snapshot(): Usage {
    return {
      inputTokens: this.input,
      outputTokens: this.output,
      cacheReadTokens: this.cacheRead,
      cacheCreationTokens: this.cacheCreation,
      latencyMs: Date.now() - this.started,
    };
  }
}
