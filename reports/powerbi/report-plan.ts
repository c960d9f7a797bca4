import type { Roles } from '../roles.js';
import { AT_RISK_BANDS } from '../kpis/index.js';
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
  /** Slicers only: a dropdown instead of a list. */
  dropdown?: boolean;
  /** Action buttons only: the button goes back to the page the reader drilled from. */
  back?: boolean;
  /** A visual-level filter the reader sees in the Filters pane: the rows whose column holds one of the values. */
  keep?: { field: Field; values: readonly string[] };
}

export interface PagePlan {
  name: string;
  displayName: string;
  /** Which tables the page needs, for the README. */
  requires: string;
  /** Page height when taller than PAGE_HEIGHT (the page scrolls). */
  height?: number;
  /** A drill-through page: the column whose value the page is opened for (right-click > Drill through). */
  drillthrough?: Field;
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

/** Height of the strip of dropdown slicers above a page's visuals. */
// The validator's floor for a dropdown slicer with its header: 28 header + 32 selector + 2 x 8 padding.
const SLICER_STRIP = 76;

export interface SlicerPlan {
  title: string;
  field: Field;
}

/**
 * Puts dropdown slicers in a strip above the page's visuals (which move down; the page grows), so
 * every page filters by date and country the same way, through the model's relationships.
 */
function withSlicers(page: PagePlan, slicers: readonly (SlicerPlan | undefined)[]): PagePlan {
  const shown = slicers.filter((x): x is SlicerPlan => Boolean(x));
  if (!shown.length) return page;
  const shift = SLICER_STRIP + GAP;
  const boxes = row(GAP, SLICER_STRIP, shown.length, GAP, Math.min(PAGE_WIDTH - 2 * GAP, shown.length * 420));
  return {
    ...page,
    height: (page.height ?? PAGE_HEIGHT) + shift,
    visuals: [
      ...shown.map((x, i) => ({ name: `${page.name}_slicer_${i + 1}`, visualType: 'slicer', title: x.title, ...(boxes[i] as Box), roles: { Values: [x.field] }, dropdown: true })),
      ...page.visuals.map((v) => ({ ...v, y: v.y + shift })),
    ],
  };
}

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
  // Slicers filter through relationships: dim_date and dim_country reach the sales facts; the customer
  // tables (RFM, segments, scores, campaigns) reach dim_customer, whose country is the customer's.
  const dateSlicer: SlicerPlan | undefined =
    sales && roles.date && active(sales.name, sales.col.dateKey, roles.date.name) ? { title: 'Month', field: col(roles.date.name, roles.date.col.month) } : undefined;
  const countrySlicer: SlicerPlan | undefined =
    sales && roles.country && active(sales.name, sales.col.country, roles.country.name) ? { title: 'Country', field: col(roles.country.name, roles.country.col.name) } : undefined;
  const customerJoined = Boolean(roles.customer && roles.rfm && active(roles.rfm.name, roles.rfm.col.customer, roles.customer.name));
  const customerCountry = (note: string): SlicerPlan | undefined =>
    customerJoined && roles.customer ? { title: `Customer country (${note})`, field: col(roles.customer.name, roles.customer.col.country) } : undefined;
  /** The customer id drill-through works from: dim_customer's, the one side of every customer table. */
  const customerId = roles.customer ? col(roles.customer.name, roles.customer.col.customer) : undefined;
  const snapshotNote = 'scores are as of the refresh: no month slicer';
  if (sales) {
    const month = roles.date && active(sales.name, sales.col.dateKey, roles.date.name) ? col(roles.date.name, roles.date.col.month) : col(sales.name, MONTH_COLUMN);
    // The map geocodes on the standard name of dim_country (dataCategory Country): "Ireland", not "EIRE".
    const countryField = roles.country && active(sales.name, sales.col.country, roles.country.name) ? col(roles.country.name, roles.country.col.name) : col(sales.name, sales.col.country);
    const [left, right] = row(BELOW_CARDS, PAGE_HEIGHT - BELOW_CARDS - GAP, 2) as [Box, Box];
    pages.push(withSlicers({
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
        // Net, as the dashboard's map and the Countries page show it.
        { name: 'overview_revenue_map', visualType: 'azureMap', title: 'Net revenue by country', ...right, roles: { Category: [countryField], Size: have('Net Revenue') } },
      ],
    }, [dateSlicer, countrySlicer]));
    // Tenants often switch map visuals off: the bars and the table answer the same question without one.
    const [mapBox, barBox] = row(GAP, 300, 2) as [Box, Box];
    const tableBox: Box = { x: GAP, y: GAP + 300 + GAP, width: PAGE_WIDTH - 2 * GAP, height: PAGE_HEIGHT - 300 - 3 * GAP };
    pages.push(withSlicers({
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
    }, [dateSlicer, countrySlicer]));
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
    const shown = present(p.spec, ['method', 'cluster', 'persona', 'customers', 'customer_share', 'mean_recency_days', 'mean_frequency', 'mean_monetary', 'revenue_share']);
    customerVisuals.push({
      name: 'customers_cluster_profiles',
      visualType: 'tableEx',
      title: 'Cluster profiles (K-Means clusters and DBSCAN groups; all customers, not filtered by country)',
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
      title: 'K-Means: silhouette for each k tried (all customers)',
      ...(clusterBoxes.shift() as Box),
      roles: { Category: [col(k.name, k.col.k)], Y: have('Mean Silhouette') },
      sort: { field: col(k.name, k.col.k), direction: 'Ascending' },
    });
  }
  // Who is in which cluster: customers per persona, and the members themselves (both follow the country slicer).
  const [members] = have('Cluster Members');
  let customersHeight = PAGE_HEIGHT;
  if (roles.segments && members) {
    const sg = roles.segments;
    const [personaBox, memberBox] = row(PAGE_HEIGHT, 400, 2, GAP) as [Box, Box];
    customerVisuals.push({
      name: 'customers_persona_members',
      visualType: 'clusteredBarChart',
      title: 'Customers per cluster persona',
      ...personaBox,
      roles: { Category: [col(sg.name, sg.col.persona)], Y: [members] },
      sort: { field: members, direction: 'Descending' },
    });
    const extra = ['dbscan_group', 'dbscan_persona'].filter((n) => sg.spec.columns.some((c) => c.name === n));
    customerVisuals.push({
      name: 'customers_cluster_members',
      visualType: 'tableEx',
      title: 'Cluster members (right-click a customer > Drill through > Customer)',
      ...memberBox,
      roles: { Values: [...(customerJoined && customerId ? [customerId] : [col(sg.name, sg.col.customer)]), ...columns(sg.name, [sg.col.segment, sg.col.cluster, sg.col.persona, ...extra])] },
      sort: { field: col(sg.name, sg.col.cluster), direction: 'Ascending' },
    });
    customersHeight = PAGE_HEIGHT + 400 + GAP;
  }
  // The RFM grid the segments are cut from (recency score by FM score), and the marketing segmentation.
  const tableSpec = (name: string) => model.tables.find((t) => t.spec.name === name)?.spec;
  const rfmSpec = roles.rfm ? tableSpec(roles.rfm.name) : undefined;
  const hasColumns = (spec: { columns: readonly { name: string }[] } | undefined, names: string[]) => present(spec, names).length === names.length;
  const marketing = tableSpec('marketing_segment');
  const marketingColumns = ['segment_name', 'customers', 'customer_share', 'revenue_share', 'profile', 'suggested_action'];
  const lowRow = [roles.rfm && hasColumns(rfmSpec, ['recency_score', 'fm_score']) && m('Segment Customers'), hasColumns(marketing, marketingColumns)].filter(Boolean).length;
  if (lowRow) {
    const boxes = row(customersHeight, 400, lowRow, GAP);
    if (roles.rfm && hasColumns(rfmSpec, ['recency_score', 'fm_score']) && m('Segment Customers')) {
      customerVisuals.push({
        name: 'customers_rfm_grid',
        visualType: 'pivotTable',
        title: 'RFM grid: customers by recency score (rows, 5 = most recent) and frequency-monetary score (columns)',
        ...(boxes.shift() as Box),
        roles: { Rows: [col(roles.rfm.name, 'recency_score')], Columns: [col(roles.rfm.name, 'fm_score')], Values: have('Segment Customers') },
      });
    }
    if (hasColumns(marketing, marketingColumns)) {
      customerVisuals.push({
        name: 'customers_marketing_segments',
        visualType: 'tableEx',
        title: 'Marketing segments: size, revenue share, profile and one suggested action (all customers, not filtered by country)',
        ...(boxes.shift() as Box),
        roles: { Values: columns('marketing_segment', marketingColumns) },
        sort: { field: col('marketing_segment', 'customers'), direction: 'Descending' },
      });
    }
    customersHeight += 400 + GAP;
  }
  if (customerVisuals.length) {
    pages.push(withSlicers({
      name: 'customers',
      displayName: 'Customers and segments',
      requires: 'customer_rfm, customer_segment, customer_cluster_profile, model_k_selection (dim_customer for the country)',
      height: customersHeight,
      visuals: customerVisuals,
    }, [customerCountry('segments are as of the refresh: no month slicer')]));
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
          title: 'Retention by cohort and month since first purchase (all countries: the cohort mart has no country)',
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
    slicers.forEach((field, i) => visuals.push(slicer(`churn_slicer_${i + 1}`, field.name === c.col.band ? 'Risk band' : `Customer country (${snapshotNote})`, field, slicerBoxes[i] as Box)));
    const [bandBox, listBox] = stack({ x: GAP * 2 + slicerWidth, y: BELOW_CARDS, width: PAGE_WIDTH - 3 * GAP - slicerWidth, height: PAGE_HEIGHT - BELOW_CARDS - GAP }, [1, 2]) as [Box, Box];
    const scored = m('Scored Customers');
    // Per customer row, [Revenue at Stake] is that customer's campaign_list value (dim_customer filters the list).
    const stakeInList = customer && customerId ? m('Revenue at Stake') : undefined;
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
      title: stakeInList
        ? 'At-risk customers by revenue at stake (right-click a customer > Drill through > Customer)'
        : 'Customers by churn probability (right-click a customer > Drill through > Customer)',
      ...(scored ? listBox : { ...bandBox, height: listBox.y + listBox.height - bandBox.y }),
      roles: {
        Values: [
          ...(customer && customerId ? [customerId] : [col(c.name, c.col.customer)]),
          ...columns(c.name, [c.col.probability, c.col.band, c.col.flagged]),
          ...(stakeInList ? [stakeInList] : []),
          ...(customer ? [col(customer.name, customer.col.country)] : []),
          ...(rfm ? columns(rfm.name, [rfm.col.segment, rfm.col.recency, rfm.col.frequency, rfm.col.monetary]) : []),
        ],
      },
      // Only the at-risk bands, as the dashboard's at-risk list and the Customers at Risk card count them.
      keep: { field: col(c.name, c.col.band), values: AT_RISK_BANDS },
      // Ranked by value at stake (expected value x churn probability), as the dashboard's at-risk list is.
      sort: stakeInList ? { field: stakeInList, direction: 'Descending' } : { field: col(c.name, c.col.probability), direction: 'Descending' },
    });
    pages.push({ name: 'churn', displayName: 'Churn', requires: `${c.name} (customer_rfm and dim_customer for segment and country)`, visuals });
  }

  if (sales) {
    const productField = roles.product && active(sales.name, sales.col.product, roles.product.name) ? col(roles.product.name, roles.product.col.description) : col(sales.name, sales.col.product);
    const [a, b] = row(GAP, 330, 2) as [Box, Box];
    const revenue = m('Total Revenue') as Field;
    const cancel = m('Cancellation Rate') as Field;
    // Matched cancellations themselves, on the day they were cancelled (fact_cancellation reaches dim_date and dim_country).
    const cancellations = model.tables.find((t) => t.spec.name === 'fact_cancellation')?.spec;
    const cancellationColumns = cancellations
      ? ['cancelled_at', 'cancellation_invoice_no', 'order_invoice_no', 'stock_code', 'quantity', 'cancelled_amount', 'days_to_cancel', 'match_label'].filter((n) => cancellations.columns.some((c) => c.name === n))
      : [];
    const productsTop = PAGE_HEIGHT - 3 * GAP - 330;
    pages.push(withSlicers({
      name: 'products',
      displayName: 'Products and cancellations',
      requires: `${sales.name} (dim_product for descriptions), fact_cancellation`,
      ...(cancellationColumns.length ? { height: PAGE_HEIGHT + 320 + GAP } : {}),
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
        // By stock code, merchandise with enough lines only (Product Cancellation Rate), as the dashboard charts it.
        m('Product Cancellation Rate') && roles.product
          ? {
              name: 'products_cancellation_rate',
              visualType: 'clusteredBarChart',
              title: 'Cancellation rate by product (merchandise on 20+ sale lines, by stock code)',
              ...b,
              roles: { Category: [col(roles.product.name, roles.product.col.product)], Y: [m('Product Cancellation Rate') as Field] },
              sort: { field: m('Product Cancellation Rate') as Field, direction: 'Descending' as const },
            }
          : { name: 'products_cancellation_rate', visualType: 'clusteredBarChart', title: 'Cancellation rate by product', ...b, roles: { Category: [productField], Y: [cancel] }, sort: { field: cancel, direction: 'Descending' as const } },
        {
          name: 'products_table',
          visualType: 'tableEx',
          title: 'Products',
          x: GAP,
          y: GAP * 2 + 330,
          width: PAGE_WIDTH - 2 * GAP,
          height: PAGE_HEIGHT - 3 * GAP - 330,
          // The stock code first: descriptions repeat across codes, and a table grouped by description alone would merge them.
          roles: { Values: [...(roles.product && productField.table === roles.product.name ? [col(roles.product.name, roles.product.col.product)] : []), productField, ...have('Total Revenue', 'Net Revenue', 'Units Sold', 'Total Orders', 'Cancelled Amount', 'Cancellation Rate')] },
          sort: { field: revenue, direction: 'Descending' },
        },
        ...(cancellations && cancellationColumns.length
          ? [
              {
                name: 'products_cancellations',
                visualType: 'tableEx',
                title: 'Matched cancellations (by the day of the cancellation)',
                x: GAP,
                y: GAP * 3 + 330 + productsTop,
                width: PAGE_WIDTH - 2 * GAP,
                height: 320 - GAP,
                roles: { Values: columns(cancellations.name, cancellationColumns) },
                sort: { field: col(cancellations.name, cancellationColumns[0] as string), direction: 'Descending' as const },
              },
            ]
          : []),
      ],
    }, [dateSlicer, countrySlicer]));
  }

  const quality = qualityVisuals(roles, have, cards);
  if (quality.length) {
    pages.push({ name: 'data_quality', displayName: 'Data quality and run history', requires: 'load_audit, quarantine, cleaning_rule_counts, tab_info, run_history', visuals: quality });
  }

  const campaigns = campaignVisuals(model, roles, have, cards, customerJoined ? customerId : undefined);
  if (campaigns.visuals.length) {
    pages.push(withSlicers({
      name: 'campaigns',
      displayName: 'Campaigns and recommendations',
      requires: 'campaign_list, product_association, customer_recommendation (dim_customer for the country)',
      height: campaigns.height,
      visuals: campaigns.visuals,
    }, [customerCountry(snapshotNote)]));
  }
  const forecasts = forecastVisuals(model, have, slicer);
  if (forecasts.length) {
    pages.push({ name: 'forecasts', displayName: 'Demand forecasts', requires: 'demand_weekly, demand_forecast, forecast_backtest', visuals: forecasts });
  }
  pages.push(...tablePages(model, customerCountry(snapshotNote)));
  const drill = customerPage(model, roles, have, customerId);
  if (drill) pages.push(drill);
  const at = (p: PagePlan) => (PAGE_ORDER.indexOf(p.name) + PAGE_ORDER.length + 1) % (PAGE_ORDER.length + 1);
  return pages.sort((a, b) => at(a) - at(b));
}

