import type { ProviderEntry } from '../schema.js';

/** Databases as sources (change data capture) and destinations; facts from each database's own documentation. Facts are our short wording of the vendor's documentation, each cited. */

export const DATABASES: ProviderEntry[] = [];
