import type { Config } from '../../config.js';
import { createHeuristicExtractor, type Extractor } from '../extract.js';
import { createClaudeExtractor } from '../extract-claude.js';
import { loadPrompts } from '../prompts.js';
import type { Engine } from '../types.js';
import { createAnthropicClient, createAnthropicEngine, type EngineLogger } from './anthropic.js';
import { createOfflineEngine } from './offline.js';

export interface EngineBundle {
  engine: Engine;
  extract: Extractor;
}

/** Claude when configured with a key, the offline rules engine otherwise; the extractor follows the engine. */
export async function createEngineBundle(engineConfig: Config['engine'], logger?: EngineLogger): Promise<EngineBundle> {
  if (engineConfig.mode === 'offline') return { engine: createOfflineEngine(), extract: createHeuristicExtractor() };
  const prompts = await loadPrompts();
  const client = createAnthropicClient(engineConfig);
  return {
    engine: createAnthropicEngine({ client, model: engineConfig.model, maxTokens: engineConfig.maxTokens, prompts, ...(logger ? { logger } : {}) }),
    extract: withFallback(createClaudeExtractor({ client, model: engineConfig.model, prompts, ...(logger ? { logger } : {}) }), createHeuristicExtractor(), logger),
  };
}

/**
 * Extraction is a convenience before the interview: when the model is unavailable or finds nothing, the
 * heuristic parser still fills what it can, so people are not asked for what they already typed.
 */
export function withFallback(primary: Extractor, fallback: Extractor, logger?: EngineLogger): Extractor {
  return async (text, options) => {
    try {
      const found = await primary(text, options);
      if (Object.keys(found).length > 0) return found;
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      logger?.warn({ err: error }, 'model extraction failed; using the heuristic extractor');
    }
    return fallback(text, options);
  };
}