/** The order a reader walks: sales, customers, what to do, then the pipeline; the drill-through page last. */
const PAGE_ORDER = ['overview', 'countries', 'products', 'customers', 'cohorts', 'churn', 'value_and_models', 'campaigns', 'forecasts', 'anomalies', 'data_quality', 'customer'];

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

type Slicer = (name: string, title: string, field: Field, box: Box) => VisualPlan;
const specOf = (model: SemanticModel, name: string) => model.tables.find((t) => t.spec.name === name)?.spec;
const present = (spec: { columns: readonly { name: string }[] } | undefined, names: readonly string[]) => (spec ? names.filter((n) => spec.columns.some((c) => c.name === n)) : []);

/**
 * Campaigns and recommendations: customers and value at stake per action, the campaign list, the
 * association rules and each customer's recommended products. The per-action bars group by the
 * customer-level list's action (campaign_summary has no relationships, so its action would not filter the measures).
 */
function campaignVisuals(model: SemanticModel, roles: Roles, have: Have, cards: Cards, customerId: Field | undefined): { visuals: VisualPlan[]; height: number } {
  const visuals: VisualPlan[] = [];
  const l = roles.campaignList;
  const actionCards = roles.campaignSummary ? have('Revenue at Stake', 'Campaign Customers') : [];
  visuals.push(...cards('campaigns', actionCards));
  let y = actionCards.length ? BELOW_CARDS : GAP;
  const [customers, atStake] = have('Campaign Customers', 'Revenue at Stake');
  if (l && customers && atStake) {
    const action = col(l.name, l.col.action);
    const [left, right] = row(y, 300, 2) as [Box, Box];
    visuals.push({ name: 'campaigns_customers_per_action', visualType: 'clusteredBarChart', title: 'Customers per action', ...left, roles: { Category: [action], Y: [customers] }, sort: { field: customers, direction: 'Descending' } });
    visuals.push({ name: 'campaigns_value_at_stake', visualType: 'clusteredBarChart', title: 'Revenue at stake per action', ...right, roles: { Category: [action], Y: [atStake] }, sort: { field: atStake, direction: 'Descending' } });
    y += 300 + GAP;
  }
  if (l) {
    const shown = present(l.spec, ['country', 'segment', 'persona', 'risk_band', 'churn_probability', 'expected_value', 'revenue_at_stake', 'action', 'suggested_products']);
    visuals.push({
      name: 'campaigns_list',
      visualType: 'tableEx',
      title: 'Campaign list by revenue at stake (right-click a customer > Drill through > Customer)',
      x: GAP,
      y,
      width: PAGE_WIDTH - 2 * GAP,
      height: 300,
      roles: { Values: [customerId ?? col(l.name, l.col.customer), ...columns(l.name, shown)] },
      sort: { field: col(l.name, l.col.atStake), direction: 'Descending' },
    });
    y += 300 + GAP;
  }
  const recommendations = specOf(model, 'customer_recommendation');
  const recommended = present(recommendations, ['rank', 'stock_code', 'description', 'score', 'reason']);
  const lower = [roles.associations, recommended.length ? recommendations : undefined].filter(Boolean).length;
  const boxes = lower ? row(y, 340, lower) : [];
  if (roles.associations) {
    const a = roles.associations;
    visuals.push({
      name: 'campaigns_association_rules',
      visualType: 'tableEx',
      title: 'Association rules by lift (all orders: not filtered by country)',
      ...(boxes.shift() as Box),
      roles: { Values: columns(a.name, [a.col.antecedent, a.col.consequent, a.col.support, a.col.confidence, a.col.lift]) },
      sort: { field: col(a.name, a.col.lift), direction: 'Descending' },
    });
  }
  if (recommendations && recommended.length) {
    visuals.push({
      name: 'campaigns_recommendations',
      visualType: 'tableEx',
      title: 'Recommended products per customer',
      ...(boxes.shift() as Box),
      roles: { Values: [customerId ?? col(recommendations.name, 'customer_id'), ...columns(recommendations.name, recommended)] },
      ...(recommended.includes('rank') ? { sort: { field: col(recommendations.name, 'rank'), direction: 'Ascending' as const } } : {}),
    });
  }
  if (lower) y += 340 + GAP;
  return { visuals, height: Math.max(PAGE_HEIGHT, y) };
}

