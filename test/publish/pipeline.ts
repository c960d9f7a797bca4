import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { publishWith, type PublishWriter } from '../../activities/publish.js';
import { runStepsDirectly, stepInput as completeStepInput } from '../../activities/run-directly.js';
import type { StepInput } from '../../schemas/workflow.js';
import { refreshLayout } from '../../warehouse/layout.js';

/** Descriptions that a spreadsheet would take for formulas if they were written carelessly. */
export const FORMULA_LIKE = ['=HYPERLINK("http://example.com","click")', '+44 GIFT SET', '-SALE- BOX', '@HOME SIGN'];

const COUNTRIES = ['United Kingdom', 'Germany', 'France', 'EIRE', 'Spain', 'Netherlands', 'Australia', 'Unspecified'];

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A small, deterministic sales file in the public CSV layout: 80 customers over 8 countries and
 * 13 months (enough for the churn and value models to train), cancellations, guest sales, formula-like descriptions and one malformed line.
 */
export function fixtureCsv(): { text: string; lines: number } {
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const products = Array.from({ length: 24 }, (_, i) => ({
    code: `${22000 + i}${i % 3 === 0 ? 'A' : ''}`,
    description: i < FORMULA_LIKE.length ? (FORMULA_LIKE[i] as string) : `PRODUCT NUMBER ${i}, BOXED`,
    price: (0.85 + i * 0.45).toFixed(2),
  }));
  const rows: string[] = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let invoice = 536365;
  const sold: string[] = [];
  for (let month = 0; month < 13; month++) {
    const year = month === 0 ? 2010 : 2011;
    const m = month === 0 ? 12 : month;
    for (let k = 0; k < 12; k++) {
      const customer = 12346 + Math.floor(rand() * 80);
      const guest = rand() < 0.12;
      const country = COUNTRIES[customer % COUNTRIES.length] as string;
      const date = `${m}/${1 + Math.floor(rand() * 27)}/${year} ${8 + Math.floor(rand() * 9)}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`;
      const no = String(invoice++);
      for (let l = 0; l < 6; l++) {
        const p = products[Math.floor(rand() * products.length)] as (typeof products)[number];
        const qty = 1 + Math.floor(rand() * 12);
        rows.push([no, p.code, p.description, String(qty), date, p.price, guest ? '' : String(customer), country].map(csvField).join(','));
        if (!guest) sold.push([p.code, p.description, String(qty), date, p.price, String(customer), country].map(csvField).join(','));
      }
    }
  }
  // Cancellations of earlier lines, dated a day later in the same month.
  for (let i = 0; i < sold.length; i += 17) {
    rows.push([`C${invoice++}`, ...(sold[i] as string).replace(/,(\d+),/, (_m, q: string) => `,-${q},`).split(',')].join(','));
  }
  rows.push(`${invoice},22001,BROKEN LINE,abc,12/9/2011 12:50,1.25,12350,France`);
  return { text: `${rows.join('\n')}\n`, lines: rows.length - 1 };
}

export interface PipelineRun {
  root: string;
  input: string;
  outputDir: string;
  warehouse: string;
  refreshId: string;
  layout: ReturnType<typeof refreshLayout>;
  stepInput: StepInput;
}

/**
 * Runs extract → validate → transform → model (and publish unless told not to) on the fixture in a
 * temp folder, or on `input` (a real data file); `writers` replaces the files publish writes beside
 * the Parquet (all of them by default).
 */
export async function runPipeline(options: { refreshId?: string; root?: string; publish?: boolean; input?: string; writers?: readonly PublishWriter[] } = {}): Promise<PipelineRun> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'publish-test-'));
  const input = options.input ?? join(root, 'input.csv');
  if (!options.input) writeFileSync(input, fixtureCsv().text);
  const outputDir = join(root, 'output');
  const refreshId = options.refreshId ?? 'run-1';
  const stepInput = completeStepInput({ refreshId, warehouse: 'retail', inputPaths: [input], outputDir });
  // As the workflow does, the run is recorded before publish, so the published run history includes it.
  const writers = options.writers;
  await runStepsDirectly(stepInput, {
    to: options.publish === false ? 'model' : 'publish',
    ...(writers ? { activities: { publish: (raw: unknown) => publishWith(raw, writers) } } : {}),
  });
  return { root, input, outputDir, warehouse: 'retail', refreshId, layout: refreshLayout(outputDir, 'retail', refreshId), stepInput };
}
