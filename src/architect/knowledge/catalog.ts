import { CATALOG_ENTRIES } from './catalog/index.js';
import { ProviderSchema, sourcesOf, type Provider, type ProviderEntry } from './schema.js';

/** One provider catalog, validated on first use (a bad entry fails loudly, naming the entry and the field). */

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

let cached: readonly Provider[] | undefined;

export function parseProvider(entry: ProviderEntry): Provider {
  const parsed = ProviderSchema.safeParse(entry);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new CatalogError(`catalog entry "${(entry as { id?: string }).id ?? '?'}" is invalid: ${issues}`);
  }
  const sources = [...new Set(sourcesOf(parsed.data).map(([, s]) => s))];
  return deepFreeze({ ...parsed.data, sources });
}

/** Providers are shared by every design in the process: a rule that changes one would change the next design. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function catalog(): readonly Provider[] {
  if (!cached) {
    const providers = CATALOG_ENTRIES.map(parseProvider);
    const ids = new Set<string>();
    for (const p of providers) {
      if (ids.has(p.id)) throw new CatalogError(`catalog id "${p.id}" is used twice`);
      ids.add(p.id);
    }
    cached = Object.freeze(providers);
  }
  return cached;
}

export function providerById(id: string): Provider | undefined {
  return catalog().find((p) => p.id === id);
}
