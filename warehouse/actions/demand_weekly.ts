import { SERIES_TYPES } from '../../schemas/vocabulary.js';
import { defineTable } from '../spec/types.js';
import { BASKET_LINES } from './helpers/columns.js';

/** Weekly units of every forecast series. */
export const demandWeekly = defineTable({
  name: 'demand_weekly',
  description:
    'Units sold per week (Monday to Sunday) for each product category and each of the 50 products with most units, over the complete weeks of the data: ' +
    `a first or last week the data covers only in part is left out. Units are net of matched cancellations (net_quantity). ${BASKET_LINES}`,
  grain: 'One series and week.',
  layer: 'action',
  publish: true,
  primaryKey: ['series_type', 'series', 'week_start'],
  columns: [
    { name: 'series_type', type: 'VARCHAR', description: 'category or product.', accepted: SERIES_TYPES },
    { name: 'series', type: 'VARCHAR', description: 'Category name or stock code.' },
    { name: 'series_label', type: 'VARCHAR', description: 'Category name or product description.' },
    { name: 'week_start', type: 'DATE', description: 'Monday of the week.', format: 'date' },
    { name: 'units', type: 'BIGINT', description: 'Net units sold in the week (0 when none).', format: 'integer' },
  ],
});
