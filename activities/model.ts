import type { StepResult } from '../schemas/workflow.js';
import { describeFailures, runDataTests } from '../warehouse/data-tests.js';
import { withDatabase, type Database } from '../warehouse/db.js';
import {
  churnPrediction,
  customerClusterProfile,
  customerLifetimeValue,
  customerRfm,
  customerSegment,
  highValuePrediction,
  modelFeatureImportance,
  modelHoldoutPredictions,
  modelKSelection,
  modelLifetimeHoldout,
  modelMetrics,
  MODEL_TABLES,
} from '../warehouse/spec/models.js';
import { sql } from '../warehouse/sql.js';
import { ACTION_TABLES } from '../warehouse/spec/actions.js';
import { DataTestError } from './errors.js';
import { modelDates } from './model/dates.js';
import { loadModelInputs } from './model/load-inputs.js';
import { predictCustomers } from './model/predictions.js';
import { segmentCustomers } from './model/segmentation.js';
import { writeTable } from './model/write-table.js';
import { buildActionTables } from './model/actions.js';
import { lapTimer } from './laps.js';
import { runStep } from './step.js';

async function anomalyNotes(db: Database): Promise<string> {
  const counts = await db.all<{ anomaly_type: string; n: string }>('select anomaly_type, count(*)::varchar as n from anomaly group by all order by anomaly_type');
  return `anomalies: ${counts.length ? counts.map((c) => `${c.anomaly_type} ${c.n}`).join(', ') : 'none'} (rules in the anomaly table)`;
}

/**
 * Model: customer analytics computed from the marts. RFM scores and segments, K-Means and DBSCAN
 * segmentation, out-of-time churn and high-value models with current scores, BG/NBD lifetime value
 * and anomalies; every table is replaced as a whole, and every random step has a fixed seed, so a
 * rerun on the same database gives identical tables.
 */
export async function model(rawInput: unknown): Promise<StepResult> {
  return runStep('model', rawInput, async ({ layout, progress }) =>
    withDatabase(layout.workDatabase, async (db) => {
      const rowsIn = await db.number('select count(*) from fact_invoice_line');
      const { lap, summary } = lapTimer();
      progress('loading purchases');
      const inputs = await loadModelInputs(db);
      const dates = modelDates(inputs.lastInvoiceAt);
      const notes = [
        `${inputs.histories.length} customers, ${inputs.purchaseLines} purchase lines (net of matched cancellations; duplicate lines excluded)`,
      ];

      lap('load');
      progress('scoring RFM and clustering customers');
      const segmentation = segmentCustomers(inputs.histories, dates.asOf);
      lap('segmentation');
      await writeTable(db, customerRfm, segmentation.customerRfm);
      await writeTable(db, modelKSelection, segmentation.kSelection);
      await writeTable(db, customerClusterProfile, segmentation.profiles);
      await writeTable(db, customerSegment, segmentation.segments);
      lap('writing');
      notes.push(...segmentation.notes);

      progress('training churn, high-value and lifetime-value models');
      const predictions = predictCustomers(inputs.histories, dates);
      lap('models');
      await writeTable(db, modelMetrics, predictions.metrics);
      await writeTable(db, modelHoldoutPredictions, predictions.holdout);
      await writeTable(db, modelFeatureImportance, predictions.importance);
      await writeTable(db, churnPrediction, predictions.churn);
      await writeTable(db, highValuePrediction, predictions.highValue);
      await writeTable(db, customerLifetimeValue, predictions.lifetime);
      await writeTable(db, modelLifetimeHoldout, predictions.lifetimeHoldout);
      notes.push(...predictions.notes);

      lap('writing');
      progress('finding anomalies');
      await db.run(sql('analytics/anomaly.sql'));
      notes.push(await anomalyNotes(db));
      lap('anomalies');

      progress('building campaign lists, recommendations and demand forecasts');
      notes.push(...(await buildActionTables(db)).notes);
      lap('actions');

      progress('running data tests');
      const specs = [...MODEL_TABLES, ...ACTION_TABLES];
      const { run, failures } = await runDataTests(db, specs);
      if (failures.length) throw new DataTestError(describeFailures(failures));
      const tables = [];
      for (const spec of specs) tables.push({ name: spec.name, rows: await db.number(`select count(*) from ${spec.name}`) });
      lap('data tests');
      notes.push(`${run} data tests passed`, `timings (ms): ${summary()}`);
      return {
        rowsIn,
        rowsOut: tables.find((t) => t.name === customerRfm.name)?.rows ?? 0,
        tables,
        notes,
        outputs: {},
      };
    }),
  );
}
