import type { Roles } from '../roles.js';
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
  /** Page height when taller than PAGE_HEIGHT (the page scrolls). */
  height?: number;
  visuals: VisualPlan[];
}

export const PAGE_WIDTH = 1280;
export const PAGE_HEIGHT = 720;
const GAP = 16;
const CARD_HEIGHT = 110;
/** Top of the area below a row of cards. */
const BELOW_CARDS = GAP + CARD_HEIGHT + GAP;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const col = (table: string, name: string): Field => ({ kind: 'column', table, name });

/** Lays out a row of equal-width boxes between x0 and x0 + width. */
function row(y: number, height: number, count: number, x0 = GAP, width = PAGE_WIDTH - 2 * GAP): Box[] {
  const w = Math.floor((width - GAP * (count - 1)) / count);
  return Array.from({ length: count }, (_, i) => ({ x: x0 + i * (w + GAP), y, width: w, height }));
}

/** Splits a box into a column of boxes with the given relative heights. */
function stack(box: Box, weights: number[]): Box[] {
  const free = box.height - GAP * (weights.length - 1);
  const total = weights.reduce((a, b) => a + b, 0);
  let y = box.y;
  return weights.map((w, i) => {
    const height = i === weights.length - 1 ? box.y + box.height - y : Math.floor((free * w) / total);
    const b = { x: box.x, y, width: box.width, height };
    y += height + GAP;
    return b;
  });
}

const columns = (table: string, names: readonly string[]) => names.map((n) => col(table, n));

/**
 * Plans the report pages from the model: each page and visual appears only when the tables and
 * measures it shows exist, so a smaller specification (a test's) still gives a valid report.
 */
