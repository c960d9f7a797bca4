/**
 * Not a test: runs the churn, value and clustering analytics on the full Online Retail file and
 * prints metrics and timings. Usage: npx tsx scripts/dev/try-on-real-data.ts [path/to/online_retail.csv.gz]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withDatabase } from '../../warehouse/db.js';
import { buildHistories, DAY_MS, type Transaction } from '../../analytics/churn-features.js';
import { runPredictionSuite } from '../../analytics/prediction-suite.js';
import { segmentWithDbscan } from '../../analytics/dbscan-segmentation.js';
import { selectKMeans } from '../../analytics/kmeans-selection.js';
import { scoreRfm, type RfmInput } from '../../analytics/rfm.js';
import { FULL_DATA_SET } from '../../runtime/project.js';

const file = process.argv[2] ?? FULL_DATA_SET;
const query = readFileSync(fileURLToPath(new URL('./load-transactions.sql', import.meta.url)), 'utf8');
const time = <T>(label: string, fn: () => T): T => {
  const start = performance.now();
  const result = fn();
  console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
  return result;
};

let start = performance.now();
const rows = await withDatabase(':memory:', (db) =>
  db.all<{ customer_id: string; invoice_no: string; invoiced_at: string; amount: number; product_id: string }>(
    `select customer_id, invoice_no, invoiced_at, amount::double as amount, product_id from (${query})`,
    { file },
  ),
);
console.log(`read ${rows.length} lines: ${(performance.now() - start).toFixed(0)} ms`);
const transactions: Transaction[] = rows.map((r) => ({
  customerId: r.customer_id,
  invoiceNo: r.invoice_no,
  invoicedAt: new Date(r.invoiced_at),
  amount: Number(r.amount),
  productId: r.product_id,
}));
const histories = time('histories', () => buildHistories(transactions));
console.log(`customers: ${histories.length}`);

const cpuStart = process.cpuUsage();
const trainCutoff = new Date('2011-06-12T00:00:00Z');
const testCutoff = new Date('2011-09-10T00:00:00Z');
const lastAt = Math.max(...histories.map((h) => h.orders[h.orders.length - 1]!.at));
const asOf = new Date(Math.floor(lastAt / DAY_MS + 1) * DAY_MS);
// The path the refresh runs (without the as-of-cutoff histories the step reads from the warehouse).
const { results } = time('churn and high-value evaluation', () => runPredictionSuite({ histories, trainCutoff, testCutoff, asOf }));
for (const r of results) {
  console.log(`\n== ${r.target}: train ${r.train.customers} customers (${(100 * r.train.positiveShare).toFixed(1)}% positive), test ${r.test.customers} (${(100 * r.test.positiveShare).toFixed(1)}% positive)`);
  console.table(r.metrics.map((m) => ({ method: m.method, rocAuc: m.rocAuc.toFixed(3), prAuc: m.prAuc.toFixed(3), logLoss: m.logLoss?.toFixed(3) ?? '', threshold: m.threshold.toFixed(3), precision: m.precision.toFixed(3), recall: m.recall.toFixed(3), f1: m.f1.toFixed(3) })));
  if (r.leakage.length) console.log('leakage:', r.leakage);
  if (r.current) console.log(`scored ${r.current.customerIds.length} customers as of ${asOf.toISOString().slice(0, 10)}`);
}
const cpu = process.cpuUsage(cpuStart);
console.log(`model CPU (user+system): ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);

const rfmInputs: RfmInput[] = histories.map((h) => ({
  customerId: h.customerId,
  recencyDays: Math.floor((asOf.getTime() - h.orders[h.orders.length - 1]!.at) / DAY_MS),
  frequency: h.orders.length,
  monetary: h.orders.reduce((s, o) => s + o.amount, 0),
}));
const rfm = time('rfm', () => scoreRfm(rfmInputs));
console.log(rfm.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.segment]: (acc[r.segment] ?? 0) + 1 }), {}));
start = performance.now();
const selection = time('k-means k=2..10', () => selectKMeans(rfmInputs));
console.table(selection.scores.map((s) => ({ k: s.k, inertia: s.inertia.toFixed(0), silhouette: s.silhouette.toFixed(3), ch: s.calinskiHarabasz.toFixed(0), db: s.daviesBouldin.toFixed(3) })));
console.log(selection.reason);
console.table(selection.profiles.map((p) => ({ cluster: p.cluster, persona: p.persona, customers: p.customers, recency: p.meanRecencyDays.toFixed(0), frequency: p.meanFrequency.toFixed(1), monetary: p.meanMonetary.toFixed(0), revenueShare: p.revenueShare.toFixed(3) })));
const density = time('dbscan', () => segmentWithDbscan(rfmInputs));
console.log(density.reason, `clusters=${density.clusters} noise=${density.noise}`);
console.table(density.profiles.map((p) => ({ cluster: p.cluster, persona: p.persona, customers: p.customers, recency: p.meanRecencyDays.toFixed(0), frequency: p.meanFrequency.toFixed(1), monetary: p.meanMonetary.toFixed(0), revenueShare: p.revenueShare.toFixed(3) })));
