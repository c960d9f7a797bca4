import type { TableSpec } from '../../warehouse/spec/types.js';
import { optionalColumn, type Roles } from '../roles.js';
import { MONTH_COLUMN, type SemanticModel } from './semantic-model.js';

/** A model field a visual shows: a column or a measure of a table. */
export interface Field {
  kind: 'column' | 'measure';
  table: string;
  name: string;
}

export interface VisualPlan {
  name: string;
  visualType: string;
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Visual role (Values, Category, Y, ...) to the fields bound to it. */
  roles: Record<string, Field[]>;
  sort?: { field: Field; direction: 'Ascending' | 'Descending' };
}

export interface PagePlan {
  name: string;
  displayName: string;
  /** Which tables the page needs, for the README. */
  requires: string;
  visuals: VisualPlan[];
}

export const PAGE_WIDTH = 1280;
export const PAGE_HEIGHT = 720;
const GAP = 16;

const col = (table: string, name: string): Field => ({ kind: 'column', table, name });

/** Lays out a row of equal-width visuals between x0 and x0 + width. */
function row(y: number, height: number, count: number, x0 = GAP, width = PAGE_WIDTH - 2 * GAP) {
  const w = Math.floor((width - GAP * (count - 1)) / count);
  return Array.from({ length: count }, (_, i) => ({ x: x0 + i * (w + GAP), y, width: w, height }));
}

/**
 * Plans the report pages from the model: each page and visual appears only when the tables and
 * measures it shows exist, so adding a table to the specification adds its page on the next
 * generation.
 */
