import type { Database } from '../warehouse/db.js';
import type { TableSpec } from '../warehouse/spec/types.js';
import { dataPeriod } from './excel.js';
import { computeKpis, formatKpi } from './kpis/index.js';

/**
 * The five lines of business a person reads first in the run summary: period, revenue, customers and
 * orders, the value at risk, cancellations. Figures are the KPI list's (the same as the workbook and
 * dashboard); a line whose KPIs are missing from a smaller specification is left out.
 */
export async function businessHeadline(db: Database, specs: readonly TableSpec[]): Promise<string[]> {
  const kpis = new Map((await computeKpis(db, specs)).map((k) => [k.name, k]));
  const f = (name: string): string | undefined => {
    const k = kpis.get(name);
    return k ? formatKpi(k.value, k.format) : undefined;
  };
  const line = (text: string, ...needed: (string | undefined)[]) => (needed.every((n) => n !== undefined) ? [text] : []);
  const period = await dataPeriod(db, specs);
  return [
    ...(period ? [`Period:     ${period}`] : []),
    ...line(`Revenue:    ${f('Net Revenue')} net of cancellations (${f('Total Revenue')} gross)`, f('Net Revenue'), f('Total Revenue')),
    ...line(`Customers:  ${f('Total Customers')} known, ${f('Total Orders')} orders, average order ${f('Average Order Value')}`, f('Total Customers'), f('Total Orders'), f('Average Order Value')),
    ...line(`At risk:    ${f('Customers at Risk')} customers at high or medium risk of leaving, ${f('Revenue at Stake')} of value at stake`, f('Customers at Risk'), f('Revenue at Stake')),
    ...line(`Cancelled:  ${f('Cancelled Amount')} taken back by cancellations (${f('Cancellation Rate')} of gross)`, f('Cancelled Amount'), f('Cancellation Rate')),
  ];
}
