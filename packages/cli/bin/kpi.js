#!/usr/bin/env node
// Shim checked in so the bin exists before the first build (pnpm#1801).
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

/** the `--data` file of a `score` run, when it is big enough to stream for a while */
function bigScoreData(argv) {
  if (argv[0] !== 'score') return false;
  const i = argv.findIndex((a) => a === '--data' || a.startsWith('--data='));
  if (i < 0) return false;
  const path = argv[i].startsWith('--data=') ? argv[i].slice('--data='.length) : argv[i + 1];
  try {
    return path !== undefined && statSync(path).size >= BIG_DATA_BYTES;
  } catch {
    return false; // the command itself reports a missing file
  }
}
const BIG_DATA_BYTES = 16 * 1024 * 1024;

if (bigScoreData(args) && !process.env.KPI_STREAMING_HEAP && !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
  // Streaming a big file, V8 grows its young generation to 16 MB semi-spaces, which keeps ~35 MB more
  // resident at peak (1M rows: ~205 MB → ~170 MB with 2 MB semi-spaces, ~10% more time; bench/cli-stream).
  // Heap sizes are fixed when a process starts, so this run continues in a child with the flag; the
  // child shares the terminal (progress bar, colours) and its exit code or signal becomes ours.
  const child = spawn(process.execPath, [...process.execArgv, '--max-semi-space-size=2', fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
    env: { ...process.env, KPI_STREAMING_HEAP: '1' },
  });
  // Ctrl-C reaches the child directly (same process group); a signal sent to this process alone is passed on
  const forward = (sig) => () => child.kill(sig);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, forward(sig));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exitCode = code ?? 1;
  });
} else {
  const { main } = await import('../dist/main.js');
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
