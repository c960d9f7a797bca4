import type { Field, PagePlan, VisualPlan } from './report-plan.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from './report-plan.js';
import { theme, THEME_FILE, themeRegistration } from './theme.js';

const SCHEMA = 'https://developer.microsoft.com/json-schemas/fabric/item/report/definition';
export const REPORT_SCHEMAS = {
  version: `${SCHEMA}/versionMetadata/1.0.0/schema.json`,
  report: `${SCHEMA}/report/3.0.0/schema.json`,
  pages: `${SCHEMA}/pagesMetadata/1.0.0/schema.json`,
  page: `${SCHEMA}/page/2.0.0/schema.json`,
  visual: `${SCHEMA}/visualContainer/2.4.0/schema.json`,
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A semantic-query field expression, as PBIR visuals reference model columns and measures. */
export function fieldExpression(field: Field) {
  const ref = { Expression: { SourceRef: { Entity: field.table } }, Property: field.name };
  return field.kind === 'column' ? { Column: ref } : { Measure: ref };
}

const literal = (text: string) => ({ expr: { Literal: { Value: `'${text.replaceAll("'", "''")}'` } } });

function visualJson(visual: VisualPlan, z: number) {
  const queryState: Record<string, { projections: unknown[] }> = {};
  for (const [role, fields] of Object.entries(visual.roles)) {
    queryState[role] = {
      projections: fields.map((f) => ({ field: fieldExpression(f), queryRef: `${f.table}.${f.name}`, nativeQueryRef: f.name })),
    };
  }
  return {
    $schema: REPORT_SCHEMAS.visual,
    name: visual.name,
    position: { x: visual.x, y: visual.y, z: z * 1000, height: visual.height, width: visual.width, tabOrder: z * 1000 },
    visual: {
      visualType: visual.visualType,
      ...(Object.keys(queryState).length
        ? {
            query: {
              queryState,
              ...(visual.sort ? { sortDefinition: { sort: [{ field: fieldExpression(visual.sort.field), direction: visual.sort.direction }], isDefaultSort: false } } : {}),
            },
          }
        : {}),
      ...(visual.dropdown ? { objects: { data: [{ properties: { mode: { expr: { Literal: { Value: "'Dropdown'" } } } } }] } } : {}),
      visualContainerObjects: {
        title: [{ properties: { show: { expr: { Literal: { Value: 'true' } } }, text: literal(visual.title) } }],
        ...(visual.back ? { visualLink: [{ properties: { show: { expr: { Literal: { Value: 'true' } } }, type: literal('Back') } }] } : {}),
      },
      drillFilterOtherVisuals: true,
    },
    ...(visual.keep ? { filterConfig: { filters: [keepFilter(visual.name, visual.keep)] } } : {}),
  };
}

/** A visual-level categorical filter as Desktop saves one: the field in (values). */
function keepFilter(visual: string, keep: NonNullable<VisualPlan['keep']>) {
  const source = 'k';
  return {
    name: `${visual}_keep`,
    field: fieldExpression(keep.field),
    type: 'Categorical',
    filter: {
      Version: 2,
      From: [{ Name: source, Entity: keep.field.table, Type: 0 }],
      Where: [
        {
          Condition: {
            In: {
              Expressions: [{ Column: { Expression: { SourceRef: { Source: source } }, Property: keep.field.name } }],
              Values: keep.values.map((v) => [{ Literal: { Value: `'${v.replaceAll("'", "''")}'` } }]),
            },
          },
        },
      ],
    },
  };
}

/**
 * A drill-through page as Desktop saves one: a page filter created by drill-through on the field, and
 * a Drillthrough binding whose parameter fills that filter.
 */
function drillthrough(page: string, field: Field) {
  const filter = `${page}_drillthrough_filter`;
  return {
    filterConfig: { filters: [{ name: filter, field: fieldExpression(field), type: 'Categorical', howCreated: 'Drillthrough' }] },
    pageBinding: { name: `${page}_drillthrough`, type: 'Drillthrough', parameters: [{ name: `${page}_drillthrough_${field.name}`, boundFilter: filter, fieldExpr: fieldExpression(field) }] },
  };
}

/** The report's registered resources (StaticResources/ beside definition/), keyed by path relative to the report folder. */
export function reportStaticResources(): Map<string, string> {
  return new Map([[`StaticResources/RegisteredResources/${THEME_FILE}`, json(theme)]]);
}

/** Every file of the report's definition/ folder (PBIR), keyed by path relative to it. */
export function reportDefinition(pages: readonly PagePlan[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set('version.json', json({ $schema: REPORT_SCHEMAS.version, version: '2.0.0' }));
  files.set(
    'report.json',
    json({
      $schema: REPORT_SCHEMAS.report,
      ...themeRegistration(),
      settings: { useStylableVisualContainerHeader: true, defaultDrillFilterOtherVisuals: true, allowChangeFilterTypes: true, useEnhancedTooltips: true },
    }),
  );
  files.set('pages/pages.json', json({ $schema: REPORT_SCHEMAS.pages, pageOrder: pages.map((p) => p.name), activePageName: pages[0]?.name ?? '' }));
  for (const page of pages) {
    files.set(
      `pages/${page.name}/page.json`,
      json({
        $schema: REPORT_SCHEMAS.page,
        name: page.name,
        displayName: page.displayName,
        displayOption: page.height && page.height > PAGE_HEIGHT ? 'FitToWidth' : 'FitToPage',
        height: page.height ?? PAGE_HEIGHT,
        width: PAGE_WIDTH,
        ...(page.drillthrough ? drillthrough(page.name, page.drillthrough) : {}),
      }),
    );
    page.visuals.forEach((visual, i) => files.set(`pages/${page.name}/visuals/${visual.name}/visual.json`, json(visualJson(visual, i))));
  }
  return files;
}
