import { extract } from './extract.js';
import { model } from './model.js';
import { publish } from './publish.js';
import { recordRun } from './record-run.js';
import { transform } from './transform.js';
import { validate } from './validate.js';

/** The activities of a refresh, keyed by step name. */
export function createActivities() {
  return { extract, validate, transform, model, publish, recordRun };
}

export type Activities = ReturnType<typeof createActivities>;