export function planReport(model: SemanticModel, roles: Roles): PagePlan[] {
  const measures = new Map(model.tables.flatMap((t) => t.measures.map((m) => [m.name, { kind: 'measure' as const, table: t.spec.name, name: m.name }])));
  const m = (name: string): Field | undefined => measures.get(name);
  const have = (...names: string[]) => names.map(m).filter((f): f is Field => Boolean(f));
  const active = (from: string, fromColumn: string, to: string) =>
    model.relationships.some((r) => r.isActive && r.fromTable === from && r.fromColumn === fromColumn && r.toTable === to);
  const pages: PagePlan[] = [];
  const { sales } = roles;

  const cards = (prefix: string, fields: Field[], y = GAP, height = 110): VisualPlan[] =>
    fields.length === 0
      ? []
      : row(y, height, fields.length).map((pos, i) => ({
          name: `${prefix}_card_${i + 1}`,
          visualType: 'card',
          title: (fields[i] as Field).name,
          ...pos,
          roles: { Values: [fields[i] as Field] },
        }));

  if (sales) {
    const revenue = m('Total Revenue') as Field;
    // The map geocodes best on a standard name (dataCategory Country), e.g. Ireland rather than EIRE.
    const dim = roles.country && active(sales.name, sales.col.country, roles.country.name) ? roles.country : undefined;
    const countryField = dim
      ? col(dim.name, dim.spec.columns.find((c) => c.dataCategory === 'Country')?.name ?? dim.col.country)
      : col(sales.name, sales.col.country);
    const top = GAP + 110 + GAP;
    const [left, right] = row(top, PAGE_HEIGHT - top - GAP, 2);
    pages.push({
      name: 'overview',
      displayName: 'Overview',
      requires: `${sales.name}`,
      visuals: [
        ...cards('overview', have('Total Revenue', 'Total Orders', 'Total Customers', 'Average Order Value', 'Cancellation Rate')),
        {
          name: 'overview_monthly_revenue',
          visualType: 'lineChart',
          title: 'Monthly revenue',
          ...(left as { x: number; y: number; width: number; height: number }),
          roles: { Category: [col(sales.name, MONTH_COLUMN)], Y: [revenue] },
          sort: { field: col(sales.name, MONTH_COLUMN), direction: 'Ascending' },
        },
        {
          name: 'overview_revenue_map',
          visualType: 'map',
          title: 'Revenue by country',
          ...(right as { x: number; y: number; width: number; height: number }),
          roles: { Category: [countryField], Size: [revenue] },
        },
      ],
    });
  }

  const customerVisuals: VisualPlan[] = [];
  const rfmCards = have('Average Recency Days', 'Average Frequency', 'Average Customer Value');
  customerVisuals.push(...cards('customers', rfmCards));
  const lowerTop = rfmCards.length ? GAP + 110 + GAP : GAP;
  const lowerCount = (roles.segments ? 1 : 0) + (roles.clusterProfiles ? 1 : 0);
  const lower = lowerCount ? row(lowerTop, PAGE_HEIGHT - lowerTop - GAP, lowerCount) : [];
  if (roles.segments) {
    customerVisuals.push({
      name: 'customers_segment_treemap',
      visualType: 'treemap',
      title: 'Customers by RFM segment',
      ...(lower.shift() as { x: number; y: number; width: number; height: number }),
      roles: { Group: [col(roles.segments.name, roles.segments.col.segment)], Values: have('Segment Customers') },
    });
  }
  if (roles.clusterProfiles) {
    const p = roles.clusterProfiles;
    customerVisuals.push({
      name: 'customers_cluster_profiles',
      visualType: 'tableEx',
      title: 'Cluster profiles',
      ...(lower.shift() as { x: number; y: number; width: number; height: number }),
      roles: { Values: p.spec.columns.slice(0, 10).map((c) => col(p.name, c.name)) },
      sort: { field: col(p.name, p.col.cluster), direction: 'Ascending' },
    });
  }
  if (customerVisuals.length) {
    pages.push({
      name: 'customers',
      displayName: 'Customers and segments',
      requires: 'customer_rfm and/or a segments table (customer_id, segment) and/or a cluster profile table (cluster, customers)',
      visuals: customerVisuals,
    });
  }

  if (roles.cohorts) {
    const c = roles.cohorts;
    pages.push({
      name: 'cohorts',
      displayName: 'Cohorts',
      requires: 'a cohort table (cohort_month, months_since, retention_rate)',
      visuals: [
        {
          name: 'cohorts_retention_matrix',
          visualType: 'pivotTable',
          title: 'Retention by cohort and month since first purchase',
          x: GAP,
          y: GAP,
          width: PAGE_WIDTH - 2 * GAP,
          height: PAGE_HEIGHT - 2 * GAP,
          roles: { Rows: [col(c.name, c.col.cohort)], Columns: [col(c.name, c.col.period)], Values: have('Average Retention') },
        },
      ],
    });
  }

  if (roles.churn) {
    const c = roles.churn;
    const extras = ['risk_band', 'risk_level', 'segment', 'country', 'monetary', 'recency_days']
      .map((n) => optionalColumn(c.spec, [n]))
      .filter((n): n is string => Boolean(n));
    const slicerColumns = ['country', 'risk_band', 'risk_level', 'segment'].map((n) => optionalColumn(c.spec, [n])).filter((n): n is string => Boolean(n));
    const slicers = [c.col.probability, ...slicerColumns].slice(0, 3);
    const top = GAP + 110 + GAP;
    const slicerWidth = 280;
    const churnCards = have('Churn Rate', 'Customers at Risk');
    const visuals: VisualPlan[] = [...cards('churn', churnCards)];
    slicers.forEach((name, i) => {
      const height = Math.floor((PAGE_HEIGHT - top - GAP - GAP * (slicers.length - 1)) / slicers.length);
      visuals.push({
        name: `churn_slicer_${i + 1}`,
        visualType: 'slicer',
        title: name,
        x: GAP,
        y: top + i * (height + GAP),
        width: slicerWidth,
        height,
        roles: { Values: [col(c.name, name)] },
      });
    });
    visuals.push({
      name: 'churn_at_risk_customers',
      visualType: 'tableEx',
      title: 'Customers by churn probability',
      x: GAP * 2 + slicerWidth,
      y: top,
      width: PAGE_WIDTH - 3 * GAP - slicerWidth,
      height: PAGE_HEIGHT - top - GAP,
      roles: { Values: [c.col.customer, c.col.probability, ...extras].map((n) => col(c.name, n)) },
      sort: { field: col(c.name, c.col.probability), direction: 'Descending' },
    });
    pages.push({ name: 'churn', displayName: 'Churn', requires: 'a churn table (customer_id, churn_probability; optional is_at_risk, churned, risk_band, country)', visuals });
  }

  if (sales) {
    const productField =
      roles.product && active(sales.name, sales.col.product, roles.product.name) ? col(roles.product.name, roles.product.col.description) : col(sales.name, sales.col.product);
    const [a, b] = row(GAP, 330, 2);
    const revenue = m('Total Revenue') as Field;
    const cancel = m('Cancellation Rate') as Field;
    pages.push({
      name: 'products',
      displayName: 'Products',
      requires: `${sales.name} (dim_product for descriptions)`,
      visuals: [
        {
          name: 'products_best_sellers',
          visualType: 'clusteredBarChart',
          title: 'Best sellers by revenue',
          ...(a as { x: number; y: number; width: number; height: number }),
          roles: { Category: [productField], Y: [revenue] },
          sort: { field: revenue, direction: 'Descending' },
        },
        {
          name: 'products_cancellation_rate',
          visualType: 'clusteredBarChart',
          title: 'Cancellation rate by product',
          ...(b as { x: number; y: number; width: number; height: number }),
          roles: { Category: [productField], Y: [cancel] },
          sort: { field: cancel, direction: 'Descending' },
        },
        {
          name: 'products_table',
          visualType: 'tableEx',
          title: 'Products',
          x: GAP,
          y: GAP * 2 + 330,
          width: PAGE_WIDTH - 2 * GAP,
          height: PAGE_HEIGHT - 3 * GAP - 330,
          roles: { Values: [productField, ...have('Total Revenue', 'Units Sold', 'Total Orders', 'Cancelled Amount', 'Cancellation Rate')] },
          sort: { field: revenue, direction: 'Descending' },
        },
      ],
    });
  }

  const quality: VisualPlan[] = [];
  const qualityCards = have('Rows Read', 'Rows Staged', 'Rows Quarantined', 'Quarantine Share');
  quality.push(...cards('quality', qualityCards));
  const qTop = qualityCards.length ? GAP + 110 + GAP : GAP;
  const tiles = [roles.loadAudit, roles.quarantine, roles.profile].filter(Boolean).length;
  const qRow = tiles ? row(qTop, PAGE_HEIGHT - qTop - GAP, tiles) : [];
  const allColumns = (spec: TableSpec, limit: number) => spec.columns.slice(0, limit).map((c) => col(spec.name, c.name));
  if (roles.loadAudit) {
    quality.push({ name: 'quality_load_audit', visualType: 'tableEx', title: 'Row accounting per input file', ...(qRow.shift() as { x: number; y: number; width: number; height: number }), roles: { Values: allColumns(roles.loadAudit.spec, 8) } });
  }
  if (roles.quarantine) {
    const reason = col(roles.quarantine.name, roles.quarantine.col.reason);
    const lines = m('Quarantined Lines') as Field;
    quality.push({
      name: 'quality_quarantine_reasons',
      visualType: 'clusteredBarChart',
      title: 'Quarantined lines by reason',
      ...(qRow.shift() as { x: number; y: number; width: number; height: number }),
      roles: { Category: [reason], Y: [lines] },
      sort: { field: lines, direction: 'Descending' },
    });
  }
  if (roles.profile) {
    quality.push({ name: 'quality_profile', visualType: 'tableEx', title: 'Column profile', ...(qRow.shift() as { x: number; y: number; width: number; height: number }), roles: { Values: allColumns(roles.profile.spec, 8) } });
  }
  if (quality.length) {
    pages.push({ name: 'data_quality', displayName: 'Data quality', requires: 'load_audit, quarantine (and a profile table with column_name)', visuals: quality });
  }
  return pages;
}
