import { quoteIdent as q } from '../../warehouse/db.js';
import { daxColumn as c, daxTable as t } from '../powerbi/dax.js';
import type { Roles } from '../roles.js';
import type { Kpi } from './kpi.js';

/** Customer value (RFM) and marketing segments. */
export function customerKpis(roles: Roles): Kpi[] {
  const kpis: Kpi[] = [];
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
        description: 'Mean net revenue per customer.',
        format: 'money',
        dax: `AVERAGE(${c(rfm.name, rfm.col.monetary)})`,
        sql: `select avg(${q(rfm.col.monetary)}) from ${q(rfm.name)}`,
      },
      {
        name: 'Segment Customers',
        table: rfm.name,
        description: 'Customers with an RFM segment (in the selected segments).',
        format: 'integer',
        dax: `COUNTROWS(${t(rfm.name)}) + 0`,
        sql: `select count(*) from ${q(rfm.name)}`,
      },
    );
  }
  const { segments } = roles;
  if (segments) {
    kpis.push({
      name: 'Cluster Members',
      table: segments.name,
      description: 'Customers assigned to the K-Means clusters and personas in view (one row per customer of customer_segment).',
      format: 'integer',
      dax: `COUNTROWS(${t(segments.name)}) + 0`,
    });
  }
  return kpis;
}

/** Cohort retention. */
export function retentionKpis(roles: Roles): Kpi[] {
  const kpis: Kpi[] = [];
  const { cohorts } = roles;
  if (cohorts) {
    kpis.push({
      name: 'Average Retention',
      table: cohorts.name,
      description: 'Retention weighted by cohort size: customers active / cohort customers over the cohorts and months in view; totals leave out month 0 (100% by definition).',
      format: 'percent',
      dax: weightedRetentionDax(cohorts.name, cohorts.col.period),
    });
  }
  return kpis;
}

/**
 * Retention of the cells in view weighted by cohort size. A single month shows its own ratio (month 0
 * is 100%); any total over months leaves month 0 out, as the dashboard's retention figures do.
 */
function weightedRetentionDax(table: string, period: string): string {
  const active = c(table, 'active_customers');
  const size = c(table, 'cohort_customers');
  return `IF(HASONEVALUE(${c(table, period)}), DIVIDE(SUM(${active}), SUM(${size})), CALCULATE(DIVIDE(SUM(${active}), SUM(${size})), KEEPFILTERS(${c(table, period)} > 0)))`;
}
