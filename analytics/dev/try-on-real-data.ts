/**
 * Not a test: runs the churn, value and clustering analytics on the full Online Retail file and
 * prints metrics and timings. Usage: npx tsx analytics/dev/try-on-real-data.ts [path/to/online_retail.csv.gz]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withDatabase } from '../../warehouse/db.js';
import { buildHistories, DAY_MS, type Transaction } from '../churn-features.js';
import { CHURN, evaluateOutOfTime, fitModels, buildDataset, highValue, scoreAll, type EvaluationReport } from '../churn-model.js';
import { segmentWithDbscan } from '../dbscan-segmentation.js';
import { selectKMeans } from '../kmeans-selection.js';
import { scoreRfm, type RfmInput } from '../rfm.js';
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
const print = (report: EvaluationReport) => {
  console.log(`\n== ${report.label}: train ${report.train.cutoff.slice(0, 10)} (${report.train.customers} customers, ${(100 * report.train.positiveRate).toFixed(1)}% positive), ` +
    `test ${report.test.cutoff.slice(0, 10)} (${report.test.customers} customers, ${(100 * report.test.positiveRate).toFixed(1)}% positive)`);
  console.table(report.metrics.map((m) => ({ model: m.model, rocAuc: m.rocAuc.toFixed(3), prAuc: m.prAuc.toFixed(3), logLoss: m.logLoss?.toFixed(3) ?? '', threshold: m.threshold.toFixed(3), precision: m.precision.toFixed(3), recall: m.recall.toFixed(3), f1: m.f1.toFixed(3) })));
  console.table(report.importances.slice(0, 8).map((i) => ({ feature: i.feature, permutation: i.permutation.toFixed(4), impurity: i.impurity.toFixed(3) })));
  console.log('timings (ms):', Object.fromEntries(Object.entries(report.timingsMs).map(([k, v]) => [k, Math.round(v)])));
};
const churn = time('churn evaluation', () => evaluateOutOfTime({ histories, trainCutoff, testCutoff, definition: CHURN }));
print(churn);
const value = time('high-value evaluation', () => evaluateOutOfTime({ histories, trainCutoff, testCutoff, definition: highValue(0.2) }));
print(value);

const lastAt = Math.max(...histories.map((h) => h.orders[h.orders.length - 1]!.at));
const asOf = new Date(Math.floor(lastAt / DAY_MS + 1) * DAY_MS);
const scores = time('fit on test cutoff + score all', () => {
  const models = fitModels(buildDataset(histories, testCutoff, 90, CHURN), CHURN);
  return scoreAll(models, histories, asOf);
});
const bands = scores.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.riskBand]: (acc[s.riskBand] ?? 0) + 1 }), {});
console.log(`scored ${scores.length} customers as of ${asOf.toISOString().slice(0, 10)}:`, bands);
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
