import { COLLABORATION_APIS } from './entries/collaboration.js';
import { COMMERCE_APIS } from './entries/commerce.js';
import { CUSTOMER_APIS } from './entries/customer.js';
import { FINANCE_APIS } from './entries/finance.js';
import { OPERATIONS_APIS } from './entries/operations.js';
import type { KnownApi } from './types.js';

/** The curated catalog: facts researched from vendor docs, reworded, each with its source. */
export const KNOWN_APIS: readonly KnownApi[] = Object.freeze([
  ...COMMERCE_APIS,
  ...CUSTOMER_APIS,
  ...FINANCE_APIS,
  ...COLLABORATION_APIS,
  ...OPERATIONS_APIS,
]);

/**
 * Aliases that are also ordinary English words; free text must capitalise them ("Square", not "square")
 * before we read them as the product.
 */
export const COMMON_WORD_ALIASES: ReadonlySet<string> = new Set(['square', 'box', 'segment', 'zoom', 'slack', 'outlook', 'intercom']);

const LEADING_NOISE = new Set(['the', 'our', 'my', 'a', 'an', 'their', 'your', 'its', 'this', 'that']);

/** Lowercase words of a name: possessives dropped, punctuation other than . and + turned into spaces. */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9.+]+/g, ' ')
    .split(' ')
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter((t) => t.length > 0);
}

const BY_ALIAS = new Map<string, KnownApi>();
for (const api of KNOWN_APIS) {
  for (const alias of [api.name, ...api.aliases]) BY_ALIAS.set(nameTokens(alias).join(' '), api);
}
const MAX_ALIAS_WORDS = Math.max(...[...BY_ALIAS.keys()].map((k) => k.split(' ').length));

/** The catalog entry for an alias written exactly (any case), or undefined. */
export function knownApiByAlias(alias: string): KnownApi | undefined {
  return BY_ALIAS.get(nameTokens(alias).join(' '));
}

/** Longest alias length, in words; lets scanners bound their look-ahead. */
export function maxAliasWords(): number {
  return MAX_ALIAS_WORDS;
}

/**
 * Finds a catalog entry by name: case-insensitive, by alias, and tolerant of extra words around it
 * ("Salesforce CRM", "stripe payments", "our HubSpot portal").
 */
export function findKnownApi(name: string): KnownApi | undefined {
  const tokens = nameTokens(name);
  while (tokens.length > 0 && LEADING_NOISE.has(tokens[0]!)) tokens.shift();
  if (tokens.length === 0) return undefined;
  const exact = BY_ALIAS.get(tokens.join(' '));
  if (exact) return exact;
  // Longest window wins. A common-word alias inside a longer name must lead it and be capitalised
  // ("Square terminal sales", not "a large square table" or "segment of users").
  const capitalised = /^\W*[A-Z]/.test(name.replace(/^\s*(?:the|our|my|a|an|their|your|its|this|that)\s+/i, ''));
  for (let len = Math.min(MAX_ALIAS_WORDS, tokens.length); len >= 1; len--) {
    for (let start = 0; start + len <= tokens.length; start++) {
      const key = tokens.slice(start, start + len).join(' ');
      const api = BY_ALIAS.get(key);
      if (api && (!COMMON_WORD_ALIASES.has(key) || (start === 0 && capitalised))) return api;
    }
  }
  return undefined;
}
