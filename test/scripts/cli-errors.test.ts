import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { tempDir } from '../../runtime/temp-dir.js';
import { command } from '../helpers/command.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

/**
 * Runs one of the project's commands the way npm does, without a terminal. Asynchronous, so the
 * tests of this file run side by side: most of each one's time is the command loading its modules.
 */
function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      ...command(script.replace(/\.ts$/, ''), args),
      { cwd: dir.path, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr: stderr.trim() }),
    );
  });
}

describe.concurrent('commands answer bad input with one line and a non-zero exit', () => {
  it.each(['start.ts', 'worker.ts', 'refresh.ts', 'schedule.ts', 'dev-server.ts', 'reset.ts', 'bench.ts', 'generate-sample.ts', 'generate-docs.ts', 'build-workflows.ts'])(
    '%s --help prints usage and exits 0',
    async (script) => {
      const { code, stdout } = await run(script, ['--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: /);
    },
  );

  it('rejects an unknown flag', async () => {
    const { code, stderr } = await run('start.ts', ['--inptu', 'x.csv']);
    expect(code).toBe(2);
    expect(stderr).toBe("error: Unknown option '--inptu' (see --help)");
  });

  it('names a missing input file', async () => {
    const { code, stderr } = await run('start.ts', ['--input', 'missing.csv']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: input not found: missing.csv');
  });

  it('refuses an output path that is a file', async () => {
    const input = join(dir.path, 'in.csv');
    const file = join(dir.path, 'a-file');
    writeFileSync(input, 'x');
    writeFileSync(file, 'x');
    const { code, stderr } = await run('start.ts', ['--input', input, '--output', file]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: output folder ${file} is a file`);
  });

  it('lists every configuration problem on one line and exits 2', async () => {
    const { code, stderr } = await run('worker.ts', [], { TEMPORAL_ADDRESS: 'nowhere', TEMPORAL_API_KEY_FILE: '/no/such/key' });
    expect(code).toBe(2);
    expect(stderr.split('\n')).toEqual([
      'error: invalid Temporal configuration: TEMPORAL_ADDRESS: expected host:port, for example temporal.example.com:7233; ' +
        'TEMPORAL_API_KEY_FILE: file not found or not readable (fix the environment variables named and run the command again)',
    ]);
  });

  it('says when a Temporal address does not answer', async () => {
    // Port 1 (tcpmux): nothing listens there, and no test server can take it, unlike a free
    // ephemeral port, which a dev server started by a parallel test file may grab meanwhile.
    const port = 1;
    const { code, stderr } = await run('refresh.ts', ['--input', 'x.csv'], { TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(new RegExp(`^error: Temporal at 127\\.0\\.0\\.1:${port} did not answer`));
  });
});
