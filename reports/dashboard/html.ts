import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DashboardData } from './data.js';
import { browserLibraries, worldTopology } from './world.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The page may run only its own inline scripts and styles and show inline images: no request to any
 * server or file (default-src 'none'), so the dashboard cannot leak data or depend on a network.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data: blob:";

const STYLE = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f4f6f9; color: #1d2733; }
header { background: #1f3a5f; color: #fff; padding: 12px 20px; display: flex; gap: 8px 24px; align-items: center; flex-wrap: wrap; }
header h1 { font-size: 19px; margin: 0; }
header .meta { opacity: .85; font-size: 13px; }
.filters-box { background: #e6ecf3; }
.filters-box summary { cursor: pointer; padding: 6px 20px; font-size: 13px; font-weight: 600; }
.filters-box[open] summary { padding-bottom: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; background: #e6ecf3; padding: 6px 20px; font-size: 13px; }
.filters select { font: inherit; padding: 2px; max-width: 44vw; }
.filters button { font: inherit; padding: 2px 10px; cursor: pointer; }
.lookup form { display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 8px; }
.lookup input { font: inherit; padding: 4px 6px; width: 12em; max-width: 100%; }
.lookup dl { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, 1fr); gap: 2px 12px; margin: 0; font-size: 13px; }
.lookup dt { color: #556; } .lookup dd { margin: 0; overflow-wrap: anywhere; }
.kpi-spark { height: 34px; margin-top: 4px; }
.kpi .scope { display: block; margin: 2px 0 0; font-size: 11px; } .kpi .scope::before { content: none; }
.kpi-change.flat { color: #667; }
nav { display: flex; gap: 2px; overflow-x: auto; background: #fff; border-bottom: 1px solid #d5dde6; padding: 0 12px; position: sticky; top: 0; z-index: 5; }
nav button { font: inherit; border: 0; background: none; padding: 10px 12px; cursor: pointer; white-space: nowrap; color: #445; border-bottom: 3px solid transparent; }
nav button[aria-selected="true"] { color: #1f3a5f; font-weight: 600; border-bottom-color: #2f6db5; }
nav button:focus-visible, th button:focus-visible, .kpi:focus-visible { outline: 2px solid #d08b2c; outline-offset: 1px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 460px), 1fr)); gap: 14px; padding: 14px 20px 32px; }
.card { background: #fff; border-radius: 6px; padding: 12px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); min-width: 0; }
.wide { grid-column: 1 / -1; }
.card h2 { font-size: 15px; margin: 0 0 6px; }
.scope { font-weight: normal; color: #667; font-size: 12px; margin-left: 8px; }
.scope::before { content: "· "; }
.scope.follows { color: #9a5d0d; }
.note { color: #667; font-size: 12px; margin: 0 0 8px; }
.chart { width: 100%; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 160px), 1fr)); gap: 12px; }
.kpi { background: #fff; border-radius: 6px; padding: 10px 14px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.kpi-value { font-size: 24px; font-weight: 600; }
.kpi-name { color: #556; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.kpi-change { font-size: 12px; } .kpi-change.up { color: #2e7d4a; } .kpi-change.down { color: #b03a36; }
.kpi-desc { display: none; font-size: 11px; color: #667; }
.kpi:focus .kpi-desc, .kpi:hover .kpi-desc { display: block; }
.map-layout { display: grid; grid-template-columns: minmax(0, 1fr) 220px; gap: 12px; }
@media (max-width: 700px) { .map-layout { grid-template-columns: 1fr; } .grid { padding: 10px; } .filters, .filters-box summary { padding: 6px 10px; } }
.unmapped h3 { font-size: 13px; margin: 4px 0; } .unmapped ul { list-style: none; padding: 0; margin: 0; font-size: 13px; }
.unmapped li { padding: 2px 0; display: flex; justify-content: space-between; gap: 8px; }
button.link { font: inherit; background: none; border: 0; padding: 0; color: #2f6db5; cursor: pointer; text-align: left; }
.tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 6px; font-size: 12px; }
.tools input { font: inherit; padding: 4px 6px; min-width: 0; flex: 1 1 140px; max-width: 260px; }
.tools .count { color: #667; flex: 1 1 200px; }
.tools button { font: inherit; padding: 4px 10px; cursor: pointer; }
.data-table { max-height: 420px; overflow: auto; }
table.grid { border-collapse: collapse; width: 100%; font-size: 12px; display: table; padding: 0; }
table.grid th { position: sticky; top: 0; background: #e9eef4; text-align: left; padding: 0; }
table.grid th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 5px 6px; cursor: pointer; text-align: left; width: 100%; }
table.grid th[aria-sort="ascending"] button::after { content: " ▲"; } table.grid th[aria-sort="descending"] button::after { content: " ▼"; }
table.grid td { border-top: 1px solid #eee; padding: 3px 6px; vertical-align: top; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
`;

/**
 * Embeds JSON in a script element: `<` is escaped so no value can close the element or open a comment,
 * and `/` so that text from the input (a description holding a web address) reads as no address at all.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('/', '\\/').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** Inlines a library's code in a script element: a `</script` inside it would end the element early. */
const inlineScript = (code: string) => code.replace(/<\/(script)/gi, '<\\/$1');

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The dashboard as one self-contained HTML file: styles, chart library, map geometry, script and data
 * inline, no request to any other file or server, so it can be mailed or opened from a share.
 */
export function dashboardHtml(data: DashboardData): string {
  const script = readFileSync(join(HERE, 'client.js'), 'utf8');
  const libraries = browserLibraries().map((code) => `<script>${inlineScript(code)}</script>`).join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Online retail dashboard — ${escapeHtml(data.warehouse)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Online retail dashboard</h1>
<span class="meta" id="meta"></span>
</header>
<details class="filters-box" id="filters-box" open>
<summary id="filters-summary">Filters</summary>
<form class="filters" id="filters" role="search" aria-label="Filters for every card that says it follows them">
<label>From <select id="filter-from"><option value="">First month</option></select></label>
<label>To <select id="filter-to"><option value="">Last month</option></select></label>
<label>Country <select id="country-filter"><option value="">All countries</option></select></label>
<label>Segment <select id="segment-filter"><option value="">All segments</option></select></label>
<label>Risk band <select id="band-filter"><option value="">All bands</option></select></label>
<button type="reset" id="filter-reset">Clear filters</button>
</form>
</details>
<nav id="tabs" role="tablist" aria-label="Sections"></nav>
<main id="sections"></main>
<script type="application/json" id="dashboard-data">${embedJson(data)}</script>
<script type="application/json" id="world-data">${embedJson(worldTopology())}</script>
${libraries}
<script>${script}</script>
</body>
</html>
`;
}
