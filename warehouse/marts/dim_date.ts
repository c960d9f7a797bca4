import { defineTable } from '../spec/types.js';

/** Calendar dimension. */
export const dimDate = defineTable({
  name: 'dim_date',
  description: 'Calendar of every day of the calendar years the data touches (whole years, for year-to-date measures).',
  grain: 'One calendar day.',
  layer: 'mart',
  sql: 'marts/dim_date.sql',
  dependsOn: ['stg_sales_lines'],
  publish: true,
  primaryKey: ['date_key'],
  columns: [
    { name: 'date_key', type: 'INTEGER', description: 'The day as yyyymmdd, the key the facts use.' },
    { name: 'date', type: 'DATE', description: 'The day.', format: 'date' },
    { name: 'year', type: 'INTEGER', description: 'Calendar year.' },
    { name: 'quarter', type: 'INTEGER', description: 'Calendar quarter, 1-4.', accepted: ['1', '2', '3', '4'] },
    { name: 'month', type: 'INTEGER', description: 'Month number, 1-12.' },
    { name: 'month_name', type: 'VARCHAR', description: 'Month name in English, e.g. December.' },
    { name: 'year_month', type: 'VARCHAR', description: 'Year and month as yyyy-mm.' },
    { name: 'iso_year', type: 'INTEGER', description: 'ISO 8601 week-numbering year.' },
    { name: 'iso_week', type: 'INTEGER', description: 'ISO 8601 week number, 1-53.' },
    { name: 'day_of_week', type: 'INTEGER', description: 'ISO day of week: 1 = Monday ... 7 = Sunday.', accepted: ['1', '2', '3', '4', '5', '6', '7'] },
    { name: 'day_name', type: 'VARCHAR', description: 'Day name in English, e.g. Monday.' },
    { name: 'is_weekend', type: 'BOOLEAN', description: 'Saturday or Sunday.' },
    { name: 'has_invoices', type: 'BOOLEAN', description: 'At least one invoice is dated that day.' },
    { name: 'is_in_data_range', type: 'BOOLEAN', description: 'Between the first and the last invoice day of the data.' },
  ],
  tests: [
    {
      name: 'dim_date_covers_every_invoice_day',
      description: 'The calendar has no gap: one row per day from its first to its last day.',
      sql: `select * from (select count(*) as days, date_diff('day', min(date), max(date)) + 1 as span from dim_date) where days <> span`,
    },
  ],
});