/** Demand forecasts: weekly actuals against the forecast with its 80% interval, and the backtests that chose each method. */
function forecastVisuals(model: SemanticModel, have: Have, slicer: Slicer): VisualPlan[] {
  const visuals: VisualPlan[] = [];
  const demand = have('Actual Units', 'Forecast Units', 'Forecast Lower', 'Forecast Upper');
  const chartHeight = 380;
  if (demand.length) {
    const table = (demand[0] as Field).table;
    const slicerWidth = 280;
    visuals.push(slicer('forecasts_series_slicer', 'Series (none = all categories)', col(table, 'series_name'), { x: GAP, y: GAP, width: slicerWidth, height: chartHeight }));
    const week = col(table, 'week_start');
    visuals.push({
      name: 'forecasts_forecast_vs_actual',
      visualType: 'lineChart',
      title: 'Weekly units: actual and forecast, 80% interval for one series (weekly series: no month or country slicer)',
      x: GAP * 2 + slicerWidth,
      y: GAP,
      width: PAGE_WIDTH - 3 * GAP - slicerWidth,
      height: chartHeight,
      roles: { Category: [week], Y: demand },
      sort: { field: week, direction: 'Ascending' },
    });
  }
  const backtest = specOf(model, 'forecast_backtest');
  const shown = present(backtest, ['series_type', 'series', 'method', 'test_start', 'test_weeks', 'mae', 'smape', 'mase', 'interval_coverage', 'chosen']);
  if (backtest && shown.length) {
    const top = demand.length ? GAP * 2 + chartHeight : GAP;
    visuals.push({
      name: 'forecasts_backtests',
      visualType: 'tableEx',
      title: 'Backtests: error and interval coverage of each method on held-out weeks (chosen = the method forecasting)',
      x: GAP,
      y: top,
      width: PAGE_WIDTH - 2 * GAP,
      height: PAGE_HEIGHT - top - GAP,
      roles: { Values: columns(backtest.name, shown) },
      ...(shown.includes('series') ? { sort: { field: col(backtest.name, 'series'), direction: 'Ascending' as const } } : {}),
    });
  }
  return visuals;
}

