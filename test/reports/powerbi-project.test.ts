import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { readKpiSnapshot } from '../../reports/powerbi/generate.js';
import { listFiles, powerBiProjectFiles, writePowerBiProject } from '../../reports/powerbi/project.js';
import { PUBLISHED_TABLES } from '../../warehouse/tables.js';
import { schemaRegistry } from './schema-registry.js';
import { daxReferences, readTmdl } from './tmdl-reader.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMMITTED = join(ROOT, 'powerbi');
// kpis.json is our own snapshot of figures, not a Power BI file.
// The theme under StaticResources is validated by Microsoft's PBIR validator (powerbi-validator.test.ts).
const isJson = (path: string) => /\.(json|pbip|pbir|pbism)$/.test(path) && path !== 'kpis.json' && !path.includes('/StaticResources/');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the committed Power BI project', () => {
  it('is exactly what the generator makes from the current specification', () => {
    const dir = mkdtempSync(join(tmpdir(), 'powerbi-'));
    writePowerBiProject(dir, powerBiProjectFiles(PUBLISHED_TABLES, readKpiSnapshot(COMMITTED)));
    const expected = listFiles(dir);
    expect(listFiles(COMMITTED), 'run `npx tsx scripts/generate-powerbi.ts` and commit powerbi/').toEqual(expected);
    for (const file of expected) {
      expect(readFileSync(join(COMMITTED, file), 'utf8'), `${file} is stale: run npx tsx scripts/generate-powerbi.ts`).toBe(readFileSync(join(dir, file), 'utf8'));
    }
  });

  it('has a TMDL file per published table and the files a PBIP project needs', () => {
    const files = listFiles(COMMITTED);
    for (const spec of PUBLISHED_TABLES) expect(files).toContain(`OnlineRetail.SemanticModel/definition/tables/${spec.name}.tmdl`);
    for (const f of ['database.tmdl', 'model.tmdl', 'relationships.tmdl', 'expressions.tmdl']) expect(files).toContain(`OnlineRetail.SemanticModel/definition/${f}`);
    for (const f of ['version.json', 'report.json', 'pages/pages.json']) expect(files).toContain(`OnlineRetail.Report/definition/${f}`);
    expect(files).toContain('OnlineRetail.pbip');
    // Desktop and Fabric's Git integration refuse an item folder without .platform; Microsoft's validator checks only the report's.
    const ids = new Set<string>();
    for (const [item, type] of [['OnlineRetail.Report', 'Report'], ['OnlineRetail.SemanticModel', 'SemanticModel']] as const) {
      expect(files, `${item}/.platform is missing`).toContain(`${item}/.platform`);
      const platform = JSON.parse(readFileSync(join(COMMITTED, item, '.platform'), 'utf8')) as { $schema: string; metadata: { type: string; displayName: string }; config: { version: string; logicalId: string } };
      expect(platform.$schema).toBe('https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json');
      expect(platform.metadata).toEqual({ type, displayName: 'OnlineRetail' });
      expect(platform.config.version).toBe('2.0');
      expect(platform.config.logicalId).toMatch(GUID);
      ids.add(platform.config.logicalId);
    }
    expect(ids.size).toBe(2);
    expect(files).toContain('README.md');
    const pbism = JSON.parse(readFileSync(join(COMMITTED, 'OnlineRetail.SemanticModel/definition.pbism'), 'utf8')) as { version: string };
    const pbir = JSON.parse(readFileSync(join(COMMITTED, 'OnlineRetail.Report/definition.pbir'), 'utf8')) as { version: string; datasetReference: { byPath: { path: string } } };
    expect(Number(pbism.version)).toBeGreaterThanOrEqual(4);
    expect(Number(pbir.version)).toBeGreaterThanOrEqual(4);
    expect(existsSync(join(COMMITTED, 'OnlineRetail.Report', pbir.datasetReference.byPath.path, 'definition.pbism'))).toBe(true);
    const pages = JSON.parse(readFileSync(join(COMMITTED, 'OnlineRetail.Report/definition/pages/pages.json'), 'utf8')) as { pageOrder: string[] };
    for (const page of pages.pageOrder) expect(files).toContain(`OnlineRetail.Report/definition/pages/${page}/page.json`);
    expect(pages.pageOrder).toContain('overview');
    const expressions = readFileSync(join(COMMITTED, 'OnlineRetail.SemanticModel/definition/expressions.tmdl'), 'utf8');
    expect(expressions).toMatch(/^expression DataFolder = ".*\\" meta \[IsParameterQuery=true, Type="Text"/m);
  });

  it('validates every JSON file against Microsoft\'s published schemas', { timeout: 30_000 }, () => {
    const registry = schemaRegistry();
    const files = listFiles(COMMITTED).filter(isJson);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const doc = JSON.parse(readFileSync(join(COMMITTED, file), 'utf8')) as { $schema?: string };
      expect(doc.$schema, `${file} names no $schema`).toMatch(/^https:\/\/developer\.microsoft\.com\/json-schemas\/fabric\//);
      const validate = registry.validatorFor(doc.$schema as string);
      expect(validate(doc), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
    // The validator must be able to say no: a visual without a position is not a visual.
    const visualFile = files.find((f) => f.endsWith('visual.json')) as string;
    const broken = JSON.parse(readFileSync(join(COMMITTED, visualFile), 'utf8')) as Record<string, unknown>;
    delete broken.position;
    expect(registry.validatorFor(broken.$schema as string)(broken)).toBe(false);
  });

  it('keeps the star active and turns the loops into inactive relationships', () => {
    const model = readTmdl(join(COMMITTED, 'OnlineRetail.SemanticModel/definition'));
    const active = (from: string, to: string) => model.relationships.find((r) => `${r.from.join('.')}` === from && `${r.to.join('.')}` === to)?.active;
    expect(active('fact_invoice_line.country', 'dim_country.country')).toBe(true);
    expect(active('fact_invoice_line.customer_id', 'dim_customer.customer_id')).toBe(true);
    expect(active('fact_invoice_line.invoice_no', 'fact_invoice.invoice_no')).toBe(false);
    expect(active('dim_customer.country', 'dim_country.country')).toBe(false);
    expect(active('fact_cancellation.cancellation_line_id', 'fact_invoice_line.line_id')).toBe(false);
    expect(active('fact_cancellation.order_line_id', 'fact_invoice_line.line_id')).toBe(false);
    expect(active('churn_prediction.customer_id', 'customer_rfm.customer_id')).toBe(true);
  });

  it('has the pages the team asked for, the map on the standard country name, and a calculated table whose DAX resolves', () => {
    const pages = JSON.parse(readFileSync(join(COMMITTED, 'OnlineRetail.Report/definition/pages/pages.json'), 'utf8')) as { pageOrder: string[] };
    expect(pages.pageOrder).toEqual(['overview', 'countries', 'products', 'customers', 'cohorts', 'churn', 'value_and_models', 'campaigns', 'forecasts', 'anomalies', 'data_quality', 'customer']);
    const visual = (page: string, name: string) => readFileSync(join(COMMITTED, `OnlineRetail.Report/definition/pages/${page}/visuals/${name}/visual.json`), 'utf8');
    expect(JSON.parse(visual('overview', 'overview_revenue_map')).visual.visualType).toBe('azureMap');
    // Without a map visual (tenants often disable them) the country page still answers with bars and a table.
    expect(JSON.parse(visual('countries', 'countries_revenue_bars')).visual.visualType).toBe('clusteredBarChart');
    expect(JSON.parse(visual('countries', 'countries_table')).visual.visualType).toBe('tableEx');
    expect(visual('overview', 'overview_revenue_map')).toMatch(/"Entity": "dim_country"\s*\}\s*\},\s*"Property": "country_name"/);
    for (const name of ['campaigns_customers_per_action', 'campaigns_value_at_stake', 'campaigns_association_rules', 'campaigns_list', 'campaigns_recommendations']) expect(visual('campaigns', name)).toContain('"visualType"');
    for (const name of ['forecasts_forecast_vs_actual', 'forecasts_backtests']) expect(visual('forecasts', name)).toContain('"visualType"');
    // Who is in each cluster, with the persona, follows the customer-country slicer.
    expect(visual('customers', 'customers_cluster_members')).toMatch(/"Entity": "customer_segment"\s*\}\s*\},\s*"Property": "persona"/);
    // Per action by the customer-level list: campaign_summary has no relationships, so its action would repeat the total on every bar.
    expect(visual('campaigns', 'campaigns_value_at_stake')).toMatch(/"Entity": "campaign_list"\s*\}\s*\},\s*"Property": "action"/);
    const page = (name: string) => JSON.parse(readFileSync(join(COMMITTED, `OnlineRetail.Report/definition/pages/${name}/page.json`), 'utf8'));
    // The customer page is a drill-through on dim_customer's id, which the customer lists show (so right-click > Drill through works).
    const drill = page('customer');
    expect(drill.pageBinding.type).toBe('Drillthrough');
    expect(drill.filterConfig.filters[0].howCreated).toBe('Drillthrough');
    expect(drill.filterConfig.filters[0].field.Column).toEqual({ Expression: { SourceRef: { Entity: 'dim_customer' } }, Property: 'customer_id' });
    expect(drill.pageBinding.parameters[0].boundFilter).toBe(drill.filterConfig.filters[0].name);
    for (const [p, v] of [['churn', 'churn_at_risk_customers'], ['campaigns', 'campaigns_list'], ['customers', 'customers_cluster_members']] as const) {
      expect(visual(p, v)).toMatch(/"Entity": "dim_customer"\s*\}\s*\},\s*"Property": "customer_id"/);
    }
    for (const name of ['customer_profile', 'customer_rfm', 'customer_cluster', 'customer_churn', 'customer_value', 'customer_recommendations', 'customer_invoices']) expect(visual('customer', name)).toContain('"tableEx"');
    // Month and country slicers where the page's tables reach dim_date / dim_country; customer pages slice by the customer's country.
    const slicerFields = (p: string) =>
      readdirSync(join(COMMITTED, `OnlineRetail.Report/definition/pages/${p}/visuals`))
        .map((v) => JSON.parse(visual(p, v)))
        .filter((v) => v.visual.visualType === 'slicer')
        .map((v) => `${v.visual.query.queryState.Values.projections[0].queryRef}`);
    for (const p of ['overview', 'countries', 'products']) expect(slicerFields(p)).toEqual(['dim_date.year_month', 'dim_country.country_name']);
    for (const p of ['customers', 'churn', 'campaigns', 'value_and_models']) expect(slicerFields(p)).toContain('dim_customer.country');
    for (const name of ['churn_risk_bands', 'churn_at_risk_customers', 'churn_slicer_1', 'churn_slicer_2']) expect(visual('churn', name)).toContain('"visualType"');
    // The RFM grid the segments are cut from, and the marketing segmentation with its suggested actions.
    const grid = JSON.parse(visual('customers', 'customers_rfm_grid')).visual;
    expect(grid.visualType).toBe('pivotTable');
    expect(grid.query.queryState.Rows.projections[0].queryRef).toBe('customer_rfm.recency_score');
    expect(grid.query.queryState.Columns.projections[0].queryRef).toBe('customer_rfm.fm_score');
    expect(visual('customers', 'customers_marketing_segments')).toMatch(/"Property": "suggested_action"/);
    // The at-risk list holds the bands the Customers at Risk card counts (High, Medium), as the dashboard's list does.
    const keep = JSON.parse(visual('churn', 'churn_at_risk_customers')).filterConfig.filters[0];
    expect(keep.field.Column).toEqual({ Expression: { SourceRef: { Entity: 'churn_prediction' } }, Property: 'risk_band' });
    expect(keep.filter.Where[0].Condition.In.Values).toEqual([[{ Literal: { Value: "'High'" } }], [{ Literal: { Value: "'Medium'" } }]]);
    const model = readTmdl(join(COMMITTED, 'OnlineRetail.SemanticModel/definition'));
    const chart = model.tables.get('demand_chart');
    expect(chart?.calculatedTable).toBe(true);
    const text = readFileSync(join(COMMITTED, 'OnlineRetail.SemanticModel/definition/tables/demand_chart.tmdl'), 'utf8');
    const source = text.slice(text.indexOf('= calculated'));
    const refs = daxReferences(source).columns;
    expect(refs.length).toBeGreaterThan(10);
    for (const [table, column] of refs) expect(model.tables.get(table)?.columns.has(column), `'${table}'[${column}]`).toBe(true);
  });
});
