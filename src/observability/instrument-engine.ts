import type { Engine, Usage } from '../architect/types.js';
import type { Metrics } from './metrics.js';

/**
 * Wraps an engine so every design, revision and answer is counted and timed, and model tokens (including
 * prompt-cache reads and writes) are totalled. The engine itself stays free of observability concerns.
 */
export function instrumentEngine(engine: Engine, metrics: Metrics): Engine {
  const countTokens = (usage: Usage) => {
    metrics.modelTokens.inc({ kind: 'input' }, usage.inputTokens);
    metrics.modelTokens.inc({ kind: 'output' }, usage.outputTokens);
    metrics.modelTokens.inc({ kind: 'cache_read' }, usage.cacheReadTokens);
    metrics.modelTokens.inc({ kind: 'cache_creation' }, usage.cacheCreationTokens);
  };
  async function measure<T extends { usage: Usage }>(run: () => Promise<T>): Promise<T> {
    const stop = metrics.designDuration.startTimer({ engine: engine.name });
    try {
      const result = await run();
      metrics.designs.inc({ engine: engine.name, outcome: 'ok' });
      countTokens(result.usage);
      return result;
    } catch (error) {
      metrics.designs.inc({ engine: engine.name, outcome: 'error' });
      throw error;
    } finally {
      stop();
    }
  }
  return {
    name: engine.name,
    design: (inputs, options) => measure(() => engine.design(inputs, options)),
    revise: (previous, request, history, options) => measure(() => engine.revise(previous, request, history, options)),
    answer: (previous, question, history, options) => measure(() => engine.answer(previous, question, history, options)),
    classifyReply: (previous, reply, options) => engine.classifyReply(previous, reply, options),
  };
}
