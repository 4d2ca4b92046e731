import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, loadConfig } from '../../src/config.js';

/**
 * The default model must be one the installed SDK knows and does not list as deprecated: a retired model
 * makes every Claude design fail, and a deprecated one prints a warning on every call.
 */

const sdkDir = dirname(createRequire(import.meta.url).resolve('@anthropic-ai/sdk'));
// Not in the package's exports map: loaded by path (the SDK's own data file behind its deprecation warning).
const { DEPRECATED_MODELS } = createRequire(import.meta.url)(join(sdkDir, 'internal', 'data', 'deprecated-models.js')) as {
  DEPRECATED_MODELS: Record<string, string>;
};
const modelUnion = /export type Model =([\s\S]*?);/.exec(readFileSync(join(sdkDir, 'resources', 'messages', 'messages.d.ts'), 'utf8'))![1]!;
const knownModels = [...modelUnion.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]);

describe('the default model', () => {
  it('is what the config uses when ANTHROPIC_MODEL is unset', () => {
    const config = loadConfig({ ANTHROPIC_API_KEY: 'sk-ant-test' });
    expect(config.engine).toMatchObject({ mode: 'anthropic', model: DEFAULT_MODEL });
  });

  it('is a model the installed SDK documents', () => {
    expect(knownModels.length).toBeGreaterThan(5);
    expect(knownModels).toContain(DEFAULT_MODEL);
  });

  it('is not in the SDK’s deprecated list', () => {
    expect(Object.keys(DEPRECATED_MODELS).length).toBeGreaterThan(0);
    expect(Object.keys(DEPRECATED_MODELS)).not.toContain(DEFAULT_MODEL);
  });
});
