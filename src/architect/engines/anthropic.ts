/** The Claude engine: streaming, calculator tools, prompt caching, a quality gate with one repair pass. */
export { createAnthropicEngine, type AnthropicEngineDeps } from './anthropic/engine.js';
export { createAnthropicClient, type AnthropicEngineConfig } from './anthropic/client.js';
export type { QualityGate } from './anthropic/gate.js';
export { DEFAULT_MAX_TOOL_ROUNDS, type LoopLogger as EngineLogger } from './anthropic/loop.js';
export { EngineError, type EngineErrorCode } from './errors.js';
