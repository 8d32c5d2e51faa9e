#!/usr/bin/env node
// Shim checked in so the bin exists before the first build (pnpm#1801).
// `kpi score` keeps its memory flat by design (batches of typed arrays), so no run continues in a child
// process with other heap flags: this process is the one that runs, signals and exit codes are its own.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // the version alone: without loading the CLI, whose language core builds its parser when imported
  // (~0.2 s of CPU: chevrotain's grammar analysis); the same text commander prints
  const { createRequire } = await import('node:module');
  process.stdout.write(`${createRequire(import.meta.url)('../package.json').version}\n`);
} else {
  const { main } = await import('../dist/main.js');
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
