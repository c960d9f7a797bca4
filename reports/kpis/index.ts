import type { Database } from '../../warehouse/db.js';
import type { TableSpec } from '../../warehouse/spec/types.js';
import { demandKpis } from '../demand-chart.js';
import { bindRoles } from '../roles.js';
import { customerKpis, retentionKpis } from './customers.js';
import type { Kpi, KpiValue } from './kpi.js';
import { actionKpis, modelKpis } from './models.js';
import { operationsKpis } from './operations.js';
import { salesKpis } from './sales.js';

export * from './kpi.js';

/**
 * Every KPI whose tables exist in `specs`, in display order (the order of the Power BI measures, the
 * workbook's summary and the dashboard's cards). Each subject's file declares its own.
 */
export function kpisFor(specs: readonly TableSpec[]): Kpi[] {
  const roles = bindRoles(specs);
  return [
    ...salesKpis(roles),
    ...customerKpis(roles),
    ...modelKpis(roles),
    ...actionKpis(roles),
    ...retentionKpis(roles),
    ...operationsKpis(roles),
    ...demandKpis(roles),
  ];
}

/** Computes every KPI that has SQL against the tables of an open database. */
export async function computeKpis(db: Database, specs: readonly TableSpec[]): Promise<KpiValue[]> {
  const values: KpiValue[] = [];
  for (const kpi of kpisFor(specs)) {
    if (!kpi.sql) continue;
    const rows = await db.all(kpi.sql);
    const raw = rows[0] ? Object.values(rows[0])[0] : null;
    const value = raw === null || raw === undefined ? null : Number(raw);
    values.push({ name: kpi.name, description: kpi.description, format: kpi.format, value });
  }
  return values;
}
