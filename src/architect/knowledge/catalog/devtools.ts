import type { ProviderEntry } from '../schema.js';

/** Developer tools, IT service management, incident response, identity and communications APIs. Facts are our short wording of the vendor's documentation, each cited. */

export const DEVTOOLS: ProviderEntry[] = [];
