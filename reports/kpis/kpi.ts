/** What a KPI is, and the one definition of "at risk" that every report reads. */
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
  /**
   * The same figure per month: an expression over one row of mart_monthly_revenue (the dashboard's
   * trend and change against the previous month). Absent for model scores, which have no earlier period.
   */
  monthly?: string;
  /**
   * How the figure adds up over any months and countries of mart_country_monthly: the sum of one
   * column, divided by the sum of another for a ratio. The dashboard recomputes the KPI card this way
   * under a date range or country filter; absent when the figure does not add up (distinct customers).
   */
  additive?: { sum: CountryMonthColumn; per?: CountryMonthColumn };
}

/** The additive columns of mart_country_monthly a KPI can be summed from. */
export type CountryMonthColumn = 'net_amount' | 'gross_amount' | 'cancelled_amount' | 'orders';

/**
 * "At risk" means one thing everywhere (the KPI card, the dashboard's at-risk list, the workbook, the
 * run summary and Power BI): a High or Medium churn-risk band, i.e. a churn probability of 0.4 or more.
 * Medium is included because a campaign can still win those customers back; High alone (0.7+) is
 * mostly customers already gone.
 */
export const AT_RISK_BANDS = ['High', 'Medium'] as const;
export const AT_RISK_DEFINITION = 'Customers in the High or Medium churn-risk band (churn probability 0.4 or more): the at-risk list.';
/** The at-risk bands as a SQL list: 'High', 'Medium'. */
export const atRiskBandList = () => AT_RISK_BANDS.map((b) => `'${b}'`).join(', ');

export interface KpiValue {
  name: string;
  description: string;
  format: KpiFormat;
  value: number | null;
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
