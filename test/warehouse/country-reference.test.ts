import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { tempDir } from '../../runtime/temp-dir.js';
import { withDatabase } from '../../warehouse/db.js';
import { REFERENCE_FILES } from '../../warehouse/reference/index.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

// The 43 country names of both UCI data sets: Online Retail (38) and Online Retail II (5 more).
const ONLINE_RETAIL = [
  'Australia', 'Austria', 'Bahrain', 'Belgium', 'Brazil', 'Canada', 'Channel Islands', 'Cyprus', 'Czech Republic',
  'Denmark', 'EIRE', 'European Community', 'Finland', 'France', 'Germany', 'Greece', 'Hong Kong', 'Iceland', 'Israel',
  'Italy', 'Japan', 'Lebanon', 'Lithuania', 'Malta', 'Netherlands', 'Norway', 'Poland', 'Portugal', 'RSA',
  'Saudi Arabia', 'Singapore', 'Spain', 'Sweden', 'Switzerland', 'USA', 'United Arab Emirates', 'United Kingdom', 'Unspecified',
];
const ONLINE_RETAIL_II_MORE = ['Bermuda', 'Korea', 'Nigeria', 'Thailand', 'West Indies'];
const WITHOUT_ISO_CODE = ['Channel Islands', 'European Community', 'Unspecified', 'West Indies'];

describe('the country reference list', () => {
  it('holds every name of both data sets, with an ISO code unless it names no single country (and says why)', async () => {
    const rows = await withDatabase(join(dir.path, 'ref.duckdb'), (db) =>
      db.all<{ country: string; iso_alpha2: string | null; iso_alpha3: string | null; note: string | null }>(
        `select country, iso_alpha2, iso_alpha3, note from read_csv($path, header = true, all_varchar = true) order by country`,
        { path: REFERENCE_FILES.countries },
      ),
    );
    const names = [...ONLINE_RETAIL, ...ONLINE_RETAIL_II_MORE];
    expect(names).toHaveLength(43);
    expect(rows.map((r) => r.country).sort()).toEqual([...names].sort());
    for (const row of rows) {
      if (WITHOUT_ISO_CODE.includes(row.country)) {
        expect(row.iso_alpha2, row.country).toBeNull();
        expect(row.note, row.country).toMatch(/code/i);
      } else {
        expect(row.iso_alpha2, row.country).toMatch(/^[A-Z]{2}$/);
        expect(row.iso_alpha3, row.country).toMatch(/^[A-Z]{3}$/);
      }
    }
  });
});
