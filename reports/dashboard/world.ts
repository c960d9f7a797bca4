import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import countries from 'i18n-iso-countries';

const require = createRequire(import.meta.url);

interface Topology {
  type: 'Topology';
  objects: { countries: { type: 'GeometryCollection'; geometries: { id?: string; type: string; properties?: { name?: string } }[] } };
  [key: string]: unknown;
}

/**
 * Natural Earth 1:110m country shapes (the world-atlas package) as TopoJSON, each shape's id turned
 * from its ISO 3166-1 numeric code into the alpha-3 code that dim_country holds, so the map joins
 * on the code the warehouse keeps. Countries too small for this scale (Singapore, Malta, Bahrain,
 * Hong Kong) have no shape; the dashboard lists them beside the map.
 */
export function worldTopology(): Topology {
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8')) as Topology;
  for (const g of topology.objects.countries.geometries) {
    const alpha3 = g.id ? countries.numericToAlpha3(g.id) : undefined;
    if (alpha3) g.id = alpha3;
    else delete g.id;
  }
  return topology;
}

/** The minified browser builds the page inlines: Apache ECharts and topojson-client. */
export function browserLibraries(): string[] {
  return ['echarts/dist/echarts.min.js', 'topojson-client/dist/topojson-client.min.js'].map((file) => readFileSync(require.resolve(file), 'utf8'));
}
