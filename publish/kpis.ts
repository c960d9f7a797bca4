import type { Database } from '../warehouse/db.js';
import { quoteIdent } from '../warehouse/db.js';
import type { TableSpec } from '../warehouse/spec/types.js';
import { bindRoles, optionalColumn } from './roles.js';

export type KpiFormat = 'money' | 'integer' | 'percent' | 'decimal';

/**
 * One key figure, defined once in DAX (for the Power BI model) and once in SQL (for the Excel
 * summary, the dashboard and the README), side by side so the two cannot silently diverge.
 */
export interface Kpi {
  name: string;
  /** The table the Power BI measure lives on. */
  table: string;
  description: string;
  format: KpiFormat;
  dax: string;
  /** A select returning one value, over the warehouse tables; absent for measures only meaningful in a filter context. */
  sql?: string;
  /** Shown as a card on the Overview page and in summaries. */
  headline?: boolean;
}

const t = (table: string) => `'${table.replaceAll("'", "''")}'`;
const c = (table: string, column: string) => `${t(table)}[${column.replaceAll(']', ']]')}]`;
const q = quoteIdent;

/** Every KPI whose tables exist in `specs`, in display order. */
export function kpisFor(specs: readonly TableSpec[]): Kpi[] {
  const roles = bindRoles(specs);
  const kpis: Kpi[] = [];
  const { sales } = roles;
  if (sales) {
    const s = sales.name;
    const col = (k: keyof typeof sales.col) => c(s, sales.col[k]);
    const sq = (k: keyof typeof sales.col) => q(sales.col[k]);
    const notCancelled = `${col('cancelled')} = FALSE()`;
    kpis.push(
      {
        name: 'Total Revenue',
        table: s,
        description: 'Sum of line amounts of lines that are not cancellations (guest sales and service lines included).',
        format: 'money',
        headline: true,
        dax: `CALCULATE(SUM(${col('amount')}), ${notCancelled})`,
        sql: `select sum(${sq('amount')}) filter (where not ${sq('cancelled')}) from ${q(s)}`,
      },
      {
        name: 'Net Revenue',
        table: s,
        description: 'Sum of all line amounts: revenue minus cancellations and adjustments.',
        format: 'money',
        dax: `SUM(${col('amount')})`,
        sql: `select sum(${sq('amount')}) from ${q(s)}`,
      },
      {
        name: 'Customer Revenue',
        table: s,
        description: 'Revenue of known customers (guest sales excluded).',
        format: 'money',
        dax: `CALCULATE([Total Revenue], ${col('guest')} = FALSE())`,
        sql: `select sum(${sq('amount')}) filter (where not ${sq('cancelled')} and not ${sq('guest')}) from ${q(s)}`,
      },
      {
        name: 'Total Orders',
        table: s,
        description: 'Distinct invoices that are not cancellations.',
        format: 'integer',
        headline: true,
        dax: `CALCULATE(DISTINCTCOUNT(${col('invoice')}), ${notCancelled})`,
        sql: `select count(distinct ${sq('invoice')}) filter (where not ${sq('cancelled')}) from ${q(s)}`,
      },
      {
        name: 'Total Customers',
        table: s,
        description: 'Distinct known customers with at least one non-cancelled line.',
        format: 'integer',
        headline: true,
        dax: `CALCULATE(DISTINCTCOUNT(${col('customer')}), ${notCancelled}, ${col('guest')} = FALSE())`,
        sql: `select count(distinct ${sq('customer')}) filter (where not ${sq('cancelled')} and not ${sq('guest')}) from ${q(s)}`,
      },
      {
        name: 'Average Order Value',
        table: s,
        description: 'Revenue divided by orders.',
        format: 'money',
        headline: true,
        dax: 'DIVIDE([Total Revenue], [Total Orders])',
        sql: `select sum(${sq('amount')}) filter (where not ${sq('cancelled')}) / nullif(count(distinct ${sq('invoice')}) filter (where not ${sq('cancelled')}), 0) from ${q(s)}`,
      },
      {
        name: 'Units Sold',
        table: s,
        description: 'Units on lines that are not cancellations.',
        format: 'integer',
        dax: `CALCULATE(SUM(${col('quantity')}), ${notCancelled})`,
        sql: `select sum(${sq('quantity')}) filter (where not ${sq('cancelled')}) from ${q(s)}`,
      },
      {
        name: 'Cancelled Amount',
        table: s,
        description: 'Value of cancellation lines, as a positive amount.',
        format: 'money',
        dax: `-CALCULATE(SUM(${col('amount')}), ${col('cancelled')} = TRUE())`,
        sql: `select coalesce(-sum(${sq('amount')}) filter (where ${sq('cancelled')}), 0) from ${q(s)}`,
      },
      {
        name: 'Cancellation Rate',
        table: s,
        description: 'Cancellation invoices as a share of all invoices.',
        format: 'percent',
        headline: true,
        dax: `DIVIDE(CALCULATE(DISTINCTCOUNT(${col('invoice')}), ${col('cancelled')} = TRUE()), DISTINCTCOUNT(${col('invoice')}))`,
        sql: `select count(distinct ${sq('invoice')}) filter (where ${sq('cancelled')}) / nullif(count(distinct ${sq('invoice')}), 0) from ${q(s)}`,
      },
    );
  }
  const { rfm } = roles;
  if (rfm) {
    kpis.push(
      {
        name: 'Average Recency Days',
        table: rfm.name,
        description: 'Mean days since the last purchase, over customers with a purchase.',
        format: 'decimal',
        dax: `AVERAGE(${c(rfm.name, rfm.col.recency)})`,
        sql: `select avg(${q(rfm.col.recency)}) from ${q(rfm.name)}`,
      },
      {
        name: 'Average Frequency',
        table: rfm.name,
        description: 'Mean number of orders per customer.',
        format: 'decimal',
        dax: `AVERAGE(${c(rfm.name, rfm.col.frequency)})`,
        sql: `select avg(${q(rfm.col.frequency)}) from ${q(rfm.name)}`,
      },
      {
        name: 'Average Customer Value',
        table: rfm.name,
        description: 'Mean monetary value per customer.',
        format: 'money',
        dax: `AVERAGE(${c(rfm.name, rfm.col.monetary)})`,
        sql: `select avg(${q(rfm.col.monetary)}) from ${q(rfm.name)}`,
      },
    );
  }
  const { segments } = roles;
  if (segments) {
    kpis.push({
      name: 'Segment Customers',
      table: segments.name,
      description: 'Customers in the selected segments.',
      format: 'integer',
      dax: `COUNTROWS(${t(segments.name)})`,
      sql: `select count(*) from ${q(segments.name)}`,
    });
  }
  const { churn } = roles;
  if (churn) {
    const p = churn.col.probability;
    const label = optionalColumn(churn.spec, ['churned', 'is_churned', 'actual_churn', 'label_churned']);
    const flag = optionalColumn(churn.spec, ['is_at_risk', 'at_risk']);
    kpis.push(
      label
        ? {
            name: 'Churn Rate',
            table: churn.name,
            description: `Share of scored customers who churned (${label}).`,
            format: 'percent',
            headline: true,
            dax: `DIVIDE(CALCULATE(COUNTROWS(${t(churn.name)}), ${c(churn.name, label)} = TRUE()), COUNTROWS(${t(churn.name)}))`,
            sql: `select avg(case when ${q(label)} then 1.0 else 0.0 end) from ${q(churn.name)}`,
          }
        : {
            name: 'Churn Rate',
            table: churn.name,
            description: 'Expected share of customers who churn: the mean predicted churn probability.',
            format: 'percent',
            headline: true,
            dax: `AVERAGE(${c(churn.name, p)})`,
            sql: `select avg(${q(p)}) from ${q(churn.name)}`,
          },
      flag
        ? {
            name: 'Customers at Risk',
            table: churn.name,
            description: `Customers flagged at risk (${flag}).`,
            format: 'integer',
            headline: true,
            dax: `CALCULATE(COUNTROWS(${t(churn.name)}), ${c(churn.name, flag)} = TRUE()) + 0`,
            sql: `select count(*) filter (where ${q(flag)}) from ${q(churn.name)}`,
          }
        : {
            name: 'Customers at Risk',
            table: churn.name,
            description: 'Customers whose predicted churn probability is 0.5 or more.',
            format: 'integer',
            headline: true,
            dax: `CALCULATE(COUNTROWS(${t(churn.name)}), ${c(churn.name, p)} >= 0.5) + 0`,
            sql: `select count(*) filter (where ${q(p)} >= 0.5) from ${q(churn.name)}`,
          },
    );
  }
  const { cohorts } = roles;
  if (cohorts) {
    kpis.push({
      name: 'Average Retention',
      table: cohorts.name,
      description: 'Mean retention of the cohorts and months in view (use with cohort and month on a matrix).',
      format: 'percent',
      dax: `AVERAGE(${c(cohorts.name, cohorts.col.retention)})`,
    });
  }
  const { loadAudit } = roles;
  if (loadAudit) {
    const a = loadAudit.name;
    const sum = (k: keyof typeof loadAudit.col) => `select sum(${q(loadAudit.col[k])}) from ${q(a)}`;
    kpis.push(
      { name: 'Rows Read', table: a, description: 'Input lines read.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.read)})`, sql: sum('read') },
      { name: 'Rows Staged', table: a, description: 'Input lines that passed the contract.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.staged)})`, sql: sum('staged') },
      { name: 'Rows Quarantined', table: a, description: 'Input lines rejected by the contract.', format: 'integer', dax: `SUM(${c(a, loadAudit.col.quarantined)})`, sql: sum('quarantined') },
      {
        name: 'Quarantine Share',
        table: a,
        description: 'Rejected lines as a share of lines read.',
        format: 'percent',
        dax: 'DIVIDE([Rows Quarantined], [Rows Read])',
        sql: `select sum(${q(loadAudit.col.quarantined)}) / nullif(sum(${q(loadAudit.col.read)}), 0) from ${q(a)}`,
      },
    );
  }
  const { quarantine } = roles;
  if (quarantine) {
    kpis.push({
      name: 'Quarantined Lines',
      table: quarantine.name,
      description: 'Rejected lines in the current filter (for example per reason).',
      format: 'integer',
      dax: `COUNTROWS(${t(quarantine.name)}) + 0`,
    });
  }
  return kpis;
}

export interface KpiValue {
  name: string;
  description: string;
  format: KpiFormat;
  value: number | null;
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

/** Formats a KPI value the way a reader expects it (en-GB, pounds, percent with one decimal). */
export function formatKpi(value: number | null, format: KpiFormat): string {
  if (value === null || Number.isNaN(value)) return '—';
  switch (format) {
    case 'money':
      return `£${value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'integer':
      return Math.round(value).toLocaleString('en-GB');
    case 'percent':
      return `${(value * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
    case 'decimal':
      return value.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}
