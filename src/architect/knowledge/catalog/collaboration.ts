import type { ProviderEntry } from '../schema.js';

/** Collaboration, productivity, documents, calendars and messaging platforms. Facts are our short wording of the vendor's documentation, each cited. */

export const COLLABORATION: ProviderEntry[] = [];
