#!/usr/bin/env node
// Playground bench (builds into a temp folder; `pnpm bench` runs it via bench/run.js):
//  1. bundle size of the built app (one classic script with the inline workers, CSS, exceljs loaded on demand);
//  2. first paint, cold (a fresh browser profile: no HTTP or code cache) and warm (a reload): first contentful
//     paint, the plan visible and editable, Monaco ready, first scores on screen;
//  3. keystroke → updated score table in Debian's Chromium, largest example with 200 sample rows: a real key
//     press in Monaco, from the keydown event to the table showing the new scores — the debounce, the engine
//     worker (analyse, compile, score, tests) and the DOM update included.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, DIST, buildApp, launch, serve } from '../test/harness.js';

const ROWS = Number(process.env.ROWS ?? 200);
const KEYS = Number(process.env.KEYS ?? 40);
const LOADS = Number(process.env.LOADS ?? 5);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const ms = (x) => (x === undefined ? '—' : `${x.toFixed(0)} ms`);
const ms1 = (x) => `${x.toFixed(1)} ms`;

const dist = process.env.SKIP_BUILD === '1' && existsSync(DIST) ? DIST : buildApp();

// ---------- bundle size ----------
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+)"/g)].map((m) => m[1]));
console.log(`playground bundle (vite build → ${dist})`);
for (const f of readdirSync(join(dist, 'assets')).sort()) {
  const buf = readFileSync(join(dist, 'assets', f));
  const what = f.endsWith('.css') ? 'CSS (icon font inline)' : initial.has(f) ? 'script: Monaco + page, engine and editor workers inline' : f.startsWith('exceljs') ? 'exceljs, loaded when an XLSX file is chosen' : 'other';
  console.log(`  ${f.padEnd(28)} ${kb(buf.length).padStart(11)}  gzip ${kb(gzipSync(buf, { level: 9 }).length).padStart(10)}  ${what}`);
}
console.log(`  index.html                   ${kb(html.length).padStart(11)}  (layout, loading state and the default plan, painted before any script)`);

