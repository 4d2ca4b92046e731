import type { ProviderEntry } from '../schema.js';

/** Warehouses, search indexes, object stores, file drops and API gateways; facts from each product's own documentation. Facts are our short wording of the vendor's documentation, each cited. */

export const STORAGE: ProviderEntry[] = [];
