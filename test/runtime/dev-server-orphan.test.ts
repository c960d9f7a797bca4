import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../../runtime/project.js';
import { tempDir } from '../../runtime/temp-dir.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a dev server started by a command', () => {
  it('does not outlive the command, even when the command is killed with SIGKILL', async () => {
    // A command that starts a dev server, says its pid, and then waits (as `npm start` does during a refresh).
    const script = join(dir.path, 'start-server.mts');
    const devServer = pathToFileURL(join(PROJECT_ROOT, 'runtime', 'dev-server.ts')).href;
    writeFileSync(
      script,
      `import { startDevServer } from ${JSON.stringify(devServer)};\n` +
        `const server = await startDevServer({ port: 0, uiPort: false, allowDownload: false });\n` +
        `console.log('server pid', server.process?.pid);\n` +
        `setInterval(() => undefined, 1000);\n`,
    );
    const command = spawn(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const serverPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      command.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /server pid (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      command.once('exit', () => reject(new Error(`the command ended before starting the server: ${out}`)));
    });
    expect(alive(serverPid)).toBe(true);

    command.kill('SIGKILL'); // no handler of the command runs
    const deadline = Date.now() + 20_000;
    while (alive(serverPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(serverPid)).toBe(false);
  });
});
