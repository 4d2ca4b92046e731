import { BUSINESS } from './business.js';
import { COLLABORATION } from './collaboration.js';
import { COMMERCE } from './commerce.js';
import { CUSTOMER } from './customer.js';
import { DATA_SERVICES } from './data-services.js';
import { DATABASES } from './databases.js';
import { DEVTOOLS } from './devtools.js';
import { FINANCE } from './finance.js';
import { PAYMENTS } from './payments.js';
import { STORAGE } from './storage.js';
import { STREAMS } from './streams.js';
import type { ProviderEntry } from '../schema.js';

/** Every catalog entry as written, one file per family; validated once by `../catalog.ts`. */
export const CATALOG_ENTRIES: readonly ProviderEntry[] = [
  ...PAYMENTS,
  ...CUSTOMER,
  ...FINANCE,
  ...COLLABORATION,
  ...DEVTOOLS,
  ...STREAMS,
  ...DATABASES,
  ...STORAGE,
  ...DATA_SERVICES,
  ...COMMERCE,
  ...BUSINESS,
];
