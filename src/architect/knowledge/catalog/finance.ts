import type { ProviderEntry } from '../schema.js';

/** Accounting, ERP, HR and recruiting systems. Facts are our short wording of the vendor's documentation, each cited. */

export const FINANCE: ProviderEntry[] = [];
