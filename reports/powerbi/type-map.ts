import { createHash } from 'node:crypto';

import type { ColumnSpec, ColumnType } from '../../warehouse/spec/types.js';
import type { KpiFormat } from '../kpis/index.js';

/** How one specification type appears in Power Query (M) and in the tabular model. */
export interface PowerBiType {
  /** Type given to Table.TransformColumnTypes. */
  m: string;
  /** TMDL dataType. */
  dataType: 'int64' | 'double' | 'decimal' | 'dateTime' | 'boolean' | 'string';
}

const TYPES: Record<ColumnType, PowerBiType> = {
  BIGINT: { m: 'Int64.Type', dataType: 'int64' },
  INTEGER: { m: 'Int64.Type', dataType: 'int64' },
  DOUBLE: { m: 'type number', dataType: 'double' },
  // Fixed decimal (four places) holds the three-decimal prices exactly, unlike a double.
  'DECIMAL(18,3)': { m: 'Currency.Type', dataType: 'decimal' },
  DATE: { m: 'type date', dataType: 'dateTime' },
  TIMESTAMP: { m: 'type datetime', dataType: 'dateTime' },
  BOOLEAN: { m: 'type logical', dataType: 'boolean' },
  VARCHAR: { m: 'type text', dataType: 'string' },
};

/** The Power Query and model types for a specification column type. */
export function powerBiType(type: ColumnType): PowerBiType {
  return TYPES[type];
}

/** Parquet physical/logical types DuckDB writes for each specification type (as parquet_schema() reports them). */
export const PARQUET_TYPES: Record<ColumnType, { type: string; logical?: RegExp }> = {
  BIGINT: { type: 'INT64' },
  INTEGER: { type: 'INT32' },
  DOUBLE: { type: 'DOUBLE' },
  'DECIMAL(18,3)': { type: 'INT64', logical: /decimal/i },
  DATE: { type: 'INT32', logical: /date/i },
  TIMESTAMP: { type: 'INT64', logical: /timestamp/i },
  BOOLEAN: { type: 'BOOLEAN' },
  VARCHAR: { type: 'BYTE_ARRAY', logical: /string|utf8/i },
};

const MONEY = '\\£#,0.00;-\\£#,0.00;\\£#,0.00';

/** Power BI format string for a display hint, falling back on the column type. */
export function formatString(column: Pick<ColumnSpec, 'type' | 'format'>): string | undefined {
  switch (column.format) {
    case 'money':
      return MONEY;
    case 'percent':
      return '0.0%;-0.0%;0.0%';
    case 'integer':
      return '#,0';
    case 'decimal':
      return '#,0.00';
    case 'date':
      return 'yyyy-mm-dd';
    case 'datetime':
      return 'yyyy-mm-dd hh:nn:ss';
    default:
      break;
  }
  switch (column.type) {
    case 'BIGINT':
    case 'INTEGER':
      return '0';
    case 'DATE':
      return 'yyyy-mm-dd';
    case 'TIMESTAMP':
      return 'yyyy-mm-dd hh:nn:ss';
    case 'DECIMAL(18,3)':
      return '#,0.000';
    case 'BOOLEAN':
      return '"TRUE";"TRUE";"FALSE"';
    default:
      return undefined;
  }
}

/** Format string of a measure. */
export function measureFormat(format: KpiFormat): string {
  return formatString({ type: 'DOUBLE', format }) ?? '#,0.00';
}

/**
 * A stable GUID-shaped id derived from a name. Power BI wants lineage tags; deriving them keeps the
 * generated files byte-identical between runs, so a diff shows only real changes.
 */
export function stableGuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
