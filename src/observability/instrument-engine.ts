import type { Engine, Usage } from '../architect/types.js';
import type { Metrics } from './metrics.js';

/**
 * Wraps an engine so every design, revision and answer is counted and timed, and model tokens (including
 * prompt-cache reads and writes) are totalled. The engine itself stays free of observability concerns.
 */
export interface EngineLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export function instrumentEngine(engine: Engine, metrics: Metrics, logger?: EngineLogger): Engine {
  const countTokens = (usage: Usage) => {
    metrics.modelTokens.inc({ kind: 'input' }, usage.inputTokens);
    metrics.modelTokens.inc({ kind: 'output' }, usage.outputTokens);
    metrics.modelTokens.inc({ kind: 'cache_read' }, usage.cacheReadTokens);
    metrics.modelTokens.inc({ kind: 'cache_creation' }, usage.cacheCreationTokens);
  };
  // One structured line per model operation: what ran, how long, what it cost, whether it met the bar.
  async function measure<T extends { usage: Usage; quality?: { passed: boolean; wordCount: number; repaired: boolean } }>(
    operation: 'design' | 'revise' | 'answer',
    run: () => Promise<T>,
  ): Promise<T> {
    const stop = metrics.designDuration.startTimer({ engine: engine.name });
    const started = performance.now();
    try {
      const result = await run();
      metrics.designs.inc({ engine: engine.name, outcome: 'ok' });
      countTokens(result.usage);
      logger?.info(
        {
          engine: engine.name,
          operation,
          duration_ms: Math.round(performance.now() - started),
          input_tokens: result.usage.inputTokens,
          output_tokens: result.usage.outputTokens,
          cache_read_tokens: result.usage.cacheReadTokens,
          cache_creation_tokens: result.usage.cacheCreationTokens,
          ...(result.quality
            ? { quality_passed: result.quality.passed, word_count: result.quality.wordCount, repaired: result.quality.repaired }
            : {}),
        },
        `${operation} finished`,
      );
      return result;
    } catch (error) {
      metrics.designs.inc({ engine: engine.name, outcome: 'error' });
      // Only the final failure of a job is an error (the runner and queue decide); here it is one attempt.
      logger?.warn({ engine: engine.name, operation, duration_ms: Math.round(performance.now() - started), err: error }, `${operation} failed`);
      throw error;
    } finally {
      stop();
    }
  }
  return {
    name: engine.name,
    design: (inputs, options) => measure('design', () => engine.design(inputs, options)),
    revise: (previous, request, history, options) => measure('revise', () => engine.revise(previous, request, history, options)),
    answer: (previous, question, history, options) => measure('answer', () => engine.answer(previous, question, history, options)),
    classifyReply: (previous, reply, options) => engine.classifyReply(previous, reply, options),
  };
}