if (!existsSync(CHROMIUM)) {
  console.log(`latency: skipped (${CHROMIUM} not found; apt-get install -y chromium)`);
  if (dist !== DIST) rmSync(dist, { recursive: true, force: true });
  process.exit(0);
}
const server = await serve(dist);
const browser = await launch();
const errors = [];
try {
  // ---------- first paint, cold and warm ----------
  const measureLoad = async (page, reload) => {
    const t0 = Date.now();
    if (reload) await page.reload({ waitUntil: 'commit' });
    else await page.goto(server.url, { waitUntil: 'commit' });
    // polled in the page from navigation start (performance.now() is relative to it)
    return page.evaluate(
      () =>
        new Promise((resolve) => {
          const out = {};
          const tick = () => {
            const now = performance.now();
            // the editor is visible once the plan is on screen highlighted and editable: the page's early view
            // (index.html: the plan highlighted with the editor's tokenizer rules under a textarea), or Monaco
            const early = document.querySelector('#early');
            if (out.plan === undefined && ((early && !early.hidden && document.querySelector('#early-view span')) || document.querySelector('.monaco-editor .view-line'))) out.plan = now;
            if (out.monaco === undefined && document.querySelector('.monaco-editor .view-lines .view-line')) out.monaco = now;
            if (out.scores === undefined && document.querySelector('#table td.total')?.textContent) out.scores = now;
            if (out.monaco !== undefined && out.scores !== undefined) {
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              out.fcp = fcp ? fcp.startTime : undefined;
              resolve(out);
            } else requestAnimationFrame(tick);
          };
          tick();
        }),
    ).then((r) => ({ ...r, wall: Date.now() - t0 }));
  };
  const cold = [];
  const warm = [];
  for (let i = 0; i < LOADS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    cold.push(await measureLoad(page, false));
    warm.push(await measureLoad(page, true));
    await ctx.close();
  }
  const row = (name, xs) => {
    const med = (k) => q(xs.map((x) => x[k]).filter((v) => v !== undefined), 0.5);
    console.log(`  ${name.padEnd(5)} first contentful paint ${ms(med('fcp'))}, editor visible (plan highlighted, editable) ${ms(med('plan'))}, Monaco ready ${ms(med('monaco'))}, first scores ${ms(med('scores'))}`);
  };
  console.log(`first paint, median of ${LOADS} loads (from navigation start; cold = fresh profile, warm = reload; target: editor visible ≤ 1.5 s cold)`);
  row('cold', cold);
  row('warm', warm);

  // ---------- keystroke → updated table ----------
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => window.kpiPlayground?.ready === true);
  const setup = await page.evaluate(async (ROWS) => {
    const h = window.kpiPlayground;
    let best = '';
    let size = 0;
    for (const n of h.examples()) {
      await h.loadExample(n);
      if (h.getPlan().length > size) {
        size = h.getPlan().length;
        best = n;
      }
    }
    await h.loadExample(best);
    // 200 sample rows: the example's rows with numbers varied ±20% (deterministic)
    const base = h.getData();
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows = [];
    for (let i = 0; i < ROWS; i++) {
      const src = base.rows[i % base.rows.length];
      rows.push(
        src.map((cell, c) => {
          if (c === 0) return `E${String(i + 1).padStart(4, '0')}`;
          const m = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(cell);
          if (!m) return cell;
          if (!m[1].includes('.') && !m[2]) return cell;
          return `${(Number(m[1]) * (0.8 + 0.4 * rnd())).toFixed(1)}${m[2]}`;
        }),
      );
    }
    await h.setData({ columns: base.columns, rows });
    const m = /cap (\d+)%/.exec(h.getPlan()) ?? /weight (\d+)%/.exec(h.getPlan());
    // record each keydown's time, in the page, before Monaco sees it
    window.__keyAt = [];
    document.addEventListener('keydown', (e) => window.__keyAt.push(e.timeStamp), true);
    return { example: best, rows: h.getResults().length, scored: h.getResults().filter((r) => r.total !== null).length, edited: m[0], digit: m[1] };
  }, ROWS);
  const lat = [];
  const parts = [];
  for (let i = 0; i < KEYS + 3; i++) {
    const before = await page.evaluate(() => window.kpiPlayground.timing().seq);
    // select the last digit of the cap (or weight) and type another one: one keystroke that changes the scores
    await page.evaluate((e) => {
      const h = window.kpiPlayground;
      const plan = h.getPlan();
      const m = /cap (\d+)%/.exec(plan) ?? /weight (\d+)%/.exec(plan);
      const d = m[1].slice(-1);
      h.selectText(`${m[0].slice(0, -2)}${d}%`);
      return e;
    }, setup.edited);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    const k0 = await page.evaluate(() => window.__keyAt.length);
    await page.keyboard.type(i % 2 ? '1' : '2');
    await page.waitForFunction((s) => window.kpiPlayground.timing().seq > s, before);
    // the update for this keystroke is on screen once the table has been redrawn after the key's time
    const r = await page.evaluate((k) => ({ key: window.__keyAt[k], t: window.kpiPlayground.timing() }), k0);
    if (i >= 3) {
      lat.push(r.t.at - r.key);
      parts.push(r.t);
    }
  }
  const avg = (k) => parts.reduce((a, p) => a + p[k], 0) / parts.length;
  console.log(`keystroke → updated table: example ${setup.example}, ${setup.rows} sample rows (${setup.scored} scored), real key presses on \`${setup.edited}\`, ${KEYS} runs, Chromium ${browser.version()}`);
  console.log(`  keydown → new scores in the table (debounce 40 ms + engine worker + DOM): median ${ms1(q(lat, 0.5))}  p95 ${ms1(q(lat, 0.95))}  (target ≤ 100 ms median)`);
  console.log(`    in the worker (means): analyse+compile ${ms1(avg('analyseMs'))}, bind+score+explain ${ms1(avg('scoreMs'))}, plan tests ${ms1(avg('testsMs'))}; worker round trip ${ms1(avg('roundTripMs'))}; page render ${ms1(avg('renderMs'))}; charts (after the frame) ${ms1(avg('chartsMs'))}`);
  const load = (await import('node:os')).loadavg()[0];
  console.log(`  (host load average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} cores)`);
  if (errors.length) {
    console.log(`page errors: ${errors.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
  if (dist !== DIST) rmSync(dist, { recursive: true, force: true });
}
