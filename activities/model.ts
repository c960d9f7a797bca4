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
  marketingSegment,
  modelFeatureImportance,
  modelHoldoutPredictions,
  modelKSelection,
  modelLifetimeHoldout,
  modelMetrics,
  MODEL_TABLES,
} from '../warehouse/models/index.js';
import { sql } from '../warehouse/sql.js';
import { ACTION_TABLES } from '../warehouse/actions/index.js';
import { DataTestError } from '../schemas/errors.js';
import { loadModelInputs } from './model/load-inputs.js';
import { ONE_TASK_AT_A_TIME_ABOVE, runModelTasks } from './threads/run-in-worker.js';
import { writeTable } from './model/write-table.js';
import { modelVerdicts } from './model/verdicts.js';
import { buildActionTables } from './actions/index.js';
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
      const dates = inputs.dates;
      const notes = [
        `${inputs.histories.customerIds.length} customers, ${inputs.purchaseLines} purchase lines (net of matched cancellations; duplicate lines excluded)`,
      ];

      lap('load');
      // Segmentation and predictions run in worker threads while this thread builds the SQL tables
      // that need no model; the campaign, which reads the model tables, waits for them.
      progress('clustering customers and training models; anomalies, recommendations and demand meanwhile');
      const { segmenting, predicting, oneAtATime } = runModelTasks(inputs.histories, dates, undefined, inputs.atCutoffs);
      if (oneAtATime) notes.push(`more than ${ONE_TASK_AT_A_TIME_ABOVE.toLocaleString('en-GB')} customers: segmentation and predictions ran one after the other, to bound memory`);
      segmenting.catch(() => undefined); // awaited below; a failing query first must not leave them unhandled
      predicting.catch(() => undefined);
      await db.run(sql('models/anomaly.sql'));
      const anomalies = await anomalyNotes(db);
      lap('anomalies');
      const modelNotes: string[] = [];
      let published: Parameters<typeof modelVerdicts>[1] = {};
      const actions = await buildActionTables(db, {}, async () => {
        const segmentation = await segmenting;
        const predictions = await predicting;
        lap('actions without models, then waiting for them');
        progress('writing the model tables');
        await writeTable(db, customerRfm, segmentation.result.customerRfm);
        await writeTable(db, modelKSelection, segmentation.result.kSelection);
        await writeTable(db, customerClusterProfile, segmentation.result.profiles);
        await writeTable(db, marketingSegment, segmentation.result.marketing);
        await writeTable(db, customerSegment, segmentation.result.segments);
        // A score too good to be true, or one feature that alone gives the label, is a leak: fail the step.
        const leakage = predictions.result.figures.leakage;
        if (leakage.length) throw new DataTestError(`leakage guard: ${leakage.join('; ')}`);
        await writeTable(db, modelMetrics, predictions.result.metrics);
        await writeTable(db, modelHoldoutPredictions, predictions.result.holdout);
        await db.run(sql('models/model_calibration.sql'));
        await writeTable(db, modelFeatureImportance, predictions.result.importance);
        await writeTable(db, churnPrediction, predictions.result.churn);
        await writeTable(db, highValuePrediction, predictions.result.highValue);
        await writeTable(db, customerLifetimeValue, predictions.result.lifetime);
        await writeTable(db, modelLifetimeHoldout, predictions.result.lifetimeHoldout);
        published = predictions.result.figures.published;
        modelNotes.push(
          ...segmentation.result.notes,
          ...predictions.result.notes,
          `model thread timings (ms): segmentation ${segmentation.ms}, predictions ${predictions.ms}`,
        );
        lap('writing');
        progress('building campaign lists');
      });
      lap('campaign');
      notes.push(...modelNotes, anomalies, ...actions.notes);

      progress('running data tests');
      const specs = [...MODEL_TABLES, ...ACTION_TABLES];
      const { run, failures } = await runDataTests(db, specs);
      if (failures.length) throw new DataTestError(describeFailures(failures));
      const tables = [];
      for (const spec of specs) tables.push({ name: spec.name, rows: await db.number(`select count(*) from ${spec.name}`) });
      lap('data tests');
      const verdicts = await modelVerdicts(db, published);
      notes.push(`${run} data tests passed`, `timings (ms): ${summary()}`);
      return {
        rowsIn,
        rowsOut: tables.find((t) => t.name === customerRfm.name)?.rows ?? 0,
        tables,
        notes,
        verdicts,
        outputs: {},
      };
    }),
  );
}
