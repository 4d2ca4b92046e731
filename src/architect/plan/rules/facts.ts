import type { FactRef, SystemPlan } from '../types.js';

/** A documented fact a decision rests on, for the Sources list. */
export function cite(system: SystemPlan, url: string | null | undefined): FactRef {
  return { provider: system.provider?.name ?? system.name, url: url ?? '' };
}

/** Only the citations that have a URL. */
export function cites(...refs: (FactRef | null | undefined)[]): FactRef[] {
  return refs.filter((r): r is FactRef => !!r && r.url.length > 0);
}
