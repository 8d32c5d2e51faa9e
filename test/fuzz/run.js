#!/usr/bin/env node
/**
 * `pnpm fuzz`: the plan fuzzer (test/fuzz/lib.js) against the BUILT core (packages/core/dist).
 *
 *   pnpm fuzz                                   100,000 cases, seed 20261202, then the full-size giants
 *   FUZZ_RUNS=5000 FUZZ_SEED=7 pnpm fuzz        fewer cases, another seed (or --runs 5000 --seed 7)
 *   node test/fuzz/run.js --case-ms 2000        per-case time bound (default 5000 ms)
 *   node test/fuzz/run.js --no-giants           skip the giants
 *   node test/fuzz/run.js --replay '<recipe>'   run one recipe (as printed for a failure) and show its text
 *   FUZZ_OUT=dir                                where the full text of a failing case goes (default: the OS temp dir)
 *
 * Every case must finish inside the per-case bound: a slower case is a failure ("slow") that fast-check
 * shrinks like any other. The cases run in a worker thread watched by this process: a case that has not
 * returned after 3 × the bound (an endless loop can't report itself) is a "hang" — the worker is killed and
 * the recipe is printed unshrunk. Exit 0 when every case passed, 1 on a failure, 2 on bad arguments.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..', '..');
/** the core under test: the build, or FUZZ_CORE (a module with the same exports; used to test this harness) */
const CORE = process.env.FUZZ_CORE ? resolvePath(process.env.FUZZ_CORE) : join(ROOT, 'packages', 'core', 'dist', 'index.js');
const SHARED_BYTES = 1 << 16;

// ---------------------------------------------------------------- main thread

