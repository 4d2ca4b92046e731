import type { ProviderEntry } from '../schema.js';

/** CRM, marketing automation, customer data and support platforms. Facts are our short wording of the vendor's documentation, each cited. */

export const CUSTOMER: ProviderEntry[] = [];
