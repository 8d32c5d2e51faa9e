#!/usr/bin/env node
// Playground bench (run after build; `pnpm bench` runs it via bench/run.js):
//  1. bundle size of the built app: JS total and gzip, split into initial load / lazy chunks / worker;
//  2. keystroke-to-updated-scores latency in Debian's Chromium for the largest example with 200 sample
//     rows: the plan text changes, and the playground re-analyses, recompiles, rescores and re-renders
//     the table, explanation and charts. Timed inside the page with performance.now().
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, DIST, buildApp, launch, serve } from '../test/harness.js';

const ROWS = Number(process.env.ROWS ?? 200);
const ITER = Number(process.env.ITER ?? 60);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

// a fresh build in a temporary folder (SKIP_BUILD=1: measure playground/dist as built by `pnpm --filter ./playground build`)
const dist = process.env.SKIP_BUILD === '1' && existsSync(DIST) ? DIST : buildApp();

// ---------- bundle size ----------
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]));
const assets = readdirSync(join(dist, 'assets'));
const sum = { initial: [0, 0], lazy: [0, 0], worker: [0, 0], css: [0, 0], other: [0, 0] };
for (const f of assets) {
  const buf = readFileSync(join(dist, 'assets', f));
  const g = gzipSync(buf, { level: 9 }).length;
  const kind = f.endsWith('.css') ? 'css' : !f.endsWith('.js') ? 'other' : /worker/.test(f) ? 'worker' : initial.has(f) ? 'initial' : 'lazy';
  sum[kind][0] += buf.length;
  sum[kind][1] += g;
}
const js = [sum.initial, sum.lazy, sum.worker].reduce((a, b) => [a[0] + b[0], a[1] + b[1]], [0, 0]);
console.log(`playground bundle (vite build → ${dist})`);
console.log(`  JS total            ${kb(js[0])}  gzip ${kb(js[1])}`);
console.log(`    initial load JS   ${kb(sum.initial[0])}  gzip ${kb(sum.initial[1])}`);
console.log(`    editor worker     ${kb(sum.worker[0])}  gzip ${kb(sum.worker[1])}`);
console.log(`    lazy (xlsx)       ${kb(sum.lazy[0])}  gzip ${kb(sum.lazy[1])}`);
console.log(`  CSS                 ${kb(sum.css[0])}  gzip ${kb(sum.css[1])}`);
console.log(`  fonts/other         ${kb(sum.other[0])}`);

// ---------- latency ----------
if (!existsSync(CHROMIUM)) {
  console.log(`latency: skipped (${CHROMIUM} not found; apt-get install -y chromium)`);
  if (dist !== DIST) rmSync(dist, { recursive: true, force: true });
  process.exit(0);
}
const server = await serve(dist);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => window.kpiPlayground?.ready === true);
  const r = await page.evaluate(
    async ({ ROWS, ITER }) => {
      const h = window.kpiPlayground;
      // the largest example by text
      const names = h.examples();
      let best = names[0];
      let size = 0;
      for (const n of names) {
        h.loadExample(n);
        if (h.getPlan().length > size) {
          size = h.getPlan().length;
          best = n;
        }
      }
      h.loadExample(best);
      // 200 sample rows: the example's rows with numbers varied ±20% (deterministic)
      const base = h.getData();
      let seed = 42;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
      const rows = [];
      for (let i = 0; i < ROWS; i++) {
        const src = base.rows[i % base.rows.length];
        rows.push(
          src.map((cell, c) => {
            if (c === 0) return `E${String(i + 1).padStart(4, '0')}`;
            const m = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(cell);
            if (!m) return cell;
            // marks and counts stay as they are (a mark above the scale would be a data error)
            if (!m[1].includes('.') && !m[2]) return cell;
            const v = Number(m[1]) * (0.8 + 0.4 * rnd());
            return `${v.toFixed(1)}${m[2]}`;
          }),
        );
      }
      h.setData({ columns: base.columns, rows });
      const plan = h.getPlan();
      const scored = h.getResults().filter((x) => x.total !== null).length;
      // one "keystroke": change one character of the plan (a cap or weight digit), alternate back and forth
      const m = /cap (\d+)%/.exec(plan) ?? /weight (\d+)%/.exec(plan);
      const at = m.index + m[0].indexOf(m[1]) + m[1].length - 1;
      const digit = plan[at];
      const other = digit === '9' ? '8' : String(Number(digit) + 1);
      const variant = plan.slice(0, at) + other + plan.slice(at + 1);
      const sync = [];
      const frame = [];
      const parts = [];
      for (let i = 0; i < ITER + 5; i++) {
        const text = i % 2 ? plan : variant;
        const t0 = performance.now();
        h.setPlan(text);
        const t1 = performance.now();
        await new Promise((res) => requestAnimationFrame(() => setTimeout(res, 0)));
        const t2 = performance.now();
        if (i >= 5) {
          sync.push(t1 - t0);
          frame.push(t2 - t0);
          parts.push(h.timing());
        }
      }
      return { example: best, rows: h.getResults().length, scored, sync, frame, parts, edited: m[0] };
    },
    { ROWS, ITER },
  );
  // a real keyboard edit through Monaco (debounced 150 ms): the work done after the debounce
  await page.evaluate(() => window.kpiPlayground.selectText('cap'));
  const keyed = [];
  for (let i = 0; i < 10; i++) {
    const before = await page.evaluate(() => window.kpiPlayground.timing().seq);
    await page.keyboard.press('End');
    await page.keyboard.type(i % 2 ? 'x' : 'y');
    await page.keyboard.press('Backspace');
    await page.waitForFunction((s) => window.kpiPlayground.timing().seq > s, before);
    const t = await page.evaluate(() => window.kpiPlayground.timing());
    keyed.push(t.analyseMs + t.scoreMs + t.renderMs);
  }
  const avg = (k) => r.parts.reduce((a, p) => a + p[k], 0) / r.parts.length;
  console.log(`latency: example ${r.example}, ${r.rows} sample rows (${r.scored} scored), edit \`${r.edited}\` ±1, ${ITER} runs, Chromium ${browser.version()}`);
  console.log(`  keystroke → updated scores (analyse + compile + score + table/explain/charts DOM): median ${ms(q(r.sync, 0.5))}  p95 ${ms(q(r.sync, 0.95))}  (target < 50 ms)`);
  console.log(`    of which: analyse+compile ${ms(avg('analyseMs'))}, bind+score ${ms(avg('scoreMs'))}, table ${ms(avg('tableMs'))}, explain ${ms(avg('explainMs'))}, charts ${ms(avg('chartsMs'))} (means)`);
  console.log(`  … to the next painted frame: median ${ms(q(r.frame, 0.5))}  p95 ${ms(q(r.frame, 0.95))}`);
  console.log(`  real Monaco keystrokes (work after the ${150} ms debounce): median ${ms(q(keyed, 0.5))}  p95 ${ms(q(keyed, 0.95))}`);
  if (errors.length) {
    console.log(`page errors: ${errors.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
  if (dist !== DIST) rmSync(dist, { recursive: true, force: true });
}
