import { MART_TABLES } from './marts/index.js';
import { ACTION_TABLES } from './actions/index.js';
import { MODEL_TABLES } from './models/index.js';
import { OPERATIONS_TABLES } from './operations/index.js';
import { STAGING_TABLES } from './staging/index.js';
import type { TableSpec } from './spec/types.js';

export type { ColumnSpec, ColumnType, ForeignKey, SqlTest, TableSpec } from './spec/types.js';

/** Every table of the warehouse, layer by layer (each step derives its build order from the contracts: warehouse/build-order.ts). */
export const TABLES: readonly TableSpec[] = [...STAGING_TABLES, ...MART_TABLES, ...MODEL_TABLES, ...ACTION_TABLES, ...OPERATIONS_TABLES];

/** Tables that are published (Parquet, Power BI, Excel). */
export const PUBLISHED_TABLES = TABLES.filter((t) => t.publish);

export function tablesOfLayer(layer: TableSpec['layer']): TableSpec[] {
  return TABLES.filter((t) => t.layer === layer);
}
