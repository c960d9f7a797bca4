import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DashboardData } from './data.js';

const HERE = dirname(fileURLToPath(import.meta.url));

const STYLE = `
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #f5f6f8; color: #222; }
header { background: #1f3a5f; color: #fff; padding: 14px 24px; display: flex; gap: 24px; align-items: baseline; flex-wrap: wrap; }
header h1 { font-size: 20px; margin: 0; }
header .meta { opacity: .8; }
header label { margin-left: auto; }
#kpis { display: flex; flex-wrap: wrap; gap: 12px; padding: 16px 24px 0; }
.kpi { background: #fff; border-radius: 6px; padding: 10px 16px; min-width: 150px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.kpi-value { font-size: 20px; font-weight: 600; }
.kpi-name { color: #666; font-size: 12px; }
#cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; padding: 16px 24px 32px; }
.card { background: #fff; border-radius: 6px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); overflow: auto; }
.card.wide { grid-column: span 2; }
@media (max-width: 1100px) { .card.wide { grid-column: span 1; } }
.card h2 { font-size: 15px; margin: 0 0 8px; }
.scope { font-weight: normal; color: #666; margin-left: 8px; }
.scope::before { content: "· "; }
.label { font-size: 11px; fill: #555; }
.value { font-size: 11px; fill: #333; }
.grat { stroke: #d5dde6; stroke-width: 1; }
.equator { stroke: #b8c4d2; stroke-dasharray: 4 3; }
.bubble { fill: rgba(47,109,181,.55); stroke: #1f3a5f; cursor: pointer; }
.bubble.selected { fill: rgba(208,139,44,.8); }
.line { fill: none; stroke: #2f6db5; stroke-width: 2; }
.point { fill: #2f6db5; }
.line.net { stroke: #4f9a62; stroke-dasharray: 5 3; }
.line.forecast { stroke: #d08b2c; stroke-dasharray: 5 3; }
.point.forecast { fill: #d08b2c; }
.interval { fill: rgba(208,139,44,.18); stroke: none; }
h2.section { grid-column: 1 / -1; font-size: 17px; margin: 12px 0 -4px; color: #1f3a5f; border-bottom: 1px solid #d5dde6; padding-bottom: 4px; }
#forecast-series { margin-bottom: 8px; max-width: 100%; }
.cell { font-size: 10px; fill: #1f3a5f; pointer-events: none; }
.cell.light { fill: #fff; }
.data-table { max-height: 360px; overflow: auto; }
.chart svg { max-height: 440px; display: block; margin: 0 auto; }
table.grid { border-collapse: collapse; width: 100%; font-size: 12px; }
table.grid th { position: sticky; top: 0; background: #e9eef4; cursor: pointer; text-align: left; padding: 4px 6px; }
table.grid td { border-top: 1px solid #eee; padding: 3px 6px; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #777; font-size: 12px; }
#tooltip { position: absolute; display: none; background: rgba(20,20,20,.9); color: #fff; padding: 4px 8px; border-radius: 4px; font-size: 12px; pointer-events: none; max-width: 360px; }
`;

/**
 * Embeds JSON in a script element: `<` is escaped so no value can close the element or open a comment,
 * and `/` so that text from the input (a description holding a web address) reads as no address at all.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('/', '\\/').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The dashboard as one self-contained HTML file: styles, script and data inline, no request to any
 * other file or server, so it can be mailed or opened from a share.
 */
export function dashboardHtml(data: DashboardData): string {
  const script = readFileSync(join(HERE, 'client.js'), 'utf8');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.warehouse)} — retail dashboard</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Online retail — ${escapeHtml(data.warehouse)}</h1>
<span class="meta">refresh ${escapeHtml(data.refreshId)}</span>
<label style="display:none">Country <select id="country-filter"><option value="">All countries</option></select></label>
</header>
<div id="kpis"></div>
<main id="cards"></main>
<div id="tooltip"></div>
<script type="application/json" id="dashboard-data">${embedJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}
