// The commands the tests start as processes run the compiled JavaScript that `npm start` runs
// (scripts/compile.mjs); compiling here, once per test run, keeps it in step with the sources.
import { compile } from '../scripts/compile.mjs';

export default async function setup(): Promise<void> {
  await compile();
}