/**
 * The customer drill-through page: opened from any visual showing dim_customer's customer id, it
 * filters every customer table through the relationships to that one customer.
 */
function customerPage(model: SemanticModel, roles: Roles, have: Have, customerId: Field | undefined): PagePlan | undefined {
  const customer = roles.customer;
  if (!customer || !customerId) return undefined;
  const tables: { name: string; table: string; title: string; columns: string[]; sort?: string }[] = [
    { name: 'profile', table: customer.name, title: 'Customer', columns: ['customer_id', 'country', 'first_purchase_at', 'last_purchase_at', 'order_count'] },
    { name: 'rfm', table: roles.rfm?.name ?? '', title: 'RFM segment', columns: ['segment', 'recency_days', 'frequency', 'monetary', 'avg_order_value', 'rfm_cell'] },
    { name: 'cluster', table: roles.segments?.name ?? '', title: 'Cluster and persona', columns: ['cluster', 'persona', 'dbscan_group', 'dbscan_persona'] },
    { name: 'churn', table: roles.churn?.name ?? '', title: 'Churn risk (next 90 days)', columns: ['probability', 'risk_band', 'is_flagged', 'as_of'] },
    { name: 'value', table: 'customer_lifetime_value', title: 'Lifetime value (next 90 days)', columns: ['clv_90d', 'p_alive', 'expected_purchases_90d', 'expected_purchase_value'] },
    { name: 'recommendations', table: 'customer_recommendation', title: 'Recommended products', columns: ['rank', 'stock_code', 'description', 'score', 'reason'], sort: 'rank' },
    { name: 'invoices', table: 'fact_invoice', title: 'Invoices', columns: ['invoice_no', 'invoiced_at', 'invoice_type', 'item_count', 'gross_amount', 'cancelled_amount', 'net_amount'], sort: 'invoiced_at' },
  ];
  const shown = tables.map((t) => ({ ...t, columns: present(specOf(model, t.table), t.columns) })).filter((t) => t.columns.length > 0);
  const visuals: VisualPlan[] = [];
  const cardFields = have('Net Revenue', 'Total Orders', 'Average Order Value', 'Cancellation Rate');
  const backWidth = 120;
  visuals.push({ name: 'customer_back', visualType: 'actionButton', title: 'Back', x: GAP, y: GAP, width: backWidth, height: 48, roles: {}, back: true });
  row(GAP, CARD_HEIGHT, Math.max(cardFields.length, 1), 2 * GAP + backWidth, PAGE_WIDTH - 3 * GAP - backWidth).forEach((pos, i) => {
    const f = cardFields[i];
    if (f) visuals.push({ name: `customer_card_${i + 1}`, visualType: 'card', title: f.name, ...pos, roles: { Values: [f] } });
  });
  let y = cardFields.length ? BELOW_CARDS : GAP;
  // One-row tables two by two, then the customer's recommendations and invoices at full width.
  const small = shown.filter((t) => t.name !== 'recommendations' && t.name !== 'invoices');
  for (let i = 0; i < small.length; i += 2) {
    const pair = small.slice(i, i + 2);
    const boxes = row(y, 96, 2);
    pair.forEach((t, j) => visuals.push({ name: `customer_${t.name}`, visualType: 'tableEx', title: t.title, ...(boxes[j] as Box), roles: { Values: columns(t.table, t.columns) } }));
    y += 96 + GAP;
  }
  for (const t of shown.filter((x) => x.name === 'recommendations' || x.name === 'invoices')) {
    visuals.push({
      name: `customer_${t.name}`,
      visualType: 'tableEx',
      title: t.title,
      x: GAP,
      y,
      width: PAGE_WIDTH - 2 * GAP,
      height: 240,
      roles: { Values: columns(t.table, t.columns) },
      ...(t.sort && t.columns.includes(t.sort) ? { sort: { field: col(t.table, t.sort), direction: t.name === 'invoices' ? ('Descending' as const) : ('Ascending' as const) } } : {}),
    });
    y += 240 + GAP;
  }
  return {
    name: 'customer',
    displayName: 'Customer',
    requires: 'dim_customer and the customer tables (drill through on a customer id)',
    height: Math.max(PAGE_HEIGHT, y),
    drillthrough: customerId,
    visuals,
  };
}

