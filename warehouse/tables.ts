import { MART_TABLES } from './spec/marts.js';
import { ACTION_TABLES } from './spec/actions.js';
import { MODEL_TABLES } from './spec/models.js';
import { OPERATIONS_TABLES } from './spec/operations.js';
import { STAGING_TABLES } from './spec/staging.js';
import type { TableSpec } from './spec/types.js';

export type { ColumnSpec, ColumnType, ForeignKey, SqlTest, TableSpec } from './spec/types.js';

/** Every table of the warehouse, in build order. */
export const TABLES: readonly TableSpec[] = [...STAGING_TABLES, ...MART_TABLES, ...MODEL_TABLES, ...ACTION_TABLES, ...OPERATIONS_TABLES];

/** Tables that are published (Parquet, Power BI, Excel). */
export const PUBLISHED_TABLES = TABLES.filter((t) => t.publish);

export function tablesOfLayer(layer: TableSpec['layer']): TableSpec[] {
  return TABLES.filter((t) => t.layer === layer);
}
