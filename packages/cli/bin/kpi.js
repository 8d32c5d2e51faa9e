#!/usr/bin/env node
// Shim checked in so the bin exists before the first build (pnpm#1801).
// `kpi score` keeps its memory flat by design (batches of typed arrays), so no run continues in a child
// process with other heap flags: this process is the one that runs, signals and exit codes are its own.
const { main } = await import('../dist/main.js');
main(process.argv).then((code) => {
  process.exitCode = code;
});