function parseArgs(argv, env) {
  const o = {
    runs: Number(env.FUZZ_RUNS ?? 100_000),
    seed: Number(env.FUZZ_SEED ?? 20261202),
    caseMs: Number(env.FUZZ_CASE_MS ?? 5000),
    giantMs: Number(env.FUZZ_GIANT_MS ?? 60_000),
    giants: env.FUZZ_GIANTS !== '0',
    replay: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') o.runs = Number(val());
    else if (a === '--seed') o.seed = Number(val());
    else if (a === '--case-ms') o.caseMs = Number(val());
    else if (a === '--giant-ms') o.giantMs = Number(val());
    else if (a === '--no-giants') o.giants = false;
    else if (a === '--replay') o.replay = val();
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  for (const k of ['runs', 'seed', 'caseMs', 'giantMs']) if (!Number.isInteger(o[k]) || o[k] < 0) usage(`${k} must be a whole number, not ${o[k]}`);
  return o;
}

function usage(err) {
  const text = 'usage: node test/fuzz/run.js [--runs N] [--seed S] [--case-ms MS] [--giant-ms MS] [--no-giants] [--replay RECIPE-JSON]\n       env: FUZZ_RUNS, FUZZ_SEED, FUZZ_CASE_MS, FUZZ_GIANT_MS, FUZZ_GIANTS=0\n';
  process.stderr.write(err ? `fuzz: ${err}\n${text}` : text);
  process.exit(err ? 2 : 0);
}

const fmtInt = (n) => n.toLocaleString('en-US');
const say = (s) => process.stdout.write(`${s}\n`);

async function main() {
  const o = parseArgs(process.argv.slice(2), process.env);
  if (!existsSync(CORE)) {
    process.stderr.write(`fuzz: ${CORE} is missing; build first (pnpm fuzz runs tsc -b)\n`);
    process.exit(2);
  }
  if (o.replay) return replay(o);

  say(`fuzz: ${fmtInt(o.runs)} cases, seed ${o.seed}, per-case bound ${o.caseMs} ms (hang after ${3 * o.caseMs} ms), core ${CORE.startsWith(ROOT) ? CORE.slice(ROOT.length + 1) : CORE}`);
  const t0 = performance.now();
  const res = await runInWorker({ mode: 'cases', runs: o.runs, seed: o.seed, caseMs: o.caseMs }, 3 * o.caseMs);
  const secs = (performance.now() - t0) / 1000;
  let failed = false;
  if (res.type === 'hang') {
    failed = true;
    say(`\nFAIL hang: case ${fmtInt(res.index)} did not finish within ${3 * o.caseMs} ms (the worker was stopped; not shrunk)`);
    say(`  recipe: ${res.recipe}`);
    say(`  replay: node test/fuzz/run.js --replay '${res.recipe.replace(/'/g, "'\\''")}'`);
  } else if (res.type === 'crash') {
    failed = true;
    say(`\nFAIL the fuzzer itself crashed: ${res.message}`);
  } else {
    const cps = res.cases / secs;
    say(`fuzz: ${fmtInt(res.cases)} cases (${fmtInt(res.numRuns)} runs + ${fmtInt(res.cases - res.numRuns)} shrink steps) in ${secs.toFixed(1)} s = ${Math.round(cps)} cases/s; slowest case ${res.slowestMs.toFixed(0)} ms; ${fmtInt(res.clean)} cases were error-free plans (compiled, scored, explained, emitted)`);
    if (res.slowest) say(`  slowest recipe: ${res.slowest}`);
    if (res.failed) {
      failed = true;
      say(`\nFAIL after ${fmtInt(res.numRuns)} runs, shrunk ${res.numShrinks} times (seed ${res.seed}, path ${res.path})`);
      say(`  finding: ${res.finding.kind}: ${res.finding.message}`);
      if (res.finding.stack) say(res.finding.stack.split('\n').slice(0, 12).map((l) => `    ${l}`).join('\n'));
      say(`  recipe: ${res.recipe}`);
      say(`  text (${res.textLength} chars): ${res.excerpt}`);
      const dir = process.env.FUZZ_OUT ?? tmpdir();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `kpi-fuzz-seed-${res.seed}.kpi`);
      writeFileSync(file, res.text);
      say(`  full text written to ${file}`);
      say(`  replay: node test/fuzz/run.js --replay '${res.recipe.replace(/'/g, "'\\''")}'`);
    } else {
      say('fuzz: no failures');
    }
  }

  if (o.giants && !failed) {
    say(`\ngiants (bound ${o.giantMs} ms each):`);
    const g = await runInWorker({ mode: 'giants', giantMs: o.giantMs }, 3 * o.giantMs);
    if (g.type === 'hang') {
      failed = true;
      say(`FAIL hang: giant "${g.recipe}" did not finish within ${3 * o.giantMs} ms`);
    } else if (g.type === 'crash') {
      failed = true;
      say(`FAIL the fuzzer itself crashed: ${g.message}`);
    } else {
      for (const r of g.results) {
        say(`  ${r.finding ? 'FAIL' : 'ok  '} ${String(Math.round(r.ms)).padStart(6)} ms  ${r.name}${r.finding ? ` — ${r.finding.kind}: ${r.finding.message}` : ''}`);
        if (r.finding) failed = true;
      }
    }
  }
  const total = (performance.now() - t0) / 1000;
  say(`\nfuzz: ${failed ? 'FAILED' : 'passed'} in ${total.toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
}

/**
 * Run a job in a worker and watch it: the worker writes the recipe of the case it is on into shared memory
 * and bumps a counter when it starts and ends a case; if a case stays open longer than `hangMs`, stop it.
 */
function runInWorker(job, hangMs) {
  const shared = new SharedArrayBuffer(8 + SHARED_BYTES);
  const head = new Int32Array(shared, 0, 2); // [case counter (odd while a case runs), recipe length]
  const bytes = new Uint8Array(shared, 8);
  const w = new Worker(new URL(import.meta.url), { workerData: { ...job, shared } });
  const tty = process.stderr.isTTY;
  let lastProgress = 0;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (v) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      if (tty) process.stderr.write('\r\x1b[K');
      resolve(v);
    };
    let seen = Atomics.load(head, 0);
    let since = performance.now();
    const watch = setInterval(() => {
      const now = Atomics.load(head, 0);
      if (now !== seen) {
        seen = now;
        since = performance.now();
        return;
      }
      if (now % 2 === 1 && performance.now() - since > hangMs) {
        const recipe = new TextDecoder().decode(bytes.slice(0, Atomics.load(head, 1)));
        void w.terminate();
        finish({ type: 'hang', index: (now + 1) / 2, recipe });
      }
    }, 250);
    w.on('message', (m) => {
      if (m.type === 'progress') {
        const line = `  ${fmtInt(m.done).padStart(9)} / ${fmtInt(m.runs)} cases  ${Math.round(m.cps)} cases/s  slowest ${m.slowestMs.toFixed(0)} ms`;
        if (tty) process.stderr.write(`\r\x1b[K${line}`);
        else if (m.done - lastProgress >= Math.max(1, Math.floor(m.runs / 10))) {
          lastProgress = m.done;
          say(line);
        }
      } else finish(m);
    });
    w.on('error', (e) => finish({ type: 'crash', message: e?.stack ?? String(e) }));
    w.on('exit', (code) => finish({ type: 'crash', message: `worker exited with code ${code}` }));
  });
}

async function replay(o) {
  const { buildText, checkCase, loadExamples } = await import('./lib.js');
  const core = await import(pathToFileURL(CORE).href);
  let recipe;
  try {
    recipe = JSON.parse(o.replay);
  } catch (e) {
    usage(`--replay needs a recipe as JSON: ${e.message}`);
  }
  const text = buildText(recipe, loadExamples());
  say(`text (${text.length} chars):\n${JSON.stringify(text)}\n`);
  const t0 = performance.now();
  const f = checkCase(core, text);
  say(`${f ? `FAIL ${f.kind}: ${f.message}\n${f.stack ?? ''}` : 'ok'} (${(performance.now() - t0).toFixed(0)} ms)`);
  process.exit(f ? 1 : 0);
}

// ---------------------------------------------------------------- worker thread

async function worker() {
  const fc = (await import('fast-check')).default;
  const { GIANTS, buildText, checkCase, loadExamples, recipeArb } = await import('./lib.js');
  const core = await import(pathToFileURL(CORE).href);
  const job = workerData;
  const head = new Int32Array(job.shared, 0, 2);
  const bytes = new Uint8Array(job.shared, 8);
  const enc = new TextEncoder();
  const open = (label) => {
    const { written } = enc.encodeInto(label.length > SHARED_BYTES / 4 ? label.slice(0, SHARED_BYTES / 4) : label, bytes);
    Atomics.store(head, 1, written);
    Atomics.add(head, 0, 1); // odd: a case is running
  };
  const close = () => Atomics.add(head, 0, 1);

  if (job.mode === 'giants') {
    const results = [];
    for (const g of GIANTS) {
      open(g.name);
      const text = g.make();
      const t0 = performance.now();
      let finding = checkCase(core, text);
      const ms = performance.now() - t0;
      close();
      if (!finding && ms > job.giantMs) finding = { kind: 'slow', message: `took ${ms.toFixed(0)} ms (bound ${job.giantMs} ms)` };
      results.push({ name: g.name, ms, ...(finding ? { finding: { kind: finding.kind, message: finding.message } } : {}) });
    }
    parentPort.postMessage({ type: 'giants', results });
    return;
  }

  const examples = loadExamples();
  let cases = 0;
  let clean = 0;
  let slowestMs = 0;
  let slowest;
  const step = Math.max(1, Math.min(1000, Math.floor(job.runs / 10)));
  const t0 = performance.now();
  const property = fc.property(recipeArb, (recipe) => {
    open(JSON.stringify(recipe));
    const text = buildText(recipe, examples);
    const s = performance.now();
    const info = { clean: false };
    const f = checkCase(core, text, 'fuzz.kpi', info);
    const ms = performance.now() - s;
    close();
    cases++;
    if (info.clean && cases <= job.runs) clean++;
    if (ms > slowestMs) {
      slowestMs = ms;
      slowest = recipe;
    }
    if (cases % step === 0) parentPort.postMessage({ type: 'progress', done: cases, runs: job.runs, cps: (cases * 1000) / (performance.now() - t0), slowestMs });
    if (f) throw Object.assign(new Error(`${f.kind}: ${f.message}`), { finding: f });
    if (ms > job.caseMs) throw Object.assign(new Error(`slow: ${ms.toFixed(0)} ms`), { finding: { kind: 'slow', message: `took ${ms.toFixed(0)} ms (bound ${job.caseMs} ms)` } });
  });
  const r = fc.check(property, { seed: job.seed, numRuns: job.runs });
  const base = { type: 'cases', cases, clean, slowestMs, slowest: JSON.stringify(slowest), numRuns: r.numRuns, seed: r.seed };
  if (!r.failed) {
    parentPort.postMessage({ ...base, failed: false });
    return;
  }
  const recipe = r.counterexample?.[0];
  const text = recipe ? buildText(recipe, examples) : '';
  const err = r.errorInstance;
  parentPort.postMessage({
    ...base,
    failed: true,
    numShrinks: r.numShrinks,
    path: r.counterexamplePath,
    recipe: JSON.stringify(recipe),
    text,
    textLength: text.length,
    excerpt: JSON.stringify(text.length > 400 ? `${text.slice(0, 300)} … ${text.slice(-100)}` : text),
    finding: err?.finding ?? { kind: 'exception', message: String(err?.message ?? err), stack: err?.stack },
  });
}

// (dispatched last: the helpers above are `const`s)
if (isMainThread) await main();
else await worker();
