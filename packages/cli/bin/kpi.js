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
  // the command: the first argument after any `--lang X` / `--lang=X` written before it (the rule of main.ts's
  // langAfterCommand, which moves them after it; the bin reads argv before the bundle that holds that is loaded)
  let skip = 0;
  while (args[skip] === '--lang' || args[skip]?.startsWith('--lang=')) skip += args[skip] === '--lang' ? 2 : 1;
  const command = args[skip];
  if (command === 'score') {
    // `kpi score` streams a file through reused buffers: what it allocates dies young, and its live heap stays
    // ~15 MB from 1M rows to 10M. Two V8 defaults still made the peak grow (issue 14: ≤ 120 MB, flat):
    // - the young generation doubles (to 2 × 16 MB) once enough has survived its collections in total, which
    //   module loading alone nearly does: ~25 MB of a 1M-row run's ~115 MB. A growth factor of 1 keeps it at its
    //   initial size (measured: 0.81x the CPU too);
    // - the old generation may grow to up to 4x its live size before a full collection: what a small young
    //   generation promotes piled up to 45 MB at 10M rows (peak 108–126 MB vs 89 MB at 1M). 25% keeps it near
    //   the live size (10M rows: 90 MB).
    // `--max-semi-space-size` would be the documented way for the first, but it only works when given at
    // process start (NODE_OPTIONS or a re-spawn); these two flags are read at each growth. Set only for V8
    // versions where they are known (V8 prints an error for a flag it does not have).
    const v8major = Number(process.versions.v8.split('.')[0]);
    if (v8major >= 11 && v8major <= 13) (await import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1 --heap-growing-percent=25');
  } else {
    // Node >= 22.1 can keep the code it compiles for modules in a cache folder, as TypeScript's tsc does: here the
    // module graph (measured with Node 22.23: `kpi check` of a 3-line plan 0.84–0.86x the wall time) and the installed
    // CLI's vendor/ bundles (its commands have a cache of their own on every Node: code-cache.js). Node's default
    // folder is shared by every user of the machine (os.tmpdir()/node-compile-cache) and Node reads what it finds
    // there, so it gets a folder inside kpi's own, which code-cache.js has checked. NODE_COMPILE_CACHE=dir, when set,
    // is Node's from the start; NODE_DISABLE_COMPILE_CACHE=1 turns both off. Not for `kpi score`: the flags above
    // change V8's flag hash, so every switch between score and the other commands would reject the cache.
    const { default: nodeModule } = await import('node:module');
    if (nodeModule.enableCompileCache) {
      const folder = (await import('./code-cache.js')).trustedCacheFolder();
      if (folder !== null) nodeModule.enableCompileCache((await import('node:path')).join(folder, 'node'));
    }
  }
  // `kpi check`, `test` and `fmt` run each piece of their code over a plan once, so what V8's optimising compiler
  // (TurboFan) makes of a function arrives when most of its calls are done. In `kpi check` of 10,000 indicators ~80
  // functions were compiled on V8's helper threads for ~150 ms of CPU (`--trace-opt`; /proc per thread), half the main
  // thread's own, and on two cores those threads take turns with it. Waiting for 8 times V8's interrupt budget (66 KB
  // of bytecode by default) before optimising compiles only the functions that do run long (issue 14, BENCHMARKS.md:
  // 0.78x the CPU, 0.95x the wall time; a 3-line plan unchanged). Not for the commands that go through data or
  // generate code (`score`, `explain`, `diff`, `solve`, `compile`): one function runs long there, and optimising it
  // later cost 1.02-1.04x the wall time; nor `kpi lsp`, which runs for hours. Only on the V8 of Node 20 (11.3), where
  // it was measured and where 66 KB is the default (Node 22's V8 tiers up through Maglev on budgets of its own).
  // The flag is part of V8's flag hash, and code cached under another hash is not used: Node's own modules (compiled
  // from its embedded cache) and kpi's code cache (code-cache.js, checked when loaded, written at exit). So the flag
  // is set once both are loaded (stdout and stderr too: Node makes them when first used) and put back at exit before
  // the cache is written ('exit' listeners run in the order they were added).
  // `kpi check` and `fmt` go further (issue 14, measured in pairs on the 10,000-indicator plan, BENCHMARKS.md):
  // - no inlining in TurboFan: what it compiles there is each a parser or checker function run once per item,
  //   and inlining its callees made the few large ones (the parser's `indicator`) the longest compiles, for code
  //   that runs briefly: 0.95x the CPU of `kpi check` (three runs of 61 pairs: 0.95-0.97), `kpi fmt` 0.96x;
  // - no allocation-site pretenuring: nearly every object they make lives to the end (the plan's IR), and the
  //   bookkeeping (a memento after each object literal, read at every young-generation collection) never led to a
  //   decision in a run this short: 0.98x more (check), 0.93x (fmt);
  // - on-stack replacement compiled at once, not on a helper thread: a loop that runs long (the lexer's, the checker's
  //   over 10,000 indicators) goes on in the interpreter until its optimised code arrives, and on two busy cores that
  //   took longer than compiling it in place: 0.92-0.95x more (check, three runs of 41-61 pairs), 0.93x (fmt);
  // - a young generation that stays at its initial size (a growth factor of 1, as for `kpi score` above): a plan's
  //   IR lives to the end, so each object is copied twice however large the young generation (within it, then out
  //   of it), and growing it only spread those copies over more fresh pages: `kpi check` of 10,000 indicators
  //   0.960x the CPU (95% interval 0.950-0.970, 61 pairs), 0.93x the wall time, 16 MB less peak RSS, 2,700 fewer
  //   page faults; `kpi fmt` of that plan the same CPU (1.00x, 31 pairs) in 140 MB of RSS instead of 175. Not
  //   `--no-parallel-scavenge` with it (each small collection then done by the main thread alone): 0.95x the CPU
  //   of `kpi check` in one run of 41 pairs, 0.98x in another, and 1.05-1.11x the wall time.
  // Not `kpi test`, whose evaluator runs a plan's tests in loops that inlining serves.
  const tiering = (command === 'check' || command === 'test' || command === 'fmt') && process.versions.v8.startsWith('11.3.');
  // V8's defaults (put back at exit), and this run's
  const onePass = tiering && command !== 'test';
  const onePassFlags = onePass ? ['turbo-inlining', 'allocation-site-pretenuring', 'concurrent-osr'] : [];
  const defaults = ['--interrupt-budget=67584', ...onePassFlags.map((f) => `--${f}`), ...(onePass ? ['--semi-space-growth-factor=2'] : [])].join(' ');
  const flags = ['--interrupt-budget=540672', ...onePassFlags.map((f) => `--no-${f}`), ...(onePass ? ['--semi-space-growth-factor=1'] : [])].join(' ');
  /** @type {typeof import('node:v8') | undefined} */
  let v8;
  if (tiering) process.once('exit', () => v8?.setFlagsFromString(defaults));
  // each command keeps its own cache: what it compiles differs (`kpi test` twice what `kpi check` does), and `kpi score`
  // runs with the heap flags above
  // (a run that only prints help is not one to keep: its cache would lack what the command itself compiles)
  const { main } = await loadMain(/^[a-z]{1,16}$/.test(command ?? '') ? command : 'other', !args.includes('--help') && !args.includes('-h'));
  if (tiering) {
    void process.stdout;
    void process.stderr;
    v8 = await import('node:v8');
    v8.setFlagsFromString(flags);
  }
  main(process.argv).then((code) => {
    process.exitCode = code;
    // The command is done (`kpi lsp`'s never is): end now rather than when the event loop has drained, which makes
    // Node wait for V8's background work first — optimising compiles still queued for code that will not run
    // again, a concurrent marking — ~10–20 ms after `kpi check` of 10,000 indicators. Only with nothing left to
    // write: stdout and stderr are synchronous for files, pipes and terminals on Linux, but pipes are not on macOS,
    // and there the run ends as before. (process.exit runs the 'exit' handlers: the code cache is still written.)
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  });
}

/**
 * The commands. Installed (scripts/pack-cli.js puts this file beside one CommonJS bundle of them, kpi.cjs), they
 * run through V8's code cache (code-cache.js: a 3-line `kpi check` 0.85x the wall time on Node 20); in this
 * repository, from the module graph that `tsc -b` builds.
 * @param {string} tag
 * @param {boolean} save
 */
async function loadMain(tag, save) {
  const { existsSync } = await import('node:fs');
  const bundle = new URL('./kpi.cjs', import.meta.url);
  if (!existsSync(bundle)) return import('../dist/main.js');
  const { fileURLToPath } = await import('node:url');
  const { loadBundle } = await import('./code-cache.js');
  return loadBundle(fileURLToPath(bundle), { tag, save }).exports;
}