export function planReport(model: SemanticModel, roles: Roles): PagePlan[] {
  const allMeasures = [
    ...model.tables.flatMap((t) => t.measures.map((m) => ({ table: t.spec.name, name: m.name }))),
    ...model.calculatedTables.flatMap((c) => c.measures.map((m) => ({ table: c.table.name, name: m.name }))),
  ];
  const measures = new Map(allMeasures.map((m) => [m.name, { kind: 'measure' as const, ...m }]));
  const m = (name: string): Field | undefined => measures.get(name);
  const have = (...names: string[]) => names.map(m).filter((f): f is Field => Boolean(f));
  const active = (from: string | undefined, fromColumn: string, to: string | undefined) =>
    Boolean(from && to) && model.relationships.some((r) => r.isActive && r.fromTable === from && r.fromColumn === fromColumn && r.toTable === to);
  const pages: PagePlan[] = [];

  const cards = (prefix: string, fields: Field[]): VisualPlan[] =>
    fields.length === 0
      ? []
      : row(GAP, CARD_HEIGHT, fields.length).map((pos, i) => ({
          name: `${prefix}_card_${i + 1}`,
          visualType: 'card',
          title: (fields[i] as Field).name,
          ...pos,
          roles: { Values: [fields[i] as Field] },
        }));
  const slicer = (name: string, title: string, field: Field, box: Box): VisualPlan => ({ name, visualType: 'slicer', title, ...box, roles: { Values: [field] } });

  const { sales } = roles;
  if (sales) {
    const revenue = m('Total Revenue') as Field;
    const month = roles.date && active(sales.name, sales.col.dateKey, roles.date.name) ? col(roles.date.name, roles.date.col.month) : col(sales.name, MONTH_COLUMN);
    // The map geocodes on the standard name of dim_country (dataCategory Country): "Ireland", not "EIRE".
    const countryField = roles.country && active(sales.name, sales.col.country, roles.country.name) ? col(roles.country.name, roles.country.col.name) : col(sales.name, sales.col.country);
    const [left, right] = row(BELOW_CARDS, PAGE_HEIGHT - BELOW_CARDS - GAP, 2) as [Box, Box];
    pages.push({
      name: 'overview',
      displayName: 'Overview',
      requires: `${sales.name} (dim_date for months, dim_country for the map)`,
      visuals: [
        ...cards('overview', have('Total Revenue', 'Net Revenue', 'Total Orders', 'Total Customers', 'Average Order Value', 'Cancellation Rate')),
        {
          name: 'overview_monthly_revenue',
          visualType: 'lineChart',
          title: 'Monthly gross and net revenue',
          ...left,
          roles: { Category: [month], Y: have('Total Revenue', 'Net Revenue') },
          sort: { field: month, direction: 'Ascending' },
        },
        { name: 'overview_revenue_map', visualType: 'azureMap', title: 'Revenue by country', ...right, roles: { Category: [countryField], Size: [revenue] } },
      ],
    });
    // Tenants often switch map visuals off: the bars and the table answer the same question without one.
    const [mapBox, barBox] = row(GAP, 300, 2) as [Box, Box];
    const tableBox: Box = { x: GAP, y: GAP + 300 + GAP, width: PAGE_WIDTH - 2 * GAP, height: PAGE_HEIGHT - 300 - 3 * GAP };
    pages.push({
      name: 'countries',
      displayName: 'Countries',
      requires: `${sales.name} (dim_country for the map)`,
      visuals: [
        { name: 'countries_revenue_map', visualType: 'azureMap', title: 'Net revenue by country', ...mapBox, roles: { Category: [countryField], Size: have('Net Revenue') } },
        {
          name: 'countries_revenue_bars',
          visualType: 'clusteredBarChart',
          title: 'Net revenue by country',
          ...barBox,
          roles: { Category: [countryField], Y: have('Net Revenue') },
          ...(m('Net Revenue') ? { sort: { field: m('Net Revenue') as Field, direction: 'Descending' as const } } : {}),
        },
        {
          name: 'countries_table',
          visualType: 'tableEx',
          title: 'Countries',
          ...tableBox,
          roles: { Values: [countryField, ...have('Net Revenue', 'Total Orders', 'Total Customers', 'Cancellation Rate', 'Average Order Value')] },
          ...(m('Net Revenue') ? { sort: { field: m('Net Revenue') as Field, direction: 'Descending' as const } } : {}),
        },
      ],
    });
  }

  const customerVisuals: VisualPlan[] = [];
  const rfmCards = have('Average Recency Days', 'Average Frequency', 'Average Customer Value', 'Segment Customers');
  customerVisuals.push(...cards('customers', rfmCards));
  const lowerTop = rfmCards.length ? BELOW_CARDS : GAP;
  const right = [roles.clusterProfiles, roles.kSelection].filter(Boolean).length;
  const [segmentBox, clusterArea] = row(lowerTop, PAGE_HEIGHT - lowerTop - GAP, roles.rfm && right ? 2 : 1);
  if (roles.rfm) {
    customerVisuals.push({
      name: 'customers_segment_treemap',
      visualType: 'treemap',
      title: 'Customers by RFM segment',
      ...(segmentBox as Box),
      roles: { Group: [col(roles.rfm.name, roles.rfm.col.segment)], Values: have('Segment Customers') },
    });
  }
  const clusterBoxes = stack((roles.rfm ? clusterArea : segmentBox) as Box, roles.clusterProfiles && roles.kSelection ? [3, 2] : [1]);
  if (roles.clusterProfiles) {
    const p = roles.clusterProfiles;
    const shown = ['method', 'cluster', 'persona', 'customers', 'customer_share', 'mean_recency_days', 'mean_frequency', 'mean_monetary', 'revenue_share'].filter((n) =>
      p.spec.columns.some((c) => c.name === n),
    );
    customerVisuals.push({
      name: 'customers_cluster_profiles',
      visualType: 'tableEx',
      title: 'Cluster profiles (K-Means clusters and DBSCAN groups)',
      ...(clusterBoxes.shift() as Box),
      roles: { Values: columns(p.name, shown) },
      sort: { field: col(p.name, p.col.method), direction: 'Descending' },
    });
  }
  if (roles.kSelection) {
    const k = roles.kSelection;
    customerVisuals.push({
      name: 'customers_k_selection',
      visualType: 'lineChart',
      title: 'K-Means: silhouette for each k tried',
      ...(clusterBoxes.shift() as Box),
      roles: { Category: [col(k.name, k.col.k)], Y: have('Mean Silhouette') },
      sort: { field: col(k.name, k.col.k), direction: 'Ascending' },
    });
  }
  if (customerVisuals.length) {
    pages.push({
      name: 'customers',
      displayName: 'Customers and segments',
      requires: 'customer_rfm, customer_cluster_profile, model_k_selection',
      visuals: customerVisuals,
    });
  }

  if (roles.cohorts) {
    const c = roles.cohorts;
    pages.push({
      name: 'cohorts',
      displayName: 'Cohorts',
      requires: c.name,
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
    const rfm = roles.rfm && active(c.name, c.col.customer, roles.rfm.name) ? roles.rfm : undefined;
    const customer = rfm && roles.customer && active(rfm.name, rfm.col.customer, roles.customer.name) ? roles.customer : undefined;
    const slicerWidth = 280;
    const slicers: Field[] = [col(c.name, c.col.band), ...(customer ? [col(customer.name, customer.col.country)] : [])];
    const visuals: VisualPlan[] = [...cards('churn', have('Churn Rate', 'Customers at Risk', 'Scored Customers', 'High-Value Prospects', 'Revenue at Stake'))];
    const slicerBoxes = stack({ x: GAP, y: BELOW_CARDS, width: slicerWidth, height: PAGE_HEIGHT - BELOW_CARDS - GAP }, slicers.map(() => 1));
    slicers.forEach((field, i) => visuals.push(slicer(`churn_slicer_${i + 1}`, field.name === c.col.band ? 'Risk band' : 'Country', field, slicerBoxes[i] as Box)));
    const [bandBox, listBox] = stack({ x: GAP * 2 + slicerWidth, y: BELOW_CARDS, width: PAGE_WIDTH - 3 * GAP - slicerWidth, height: PAGE_HEIGHT - BELOW_CARDS - GAP }, [1, 2]) as [Box, Box];
    const scored = m('Scored Customers');
    if (scored) {
      visuals.push({
        name: 'churn_risk_bands',
        visualType: 'clusteredColumnChart',
        title: 'Customers by churn risk band',
        ...bandBox,
        roles: { Category: [col(c.name, c.col.band)], Y: [scored] },
        sort: { field: scored, direction: 'Descending' },
      });
    }
    visuals.push({
      name: 'churn_at_risk_customers',
      visualType: 'tableEx',
      title: 'Customers by churn probability',
      ...(scored ? listBox : { ...bandBox, height: listBox.y + listBox.height - bandBox.y }),
      roles: {
        Values: [
          ...columns(c.name, [c.col.customer, c.col.probability, c.col.band, c.col.flagged]),
          ...(customer ? [col(customer.name, customer.col.country)] : []),
          ...(rfm ? columns(rfm.name, [rfm.col.segment, rfm.col.recency, rfm.col.frequency, rfm.col.monetary]) : []),
        ],
      },
      sort: { field: col(c.name, c.col.probability), direction: 'Descending' },
    });
    pages.push({ name: 'churn', displayName: 'Churn', requires: `${c.name} (customer_rfm and dim_customer for segment and country)`, visuals });
  }

  if (sales) {
    const productField = roles.product && active(sales.name, sales.col.product, roles.product.name) ? col(roles.product.name, roles.product.col.description) : col(sales.name, sales.col.product);
    const [a, b] = row(GAP, 330, 2) as [Box, Box];
    const revenue = m('Total Revenue') as Field;
    const cancel = m('Cancellation Rate') as Field;
    pages.push({
      name: 'products',
      displayName: 'Products',
      requires: `${sales.name} (dim_product for descriptions)`,
      visuals: [
        // By stock code, not description (descriptions repeat across codes and Power BI merges case variants).
        m('Product Net Revenue') && roles.product
          ? {
              name: 'products_best_sellers',
              visualType: 'clusteredBarChart',
              title: 'Best sellers by net revenue (merchandise, by stock code)',
              ...a,
              roles: { Category: [col(roles.product.name, roles.product.col.product)], Y: [m('Product Net Revenue') as Field] },
              sort: { field: m('Product Net Revenue') as Field, direction: 'Descending' as const },
            }
          : { name: 'products_best_sellers', visualType: 'clusteredBarChart', title: 'Best sellers by revenue', ...a, roles: { Category: [productField], Y: [revenue] }, sort: { field: revenue, direction: 'Descending' as const } },
        {
          name: 'products_cancellation_rate',
          visualType: 'clusteredBarChart',
          title: 'Cancellation rate by product',
          ...b,
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
          roles: { Values: [productField, ...have('Total Revenue', 'Net Revenue', 'Units Sold', 'Total Orders', 'Cancelled Amount', 'Cancellation Rate')] },
          sort: { field: revenue, direction: 'Descending' },
        },
      ],
    });
  }

  const quality = qualityVisuals(roles, have, cards);
  if (quality.length) {
    pages.push({ name: 'data_quality', displayName: 'Data quality', requires: 'load_audit, quarantine, cleaning_rule_counts, tab_info, run_history', visuals: quality });
  }

  const actions = actionVisuals(roles, have, cards, slicer);
  if (actions.visuals.length) {
    pages.push({
      name: 'actions',
      displayName: 'Actions',
      requires: 'campaign_summary, campaign_list, product_association, demand_weekly and demand_forecast',
      height: actions.height,
      visuals: actions.visuals,
    });
  }
  pages.push(...tablePages(model));
  return pages;
}

type Have = (...names: string[]) => Field[];
type Cards = (prefix: string, fields: Field[]) => VisualPlan[];

/** Data quality: row accounting, quarantine reasons, cleaning rules, column profile and run history. */
function qualityVisuals(roles: Roles, have: Have, cards: Cards): VisualPlan[] {
  const visuals: VisualPlan[] = [];
  const qualityCards = have('Rows Read', 'Rows Staged', 'Rows Quarantined', 'Quarantine Share');
  visuals.push(...cards('quality', qualityCards));
  const top = qualityCards.length ? BELOW_CARDS : GAP;
  const rowHeight = Math.floor((PAGE_HEIGHT - top - 2 * GAP) / 2);
  const upper = [roles.loadAudit, roles.quarantine, roles.cleaningRules].filter(Boolean).length;
  const lower = [roles.profile, roles.runHistory].filter(Boolean).length;
  const upperBoxes = upper ? row(top, rowHeight, upper) : [];
  const lowerBoxes = lower ? row(top + rowHeight + GAP, PAGE_HEIGHT - top - rowHeight - 2 * GAP, lower) : [];
  const present = (spec: { columns: readonly { name: string }[] }, names: string[]) => names.filter((n) => spec.columns.some((c) => c.name === n));
  if (roles.loadAudit) {
    const a = roles.loadAudit;
    const shown = present(a.spec, ['source_file', 'rows_read', 'rows_staged', 'rows_quarantined', 'rows_overlapping', 'file_format', 'encoding', 'header_layout']);
    visuals.push({ name: 'quality_load_audit', visualType: 'tableEx', title: 'Row accounting per source', ...(upperBoxes.shift() as Box), roles: { Values: columns(a.name, shown) } });
  }
  const [lines] = have('Quarantined Lines');
  if (roles.quarantine && lines) {
    const reason = col(roles.quarantine.name, roles.quarantine.col.reason);
    visuals.push({
      name: 'quality_quarantine_reasons',
      visualType: 'clusteredBarChart',
      title: 'Quarantined lines by reason',
      ...(upperBoxes.shift() as Box),
      roles: { Category: [reason], Y: [lines] },
      sort: { field: lines, direction: 'Descending' },
    });
  }
  const [touched] = have('Lines Touched');
  if (roles.cleaningRules && touched) {
    visuals.push({
      name: 'quality_cleaning_rules',
      visualType: 'clusteredBarChart',
      title: 'Lines touched by each cleaning rule',
      ...(upperBoxes.shift() as Box),
      roles: { Category: [col(roles.cleaningRules.name, roles.cleaningRules.col.rule)], Y: [touched] },
      sort: { field: touched, direction: 'Descending' },
    });
  }
  if (roles.profile) {
    const p = roles.profile;
    const shown = present(p.spec, ['column_name', 'data_type', 'non_null_count', 'null_count', 'distinct_count', 'min_value', 'max_value', 'outliers_below', 'outliers_above']);
    visuals.push({
      name: 'quality_profile',
      visualType: 'tableEx',
      title: 'Column profile',
      ...(lowerBoxes.shift() as Box),
      roles: { Values: columns(p.name, shown) },
      sort: { field: col(p.name, p.col.position), direction: 'Ascending' },
    });
  }
  if (roles.runHistory) {
    const h = roles.runHistory;
    const shown = present(h.spec, ['refresh_id', 'status', 'started_at', 'finished_at', 'failed_step', 'rows_read', 'message']);
    visuals.push({
      name: 'quality_run_history',
      visualType: 'tableEx',
      title: 'Run history',
      ...(lowerBoxes.shift() as Box),
      roles: { Values: columns(h.name, shown) },
      sort: { field: col(h.name, h.col.started), direction: 'Descending' },
    });
  }
  return visuals;
}

/** Actions: campaign sizes and value at stake, association rules, forecast against actual, the campaign list. */
function actionVisuals(roles: Roles, have: Have, cards: Cards, slicer: (name: string, title: string, field: Field, box: Box) => VisualPlan): { visuals: VisualPlan[]; height: number } {
  const visuals: VisualPlan[] = [];
  const actionCards = roles.campaignSummary ? have('Revenue at Stake', 'Campaign Customers') : [];
  visuals.push(...cards('actions', actionCards));
  let y = actionCards.length ? BELOW_CARDS : GAP;
  const upper: (() => VisualPlan)[] = [];
  const s = roles.campaignSummary;
  const [customers, atStake] = have('Campaign Customers', 'Revenue at Stake');
  if (s && customers && atStake) {
    const action = col(s.name, s.col.action);
    upper.push(() => ({ name: 'actions_campaign_customers', visualType: 'clusteredBarChart', title: 'Customers per action', ...boxes.shift(), roles: { Category: [action], Y: [customers] }, sort: { field: customers, direction: 'Descending' } }) as VisualPlan);
    upper.push(() => ({ name: 'actions_value_at_stake', visualType: 'clusteredBarChart', title: 'Revenue at stake per action', ...boxes.shift(), roles: { Category: [action], Y: [atStake] }, sort: { field: atStake, direction: 'Descending' } }) as VisualPlan);
  }
  if (roles.associations) {
    const a = roles.associations;
    upper.push(
      () =>
        ({
          name: 'actions_association_rules',
          visualType: 'tableEx',
          title: 'Top association rules (by lift)',
          ...boxes.shift(),
          roles: { Values: columns(a.name, [a.col.antecedent, a.col.consequent, a.col.support, a.col.confidence, a.col.lift]) },
          sort: { field: col(a.name, a.col.lift), direction: 'Descending' },
        }) as VisualPlan,
    );
  }
  const boxes: Box[] = upper.length ? row(y, 300, upper.length) : [];
  for (const make of upper) visuals.push(make());
  if (upper.length) y += 300 + GAP;
  const demand = have('Actual Units', 'Forecast Units', 'Forecast Lower', 'Forecast Upper');
  if (demand.length) {
    const table = (demand[0] as Field).table;
    const slicerWidth = 280;
    visuals.push(slicer('actions_series_slicer', 'Series (none = all categories)', col(table, 'series_name'), { x: GAP, y, width: slicerWidth, height: 320 }));
    const week = col(table, 'week_start');
    visuals.push({
      name: 'actions_forecast_vs_actual',
      visualType: 'lineChart',
      title: 'Weekly units: actual and forecast (80% interval for one series)',
      x: GAP * 2 + slicerWidth,
      y,
      width: PAGE_WIDTH - 3 * GAP - slicerWidth,
      height: 320,
      roles: { Category: [week], Y: demand },
      sort: { field: week, direction: 'Ascending' },
    });
    y += 320 + GAP;
  }
  if (roles.campaignList) {
    const l = roles.campaignList;
    const shown = ['customer_id', 'country', 'segment', 'persona', 'risk_band', 'churn_probability', 'expected_value', 'revenue_at_stake', 'action', 'suggested_products'].filter((n) =>
      l.spec.columns.some((c) => c.name === n),
    );
    visuals.push({
      name: 'actions_campaign_list',
      visualType: 'tableEx',
      title: 'Campaign list (by revenue at stake)',
      x: GAP,
      y,
      width: PAGE_WIDTH - 2 * GAP,
      height: 300,
      roles: { Values: columns(l.name, shown) },
      sort: { field: col(l.name, l.col.atStake), direction: 'Descending' },
    });
    y += 300 + GAP;
  }
  return { visuals, height: Math.max(PAGE_HEIGHT, y) };
}

/** A page of tables, each listing the columns of one published table that exist (in this order). */
interface TablePageSpec {
  name: string;
  displayName: string;
  tables: { table: string; title: string; columns: string[]; sort?: { column: string; direction: 'Ascending' | 'Descending' } }[];
}

/** Questions the other pages leave open: lifetime value, how good the models are, and what looked unusual. */
const TABLE_PAGES: TablePageSpec[] = [
  {
    name: 'value_and_models',
    displayName: 'Lifetime value and model quality',
    tables: [
      { table: 'customer_lifetime_value', title: 'Customer lifetime value (next 90 days)', columns: ['customer_id', 'repeat_purchases', 'p_alive', 'expected_purchases_90d', 'expected_purchase_value', 'clv_90d'], sort: { column: 'clv_90d', direction: 'Descending' } },
      { table: 'model_metrics', title: 'Churn and high-value models against their baselines', columns: ['target', 'method', 'roc_auc', 'pr_auc', 'precision', 'recall', 'f1', 'flagged'] },
      { table: 'model_lifetime_holdout', title: 'Lifetime model: predicted against actual purchases (holdout)', columns: ['group_label', 'customers', 'actual_mean_purchases', 'predicted_mean_purchases'] },
      { table: 'forecast_backtest', title: 'Demand forecast backtests', columns: ['series', 'method', 'test_weeks', 'mae', 'smape', 'interval_coverage', 'chosen'] },
    ],
  },
  {
    name: 'anomalies',
    displayName: 'Anomalies',
    tables: [
      { table: 'anomaly', title: 'Unusual days, countries and customers', columns: ['anomaly_date', 'anomaly_type', 'country', 'customer_id', 'value', 'typical_value', 'robust_z', 'direction', 'rule'], sort: { column: 'anomaly_date', direction: 'Descending' } },
    ],
  },
];

function tablePages(model: SemanticModel): PagePlan[] {
  const specs = new Map(model.tables.map((t) => [t.spec.name, t.spec]));
  const pages: PagePlan[] = [];
  for (const page of TABLE_PAGES) {
    const present = page.tables
      .map((t) => ({ ...t, columns: t.columns.filter((c) => specs.get(t.table)?.columns.some((sc) => sc.name === c)) }))
      .filter((t) => specs.has(t.table) && t.columns.length > 0);
    if (!present.length) continue;
    const boxes = stack({ x: GAP, y: GAP, width: PAGE_WIDTH - 2 * GAP, height: PAGE_HEIGHT - 2 * GAP }, present.map(() => 1));
    pages.push({
      name: page.name,
      displayName: page.displayName,
      requires: present.map((t) => t.table).join(', '),
      visuals: present.map((t, i) => ({
        name: `${page.name}_${t.table}`,
        visualType: 'tableEx',
        title: t.title,
        ...(boxes[i] as Box),
        roles: { Values: columns(t.table, t.columns) },
        ...(t.sort && t.columns.includes(t.sort.column) ? { sort: { field: col(t.table, t.sort.column), direction: t.sort.direction } } : {}),
      })),
    });
  }
  return pages;
}
