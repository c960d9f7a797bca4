import { defineTable } from '../spec/types.js';

/** Country dimension. */
export const dimCountry = defineTable({
  name: 'dim_country',
  description:
    'Countries as the data names them, with ISO 3166-1 codes, UN M49 region and market from warehouse/reference/countries.csv. ' +
    'EIRE = Ireland, RSA = South Africa, USA = United States; "Channel Islands" (Jersey and Guernsey together), "European Community" ' +
    'and "Unspecified" have no ISO code. A name missing from the reference list is kept with region Unknown.',
  grain: 'One country name as written in the data.',
  layer: 'mart',
  sql: 'marts/dim_country.sql',
  dependsOn: ['stg_sales_lines'],
  publish: true,
  excelSheet: 'Countries',
  primaryKey: ['country'],
  columns: [
    { name: 'country', type: 'VARCHAR', description: 'Country as named in the data (the key the facts use).' },
    { name: 'country_name', type: 'VARCHAR', description: 'Standard English name (Ireland for EIRE, South Africa for RSA).', dataCategory: 'Country' },
    { name: 'iso_alpha2', type: 'VARCHAR', description: 'ISO 3166-1 alpha-2 code; null where none exists.', nullable: true },
    { name: 'iso_alpha3', type: 'VARCHAR', description: 'ISO 3166-1 alpha-3 code; null where none exists.', nullable: true },
    { name: 'region', type: 'VARCHAR', description: 'UN M49 region (Europe, Asia, Americas, Africa, Oceania) or Unknown.', accepted: ['Europe', 'Asia', 'Americas', 'Africa', 'Oceania', 'Unknown'], dataCategory: 'Continent' },
    { name: 'subregion', type: 'VARCHAR', description: 'UN M49 sub-region, e.g. Northern Europe.', nullable: true },
    { name: 'market', type: 'VARCHAR', description: 'Domestic (United Kingdom), EU (member states in 2011), Rest of world, or Unknown.', accepted: ['Domestic', 'EU', 'Rest of world', 'Unknown'] },
    { name: 'is_in_reference', type: 'BOOLEAN', description: 'The name is in the reference list.' },
    { name: 'note', type: 'VARCHAR', description: 'Why an unusual name maps as it does.', nullable: true },
  ],
});
