/** Bundles the workflow code once (webpack), so that workers start without bundling. */
import { workflowBundlePath } from '../runtime/workflow-bundle.js';
import { parseCli, runMain } from './cli.js';

const USAGE = `
Usage: npm run build

Bundles the workflow code into .cache/workflow-bundle-<hash>.js. Workers use the bundle whose hash
matches the current workflow sources and SDK version, and build it themselves only if it is missing.
`;

runMain(async () => {
  parseCli(USAGE, {});
  const started = performance.now();
  const path = await workflowBundlePath();
  console.log(`workflow bundle: ${path} (${Math.round(performance.now() - started)} ms)`);
});