/** A page of tables, each listing the columns of one published table that exist (in this order). */
interface TablePageSpec {
  name: string;
  displayName: string;
  tables: { table: string; title: string; columns: string[]; sort?: { column: string; direction: 'Ascending' | 'Descending' } }[];
  /** Shows the customer-country slicer (the page's tables reach dim_customer). */
  customerSlicer?: boolean;
}

/** Questions the other pages leave open: lifetime value, how good the models are, and what looked unusual. */
const TABLE_PAGES: TablePageSpec[] = [
  {
    name: 'value_and_models',
    displayName: 'Lifetime value and model quality',
    customerSlicer: true,
    tables: [
      { table: 'customer_lifetime_value', title: 'Customer lifetime value (next 90 days)', columns: ['customer_id', 'repeat_purchases', 'p_alive', 'expected_purchases_90d', 'expected_purchase_value', 'clv_90d'], sort: { column: 'clv_90d', direction: 'Descending' } },
      { table: 'model_metrics', title: 'Churn and high-value models against their baselines (holdout customers: not filtered by country)', columns: ['target', 'method', 'roc_auc', 'pr_auc', 'precision', 'recall', 'f1', 'flagged'] },
      { table: 'model_lifetime_holdout', title: 'Lifetime model: predicted against actual purchases (holdout; not filtered by country)', columns: ['group_label', 'customers', 'actual_mean_purchases', 'predicted_mean_purchases'] },
    ],
  },
  {
    name: 'anomalies',
    displayName: 'Anomalies',
    tables: [
      { table: 'anomaly', title: 'Unusual days, countries and customers (every anomaly found: no slicer applies)', columns: ['anomaly_date', 'anomaly_type', 'country', 'customer_id', 'value', 'typical_value', 'robust_z', 'direction', 'rule'], sort: { column: 'anomaly_date', direction: 'Descending' } },
    ],
  },
];

function tablePages(model: SemanticModel, customerCountry: SlicerPlan | undefined): PagePlan[] {
  const specs = new Map(model.tables.map((t) => [t.spec.name, t.spec]));
  const pages: PagePlan[] = [];
  for (const page of TABLE_PAGES) {
    const present = page.tables
      .map((t) => ({ ...t, columns: t.columns.filter((c) => specs.get(t.table)?.columns.some((sc) => sc.name === c)) }))
      .filter((t) => specs.has(t.table) && t.columns.length > 0);
    if (!present.length) continue;
    const boxes = stack({ x: GAP, y: GAP, width: PAGE_WIDTH - 2 * GAP, height: PAGE_HEIGHT - 2 * GAP }, present.map(() => 1));
    const plan: PagePlan = {
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
    };
    pages.push(page.customerSlicer ? withSlicers(plan, [customerCountry]) : plan);
  }
  return pages;
}
