// Ends a dev server when the command that started it is gone, even when that command was killed
// (SIGKILL, a crash: no exit handler runs). Started by that command with a pipe as its stdin: the
// pipe closes when the command's process ends, however it ends. Argument: the server's pid.
const serverPid = Number(process.argv[2]);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function endServer() {
  if (alive(serverPid)) process.kill(serverPid, 'SIGTERM');
  // A server that has not stopped after 10 s is killed.
  const deadline = Date.now() + 10_000;
  const timer = setInterval(() => {
    if (!alive(serverPid)) process.exit(0);
    if (Date.now() > deadline) {
      process.kill(serverPid, 'SIGKILL');
      process.exit(0);
    }
  }, 100);
  timer.unref?.();
}

process.stdin.on('end', endServer);
process.stdin.on('close', endServer);
process.stdin.on('error', endServer);
process.stdin.resume();
// The server stopped on its own (or by the command): nothing left to watch.
setInterval(() => {
  if (!alive(serverPid)) process.exit(0);
}, 1_000);
