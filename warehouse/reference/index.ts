import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REFERENCE_DIR = dirname(fileURLToPath(import.meta.url));

/** Reference data shipped with the code (not read from the input): the country list and the product keyword rules. */
export const REFERENCE_FILES = {
  countries: join(REFERENCE_DIR, 'countries.csv'),
  productCategories: join(REFERENCE_DIR, 'product-categories.csv'),
} as const;
