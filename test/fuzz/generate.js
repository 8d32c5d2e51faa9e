#!/usr/bin/env node
/**
 * The generative fuzzers (issue 13), beside the mutational one (run.js):
 *
 *   plans  random plans built from the grammar — deep metric chains (squares, long sums, quotients), huge
 *          bands tables and curves, groups nested up to 40 deep, extreme numbers (10^400, 40 decimals, 0,
 *          negatives), bonuses, vetoes, grades, tests — through check, compile, score (hostile rows),
 *          explain, the plan's tests, format, and the emitted module (imported and compared, every 100th
 *          error-free plan); the invariant is lib.js `checkCase`
 *   files  random data files — CSV (giant cells and headers, lookalike ids, bad bytes, NULs, ragged rows),
 *          JSON (deep nesting, non-objects, huge arrays), XLSX (hidden sheets, zip bombs, lying zip headers,
 *          truncation, random bytes) — through the CLI's reader (openTable), the binder and the compiled
 *          test plan: a table with rows, or a coded KPI08xx/09xx error, never another exception
 *
 * Every case has a time budget (--case-ms, default 5000 ms of CPU; a case over it is "slow", one not done in 3× it
 * of CPU or 12× it of wall time is a "hang": the worker is stopped) and a memory budget: the worker's heap is capped at 1 GB and the process's
 * resident size is read after every case (over --mem-mb, default 1024, is a finding). Inputs are under 1 MB
 * except the budgets' own probes (a zip whose parts claim hundreds of MB).
 *
 *   node test/fuzz/generate.js                       100,000 plans and 10,000 files, seed 20261204
 *   node test/fuzz/generate.js --plans 500 --files 100 --seed 7
 *   node test/fuzz/generate.js --only files          one fuzzer
 *
 * In pieces (a shared machine; a full run is ~30 min of one core): --from I --to J runs cases [I, J) of each kind;
 * --log FILE appends one JSON line per block of --block cases (default 1,000: its range, cases, error-free ones,
 * wall and CPU time, peak resident size, the 5 slowest, the findings, the load average); --resume with --log runs
 * only the cases no block of the log covers (same seed and budgets), so a killed run goes on where it stopped;
 * --summary with --log prints the figures of all the pieces together and names any range not yet run:
 *   nice -n 10 node test/fuzz/generate.js --log fuzz.log --resume --to 50000     (later: again without --to)
 *   node test/fuzz/generate.js --log fuzz.log --summary
 * Exit 0 when every case passed, 1 on a finding (printed with its seed and index: --replay KIND:SEED:INDEX) or, for
 * --summary, when a range is not yet run; 2 on bad arguments.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const ROOT = join(import.meta.dirname, '..', '..');
/**
 * The budget is CPU time, the process's (the worker's work and the garbage collector's threads; the main thread
 * only watches): on a shared machine, with this run under `nice`, wall time measures the other jobs — the same
 * case took 0.7 s wall on a quiet host and 3.8 s at load 9 for 1.6 s of CPU. Wall time is reported beside it,
 * and a case that waits 12× the budget in wall time without finishing is a hang too.
 */
const CLOCK = 'cpu';
const HANG_WALL = 12;
const say = (s) => process.stdout.write(`${s}\n`);
const fmtInt = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- seeded randomness

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  /** mostly small, sometimes large: 0..hi with a heavy tail */
  const size = (hi) => Math.min(hi, Math.floor(Math.exp(next() * Math.log(hi + 1))) - 1 + (chance(0.5) ? 0 : int(0, 3)));
  return { next, int, pick, chance, size };
}
const caseSeed = (seed, i) => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + Math.imul(i, 0x85ebca6b)) >>> 0;

// ---------------------------------------------------------------- plans from the grammar

const NAMES = ['销售额', '回款率', '客户满意度', '流失率', '准时交付率', '毛利', 'a', 'x_1', '__proto__', 'constructor', '"名 字"', '"[点此查看](https://example.com)"', '"</script>"', '"a\\\\"', 'Ｓ００１', '销\u200b售'];
const NUMBERS = ['0', '1', '2', '3', '5', '10', '95', '100', '0.5', '0.95', '1.2', '1_200_000', '123456789012345', `1${'0'.repeat(400)}`, `0.${'0'.repeat(39)}1`, '-1', '-0', '99999999999999999999', '0.333333333333333333333333333333'];
const PERCENTS = ['0%', '1%', '5%', '50%', '80%', '95%', '100%', '120%', '150%', '0.01%', '33.33%', '99999%'];

function genPlan(r) {
  let n = 0;
  const fresh = (base) => `${base}${n++}`;
  const num = () => (r.chance(0.3) ? r.pick(PERCENTS) : r.pick(NUMBERS));
  const columns = Array.from({ length: r.int(1, 6) }, () => fresh('列'));
  const metrics = [];
  const lines = [];
  // metric chains: squares (the probe's plan), long sums, quotients, min/max/abs, references to earlier metrics
  const chains = r.int(0, 3);
  for (let c = 0; c < chains; c++) {
    const kind = r.pick(['square', 'sum', 'ratio', 'mixed', 'long']);
    const len = kind === 'square' ? r.int(1, 30) : kind === 'long' ? r.size(2000) : r.int(1, 8);
    let prev = r.pick(columns);
    for (let i = 0; i < len; i++) {
      const m = fresh('m');
      const other = r.chance(0.5) ? r.pick(columns) : metrics.length ? r.pick(metrics) : r.pick(columns);
      const expr =
        kind === 'square'
          ? `${prev} * ${prev}`
          : kind === 'sum'
            ? Array.from({ length: r.int(2, 12) }, () => (r.chance(0.7) ? r.pick(columns) : num())).join(' + ')
            : kind === 'ratio'
              ? `(${prev} + ${num()}) / ${other}`
              : kind === 'long'
                ? `${prev} + 1`
                : r.pick([`min(${prev}, ${other})`, `max(${prev}, ${num()}, ${other})`, `abs(${prev} - ${other})`, `${prev} * ${num()} / (${other} + 1)`, `-${prev}`, `(${prev})`]);
      lines.push(`  metric ${m} = ${expr}${r.chance(0.2) ? ` default ${num()}` : ''}`);
      metrics.push(m);
      prev = m;
    }
  }
  const sources = [...columns, ...metrics];
  // the scored tree: nested groups (sometimes past the parser's 32 levels) and indicators with every method
  const depth = r.chance(0.05) ? r.int(30, 40) : r.int(0, 3);
  const method = () => {
    const m = r.pick(['linear', 'reverse', 'threshold', 'bands', 'curve', 'deduct', 'rating']);
    if (m === 'linear' || m === 'reverse') return `target ${num()} scoring ${m}${r.chance(0.4) ? ` cap ${r.pick(PERCENTS)}` : ''}${r.chance(0.2) ? ` floor ${r.pick(PERCENTS)}` : ''}`;
    if (m === 'threshold') return `target ${num()} scoring threshold${r.chance(0.3) ? ' lower' : ''}`;
    if (m === 'bands') {
      const rows = r.chance(0.01) ? r.int(100, 3000) : r.int(1, 6);
      const on = r.chance(0.5) ? ' on ratio' : '';
      return `target ${num()} scoring bands${on} { ${Array.from({ length: rows }, (_, i) => `>= ${rows - i}${on ? '%' : ''}: ${Math.max(0, 100 - i)}`).join('  ')}${r.chance(0.7) ? '  else: 0' : ''} }`;
    }
    if (m === 'curve') {
      const pts = r.chance(0.01) ? r.int(100, 3000) : r.int(1, 6);
      return `scoring curve { ${Array.from({ length: pts }, (_, i) => `${i}: ${Math.min(120, i * r.int(0, 3))}`).join(', ')} }`;
    }
    if (m === 'deduct') return `scoring deduct ${r.pick(['1', '5', '20', '0.5'])} per ${r.pick(['1', '2', '0.5'])}${r.chance(0.5) ? ` max ${r.pick(['10', '100', '50'])}` : ''}`;
    return `scoring rating 1..5${r.chance(0.5) ? ' raters { self 20%, manager 80% }' : ''}`;
  };
  /** weights that sum to exactly 100% (most of the time): whole hundredths of a percent */
  const weights = (k) => {
    const base = Math.floor(10000 / k);
    const w = Array.from({ length: k }, () => base);
    w[k - 1] += 10000 - base * k;
    if (r.chance(0.05)) w[0] += 1; // sometimes wrong: KPI0301
    return w.map((x) => `${(x / 100).toFixed(2).replace(/\.?0+$/, '')}%`);
  };
  const items = (level, indent) => {
    const out = [];
    const k = level < depth ? r.int(1, 2) : r.chance(0.01) ? r.int(50, 300) : r.int(1, 5);
    const ws = weights(k);
    for (let i = 0; i < k; i++) {
      if (level < depth && i === 0) {
        out.push(`${indent}group ${fresh('组')} weight ${ws[i]} {`, ...items(level + 1, `${indent}  `), `${indent}}`);
      } else {
        const src = r.pick(sources);
        const name = r.chance(0.6) ? src : fresh('指标');
        const input = name === src || !r.chance(0.7) ? '' : ` input ${src}`;
        out.push(`${indent}indicator ${name.startsWith('"') ? name : name} weight ${ws[i]}${input} ${method()}${r.chance(0.1) ? ` default ${num()}` : ''}`);
      }
    }
    return out;
  };
  // indicators are named after sources, so names repeat: a few duplicate-name errors are expected and fine
  const body = items(0, '  ');
  if (r.chance(0.3)) lines.push(`  bonus ${fresh('奖')} points ${r.pick(['1', '2', '0.5'])} per ${r.pick(['1', '3'])}${r.chance(0.5) ? ' max 10' : ''} default 0`);
  if (r.chance(0.3)) lines.push(`  veto ${fresh('否决')} when ${r.pick(sources)} ${r.pick(['>', '>=', '<', '==', '!='])} ${num()}${r.chance(0.3) ? ` and ${r.pick(sources)} > 0` : ''}`);
  if (r.chance(0.5)) lines.push('  grades {', '    A >= 90 coefficient 1.2', '    B >= 70 coefficient 1.0', '    C       coefficient 0.8', '  }');
  if (r.chance(0.2)) {
    lines.push(`  test "t${n}" {`, `    given ${columns.map((c) => `${c} = ${num()}`).join(', ')}`, `    expect total = ${r.pick(['0', '50', '100', '82'])}`, '  }');
  }
  if (r.chance(0.2)) lines.push(`  round ${r.int(0, 6)}`);
  const planName = r.chance(0.9) ? fresh('方案') : r.pick(NAMES);
  return `plan ${planName} {\n${[...lines, ...body].join('\n')}\n}\n`;
}

// ---------------------------------------------------------------- data files

const HEAD = ['工号', '姓名', '销售额', '流失率', '满意度', '创新'];
const VALUES = ['100%', '95%', '0.95', '1,200,000', '¥1,200', '０.８５', '5%', '4', '3', '', ' ', 'abc', '=1+2', '@x', 'NaN', 'Infinity', '-0', '1e309', '1e-400', '1e300', '0.1234567890123456789', '-50%', '#DIV/0!', '"quoted, comma"', '\u0000', '\u001b[2J'];
const IDS = ['S001', 'S002', 'S001\u200b', 'Ｓ００１', '\ufeffS001', 's001', ' S003 ', '', '\u202eS004', '=cmd', 'S\u0000'];

function genRows(r, width, count) {
  return Array.from({ length: count }, () => [r.pick(IDS) || `E${r.int(0, 99999)}`, `员工${r.int(0, 99)}`, ...Array.from({ length: Math.max(0, width - 2) }, () => r.pick(VALUES))]);
}

function csvText(r) {
  const kind = r.pick(['plain', 'plain', 'giant-cell', 'giant-header', 'many-columns', 'ragged', 'quotes', 'bytes', 'mixed-eol']);
  const head = [...HEAD];
  if (kind === 'giant-header') head.push('销'.repeat(r.size(400_000)));
  if (kind === 'many-columns') for (let i = 0; i < r.size(20_000); i++) head.push(`列${i}`);
  const rows = genRows(r, head.length, r.size(2000));
  if (kind === 'giant-cell' && rows.length) rows[0][2] = '9'.repeat(r.size(500_000));
  if (kind === 'ragged') for (const row of rows) row.length = r.int(1, head.length + 3);
  const q = (c) => (kind === 'quotes' && r.chance(0.3) ? `"${c}` : /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const eol = kind === 'mixed-eol' ? () => r.pick(['\n', '\r\n', '\r']) : () => '\n';
  let text = head.map(q).join(',') + eol();
  for (const row of rows) text += row.map((c) => q(String(c ?? ''))).join(',') + eol();
  let bytes = Buffer.from(text);
  if (kind === 'bytes') {
    bytes = Buffer.from(bytes);
    for (let i = 0; i < r.int(1, 20); i++) bytes[r.int(0, bytes.length - 1)] = r.int(0, 255);
    if (r.chance(0.3)) bytes = bytes.subarray(0, r.int(0, bytes.length));
  }
  return { name: 'data.csv', bytes };
}

function jsonText(r) {
  const kind = r.pick(['plain', 'plain', 'deep', 'deep-object', 'not-array', 'not-objects', 'big-numbers', 'broken']);
  const rows = genRows(r, HEAD.length, r.size(2000)).map((row) => Object.fromEntries(HEAD.map((h, i) => [h, row[i]])));
  if (kind === 'big-numbers') for (const o of rows) o['销售额'] = r.pick([1e308, -1e308, 5e-324, 0.1 + 0.2, 123456789012345680000]);
  let text = JSON.stringify(rows);
  if (kind === 'deep') {
    const d = r.size(20_000);
    text = `[{"工号":"S001","销售额":"100%","备注":${'['.repeat(d)}${']'.repeat(d)}}]`;
  }
  if (kind === 'deep-object') {
    const d = r.size(20_000);
    text = `[{"工号":"S001","备注":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}]`;
  }
  if (kind === 'not-array') text = JSON.stringify(rows[0] ?? {});
  if (kind === 'not-objects') text = JSON.stringify([1, 'x', null, [1]]);
  if (kind === 'broken') text = text.slice(0, r.int(0, text.length));
  return { name: 'data.json', bytes: Buffer.from(text) };
}

/** a zip of the given parts; `declared` lies about a part's size */
function zip(parts) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const comp = deflateRawSync(p.data);
    const size = p.declared ?? p.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    central.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const BOMBS = {};

async function xlsxBytes(r, ExcelJS) {
  const kind = r.pick(['plain', 'plain', 'hidden', 'all-hidden', 'bomb', 'liar', 'truncated', 'mutated', 'merged']);
  // bombs are built once per size (deflating 300 MB takes seconds) and reused
  if (kind === 'bomb') {
    const mb = r.pick([33, 64, 300]);
    BOMBS[mb] ??= zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(mb * 1024 * 1024, 0x41) }]);
    return { name: 'data.xlsx', bytes: BOMBS[mb] };
  }
  if (kind === 'liar') return { name: 'data.xlsx', bytes: zip([{ name: 'xl/workbook.xml', data: Buffer.alloc(r.int(1, 16) * 1024 * 1024, 0x20), declared: r.int(0, 5000) }]) };
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2025-01-01T00:00:00Z');
  wb.modified = wb.created;
  if (kind === 'hidden' || kind === 'all-hidden') {
    const h = wb.addWorksheet('草稿', { state: r.pick(['hidden', 'veryHidden']) });
    h.addRow(HEAD);
    h.addRow(['S001', '张', '1%', '1%', 1, 0]);
  }
  const ws = wb.addWorksheet('数据', kind === 'all-hidden' ? { state: 'hidden' } : {});
  ws.addRow(HEAD);
  for (const row of genRows(r, HEAD.length, r.size(300))) ws.addRow(row.map((c) => (r.chance(0.3) && c !== '' && !Number.isNaN(Number(c)) ? Number(c) : c)));
  if (kind === 'merged' && ws.rowCount > 3) ws.mergeCells('C2:C3');
  let bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (kind === 'truncated') bytes = bytes.subarray(0, r.int(4, bytes.length));
  if (kind === 'mutated') {
    bytes = Buffer.from(bytes);
    for (let i = 0; i < r.int(1, 30); i++) bytes[r.int(4, bytes.length - 1)] = r.int(0, 255);
  }
  return { name: 'data.xlsx', bytes };
}

// ---------------------------------------------------------------- main thread

const USAGE =
  'usage: node test/fuzz/generate.js [--plans N] [--files N] [--seed S] [--case-ms MS] [--mem-mb MB] [--only plans|files]\n' +
  '         [--from I] [--to J] [--log FILE [--resume] [--block N]] [--summary --log FILE] [--replay KIND:SEED:INDEX [--out FILE]] [--quiet]';

function parseArgs(argv) {
  const o = { plans: 100_000, files: 10_000, seed: 20261204, caseMs: 5000, memMb: 1024, from: 0, to: undefined, block: 1000, only: undefined, replay: undefined, log: undefined, resume: false, summary: false, quiet: false };
  const bad = (msg) => {
    process.stderr.write(`generate: ${msg}\n${USAGE}\n`);
    process.exit(2);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--plans') o.plans = Number(v());
    else if (a === '--files') o.files = Number(v());
    else if (a === '--seed') o.seed = Number(v());
    else if (a === '--case-ms') o.caseMs = Number(v());
    else if (a === '--mem-mb') o.memMb = Number(v());
    else if (a === '--from') o.from = Number(v());
    else if (a === '--to') o.to = Number(v());
    else if (a === '--block') o.block = Number(v());
    else if (a === '--only') o.only = v();
    else if (a === '--replay') o.replay = v();
    else if (a === '--log') o.log = v();
    else if (a === '--out') o.out = v();
    else if (a === '--resume') o.resume = true;
    else if (a === '--summary') o.summary = true;
    else if (a === '--quiet') o.quiet = true;
    else bad(`unknown argument ${a}`);
  }
  for (const k of ['plans', 'files', 'seed', 'caseMs', 'memMb', 'from', 'block', ...(o.to === undefined ? [] : ['to'])]) {
    if (!Number.isInteger(o[k]) || o[k] < 0) bad(`${k} must be a whole number`);
  }
  if (o.block < 1) bad('block must be at least 1');
  if (o.only !== undefined && o.only !== 'plans' && o.only !== 'files') bad(`--only takes plans or files, not ${o.only}`);
  if ((o.resume || o.summary) && !o.log) bad(`${o.resume ? '--resume' : '--summary'} needs --log FILE`);
  return o;
}

// ---- the log: one JSON line per block of cases, so a long run can be done in pieces and reported together

/** records of the log that belong to this run's settings (kind, seed and budgets) */
function readLog(o, kind) {
  if (!o.log || !existsSync(o.log)) return [];
  const out = [];
  for (const line of readFileSync(o.log, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let rec;
    try {
      rec = JSON.parse(line);
    } catch {
      continue; // a line cut by a killed run: its block is simply run again
    }
    if (rec.kind === kind && rec.seed === o.seed && rec.caseMs === o.caseMs && rec.memMb === o.memMb && rec.clock === CLOCK) out.push(rec);
  }
  return out;
}

/** [from, to) ranges of [lo, hi) not covered by the records */
function gaps(records, lo, hi) {
  const done = records.map((r) => [r.from, r.to]).sort((a, b) => a[0] - b[0]);
  const out = [];
  let at = lo;
  for (const [a, b] of done) {
    if (b <= at) continue;
    if (a >= hi) break;
    if (a > at) out.push([at, Math.min(a, hi)]);
    at = Math.max(at, b);
    if (at >= hi) break;
  }
  if (at < hi) out.push([at, hi]);
  return out;
}

const newStats = (kind) => ({ kind, cases: 0, clean: 0, findings: [], slowest: [], ms: 0, cpuMs: 0, maxRss: 0 });
const keepSlowest = (list, n) => list.sort((a, b) => b.ms - a.ms).slice(0, n);

/** merge block records (or per-range stats) into one */
function merge(kind, parts) {
  const s = newStats(kind);
  for (const p of parts) {
    s.cases += p.cases;
    s.clean += p.clean;
    s.ms += p.ms;
    s.cpuMs += p.cpuMs ?? 0;
    s.maxRss = Math.max(s.maxRss, p.maxRss);
    s.findings.push(...p.findings);
    s.slowest = keepSlowest([...s.slowest, ...p.slowest], 10);
  }
  return s;
}

/** run cases [from, to) of one kind in a worker; a hang or a crash stops the worker and the run resumes after it */
async function runRange(kind, o, from, to, onBlock) {
  const stats = newStats(kind);
  let block = { ...newStats(kind), from, t0: performance.now(), cpu0: process.cpuUsage() };
  const t0 = performance.now();
  let lastReport = t0;
  const caseDone = (index, m) => {
    for (const s of [stats, block]) {
      s.cases++;
      if (m.clean) s.clean++;
      if (m.rss) s.maxRss = Math.max(s.maxRss, m.rss);
      if (m.ms !== undefined) {
        s.slowest.push({ index, ms: m.ms, cpuMs: m.cpuMs, what: m.what });
        if (s.slowest.length > 40) s.slowest = keepSlowest(s.slowest, 10);
      }
      if (m.finding) s.findings.push({ index, ...m.finding });
    }
    if (m.finding && !o.quiet) say(`  finding ${kind}:${o.seed}:${index} ${m.finding.kind}: ${m.finding.message.slice(0, 300)}`);
    // a block ends at a multiple of --block or at the end of the range
    if ((index + 1) % o.block === 0 || index + 1 === to) {
      const cpu = process.cpuUsage(block.cpu0);
      const { t0: bt0, cpu0: _c, ...rest } = block;
      onBlock({ ...rest, to: index + 1, ms: performance.now() - bt0, cpuMs: (cpu.user + cpu.system) / 1000, slowest: keepSlowest(block.slowest, 5), load: loadavg()[0] });
      block = { ...newStats(kind), from: index + 1, t0: performance.now(), cpu0: process.cpuUsage() };
    }
    const now = performance.now();
    if (!o.quiet && now - lastReport > 10_000) {
      lastReport = now;
      say(`  ${kind}: ${fmtInt(index + 1 - from)} / ${fmtInt(to - from)} of [${from}, ${to})  ${Math.round(stats.cases / ((now - t0) / 1000))} cases/s  rss ${Math.round(stats.maxRss / 2 ** 20)} MB  findings ${stats.findings.length}  load ${loadavg()[0].toFixed(2)}`);
    }
  };
  const cpu0 = process.cpuUsage();
  let at = from;
  while (at < to) {
    // [index of the case running, 1 while one runs], then as floats the process's CPU microseconds and the
    // wall-clock milliseconds at the case's start (written by the worker before it sets the two ints)
    const shared = new SharedArrayBuffer(24);
    const head = new Int32Array(shared, 0, 2);
    const atStart = new Float64Array(shared, 8, 2);
    const w = new Worker(new URL(import.meta.url), {
      workerData: { kind, seed: o.seed, from: at, to, caseMs: o.caseMs, memMb: o.memMb, shared, dir: o.dir },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    const res = await new Promise((resolve) => {
      let finished = false;
      // a hang: the case used 3× its CPU budget, or (a case that waits without computing) 12× it in wall time
      const timer = setInterval(() => {
        if (Atomics.load(head, 1) === 1) {
          const i = Atomics.load(head, 0);
          const cpu = process.cpuUsage();
          const cpuMs = (cpu.user + cpu.system - atStart[0]) / 1000;
          const wallMs = Date.now() - atStart[1];
          if (cpuMs > 3 * o.caseMs || wallMs > HANG_WALL * o.caseMs) {
            clearInterval(timer);
            finished = true;
            w.terminate();
            resolve({ type: 'hang', index: i, cpuMs, wallMs });
          }
        }
      }, 50);
      w.on('message', (m) => {
        if (m.type === 'case') caseDone(m.index, m);
        else if (m.type === 'done') {
          clearInterval(timer);
          finished = true;
          resolve({ type: 'done' });
        }
      });
      w.on('error', (e) => {
        clearInterval(timer);
        finished = true;
        resolve({ type: 'crash', index: Atomics.load(head, 0), message: e.message, code: e.code });
      });
      w.on('exit', (code) => {
        clearInterval(timer);
        // a worker that ends without saying so (a case whose promise never settles empties its event loop)
        if (!finished) resolve({ type: 'crash', index: Atomics.load(head, 0), message: `the worker exited (code ${code}) in the middle of the case` });
      });
    });
    if (res.type === 'hang') {
      const message = `not finished after ${res.cpuMs.toFixed(0)} ms of CPU, ${res.wallMs.toFixed(0)} ms wall (stopped at ${3 * o.caseMs} ms CPU or ${HANG_WALL * o.caseMs} ms wall)`;
      caseDone(res.index, { ms: res.wallMs, cpuMs: res.cpuMs, what: 'stopped', finding: { kind: 'hang', message } });
      at = res.index + 1;
    } else if (res.type === 'crash') {
      const oom = res.code === 'ERR_WORKER_OUT_OF_MEMORY';
      caseDone(res.index, { finding: { kind: oom ? 'memory' : 'crash', message: oom ? 'the case needed more than the 1 GB heap' : res.message } });
      at = res.index + 1;
    } else break;
  }
  stats.ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  stats.cpuMs = (cpu.user + cpu.system) / 1000;
  return stats;
}

function report(kind, s, o) {
  say(
    `generate ${kind}: ${fmtInt(s.cases)} cases in ${(s.ms / 1000).toFixed(1)} s = ${Math.round(s.cases / (s.ms / 1000))} cases/s (CPU ${(s.cpuMs / 1000).toFixed(1)} s); ` +
      `${fmtInt(s.clean)} ${kind === 'plans' ? 'error-free plans (compiled, scored, explained, tested, emitted)' : 'files read to the end and scored'}; peak resident ${Math.round(s.maxRss / 2 ** 20)} MB; ` +
      `${s.findings.filter((f) => f.kind === 'crash' || f.kind === 'exception' || f.kind === 'stack-overflow').length} crashes, ${s.findings.filter((f) => f.kind === 'hang').length} hangs, ${s.findings.filter((f) => f.kind === 'slow').length} over budget, ${s.findings.filter((f) => f.kind === 'memory').length} over memory`,
  );
  say(`  slowest: ${keepSlowest(s.slowest, 5).map((x) => `#${x.index} ${x.ms.toFixed(0)} ms${x.cpuMs === undefined ? '' : ` (CPU ${x.cpuMs.toFixed(0)} ms)`} (${x.what})`).join('; ')}`);
  for (const f of s.findings.slice(0, 20)) say(`  FAIL ${f.kind} case ${kind}:${o.seed}:${f.index}: ${f.message}${f.stack ? `\n${f.stack.split('\n').slice(0, 8).map((l) => `      ${l}`).join('\n')}` : ''}\n    replay: node test/fuzz/generate.js --replay ${kind}:${o.seed}:${f.index}`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.replay) {
    const [kind, seed, index] = o.replay.split(':');
    const dir = mkdtempSync(join(tmpdir(), 'kpi-generate-'));
    const one = await runCase(kind, Number(seed), Number(index), await setup(dir), true);
    rmSync(dir, { recursive: true, force: true });
    say(JSON.stringify({ ...one, text: undefined }, null, 2));
    if (o.out) {
      writeFileSync(o.out, one.text);
      say(`case input written to ${o.out}`);
    } else if (one.text !== undefined) {
      const t = typeof one.text === 'string' ? one.text : one.text.toString('utf8');
      say(`--- case input (${t.length} chars, first 2,000; --out FILE writes all of it) ---\n${t.slice(0, 2000)}`);
    }
    process.exit(one.finding ? 1 : 0);
  }
  const kinds = ['plans', 'files'].filter((k) => (!o.only || o.only === k) && (k === 'plans' ? o.plans : o.files) > 0);
  const range = (kind) => {
    const total = kind === 'plans' ? o.plans : o.files;
    return [Math.min(o.from, total), Math.min(o.to ?? total, total)];
  };
  let failed = false;
  if (o.summary) {
    // the figures of a run done in pieces: every block of the log for these settings, checked for gaps
    for (const kind of kinds) {
      const [lo, hi] = range(kind);
      const recs = readLog(o, kind).filter((r) => r.from >= lo && r.to <= hi);
      const missing = gaps(recs, lo, hi);
      const s = merge(kind, recs);
      const loads = recs.map((r) => r.load).filter((x) => x !== undefined);
      report(kind, s, o);
      if (loads.length) say(`  load average (1 min) at the ends of blocks: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
      if (missing.length) say(`  NOT DONE: ${missing.map(([a, b]) => `[${a}, ${b})`).join(', ')} (${fmtInt(missing.reduce((n, [a, b]) => n + b - a, 0))} cases); run them with --resume`);
      if (s.findings.length || missing.length) failed = true;
    }
    say(`generate: ${failed ? 'FAILED (or not complete)' : 'passed'}`);
    process.exit(failed ? 1 : 0);
  }
  // one folder for every worker's case files, removed at the end and on SIGINT/SIGTERM (this thread only waits)
  o.dir = mkdtempSync(join(tmpdir(), 'kpi-generate-'));
  const cleanup = () => rmSync(o.dir, { recursive: true, force: true });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      cleanup();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  say(`generate: ${kinds.map((k) => { const [a, b] = range(k); return `${k} [${fmtInt(a)}, ${fmtInt(b)})`; }).join(' and ')}, seed ${o.seed}, per-case budget ${o.caseMs} ms of CPU (hang after ${3 * o.caseMs} ms CPU or ${HANG_WALL * o.caseMs} ms wall), ${o.memMb} MB resident, 1 GB heap${o.log ? `, log ${o.log}${o.resume ? ' (resuming)' : ''}` : ''}`);
  for (const kind of kinds) {
    const [lo, hi] = range(kind);
    const todo = o.resume ? gaps(readLog(o, kind), lo, hi) : [[lo, hi]];
    if (o.resume) say(`  ${kind}: ${todo.length ? `to run ${todo.map(([a, b]) => `[${a}, ${b})`).join(', ')}` : 'all done already'}`);
    const onBlock = (rec) => {
      if (o.log) appendFileSync(o.log, `${JSON.stringify({ seed: o.seed, caseMs: o.caseMs, memMb: o.memMb, clock: CLOCK, ...rec })}\n`);
    };
    const parts = [];
    for (const [a, b] of todo) if (b > a) parts.push(await runRange(kind, o, a, b, onBlock));
    if (!parts.length) continue;
    const s = merge(kind, parts);
    report(kind, s, o);
    if (s.findings.length) failed = true;
  }
  cleanup();
  say(`generate: ${failed ? 'FAILED' : 'passed'}`);
  process.exit(failed ? 1 : 0);
}

// ---------------------------------------------------------------- one case (worker or replay)

/** `dir`: the folder for the case files (the main thread's, so that a stopped worker leaves nothing behind) */
async function setup(dir) {
  const core = await import(pathToFileURL(join(ROOT, 'packages', 'core', 'dist', 'index.js')).href);
  const lib = await import(pathToFileURL(join(ROOT, 'test', 'fuzz', 'lib.js')).href);
  const read = await import(pathToFileURL(join(ROOT, 'packages', 'cli', 'dist', 'data', 'read.js')).href);
  const { createRequire } = await import('node:module');
  const ExcelJS = createRequire(join(ROOT, 'packages', 'cli', 'package.json'))('exceljs');
  const shopText = readFileSync(join(ROOT, 'test', 'cli', 'fixtures', 'shop.kpi'), 'utf8');
  const shop = core.analyze('shop.kpi', shopText).file.plans[0];
  const compiled = core.compilePlan(shop, { file: 'shop.kpi' }).compiled;
  return { core, lib, read, ExcelJS, shop, compiled, dir, emitted: 0 };
}

/** the emitted module of an error-free plan, imported: it must score a row like the compiled function */
async function checkEmitted(env, plan, text) {
  const code = env.core.emitModule(plan, { file: 'gen.kpi' });
  const file = join(env.dir, `m${env.emitted++}.mjs`);
  writeFileSync(file, code);
  const mod = await import(pathToFileURL(file).href);
  rmSync(file, { force: true });
  const c = env.core.compilePlan(plan, { file: 'gen.kpi' }).compiled;
  if (!c) return undefined;
  const v = new Float64Array(c.inputs.length).fill(1);
  const score = mod.scoreValues;
  if (typeof score !== 'function') return { kind: 'emit', message: 'the emitted module has no scoreValues function' };
  const a = JSON.stringify(score(v));
  const b = JSON.stringify(c.score(v));
  if (a !== b) return { kind: 'emit', message: `the emitted module scores ${a.slice(0, 200)}, the compiled function ${b.slice(0, 200)} (${text.length} chars)` };
  return undefined;
}

async function runCase(kind, seed, index, env, keepText = false) {
  const r = rng(caseSeed(seed, index));
  // the budget is for kpi's work: generating the input (exceljs, deflating a bomb) is not timed
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  let finding;
  let clean = false;
  let what = '';
  let text;
  if (kind === 'plans') {
    text = genPlan(r);
    t0 = performance.now();
    c0 = process.cpuUsage();
    what = `plan, ${text.length} chars, ${text.split('\n').length} lines`;
    const info = {};
    finding = env.lib.checkCase(env.core, text, 'gen.kpi', info);
    clean = !!info.clean;
    if (!finding && clean && env.emittedEvery !== 0 && index % 100 === 0) {
      try {
        for (const plan of env.core.analyze('gen.kpi', text).file.plans) finding ??= await checkEmitted(env, plan, text);
      } catch (e) {
        finding = { kind: 'exception', message: `emitted module: ${e.message}`, stack: e.stack };
      }
    }
  } else {
    const fmt = r.pick(['csv', 'csv', 'json', 'xlsx']);
    const file = fmt === 'csv' ? csvText(r) : fmt === 'json' ? jsonText(r) : await xlsxBytes(r, env.ExcelJS);
    what = `${fmt}, ${file.bytes.length} bytes`;
    const path = join(env.dir, file.name);
    writeFileSync(path, file.bytes);
    t0 = performance.now();
    c0 = process.cpuUsage();
    if (keepText) text = file.bytes;
    try {
      const source = await env.read.openTable(path, { displayName: file.name, ...(r.chance(0.1) ? { encoding: r.pick(['gbk', 'utf-16le', 'utf-8']) } : {}) });
      const binder = env.core.createBinder(source.header, env.compiled.inputs, { fileName: file.name });
      if (binder.ok) {
        let rows = 0;
        for await (const batch of source.rows) {
          for (const { cells, row } of batch) {
            const bound = binder.bindRow(cells, row);
            if (!bound || bound.errors.length) continue;
            const o = env.compiled.score(bound.values);
            if (o.ok && !Number.isFinite(o.result.total)) throw new Error(`total is ${o.result.total}`);
            if (!o.ok && o.errors.some((e) => !/^KPI09\d\d$/.test(e.code))) throw new Error(`row error without a KPI09xx code: ${JSON.stringify(o.errors[0])}`);
            rows++;
          }
        }
        binder.finish();
        clean = rows > 0;
      }
    } catch (e) {
      if (!(e instanceof env.read.DataError) || !/^KPI08\d\d$/.test(e.diagnostic.code)) {
        finding = { kind: e instanceof RangeError && /call stack/.test(e.message) ? 'stack-overflow' : 'exception', message: `${e?.message ?? e}`, stack: e?.stack };
      }
    }
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0); // the process's: the main thread only watches, so this is the case's CPU time
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rss = process.memoryUsage.rss();
  if (!finding && cpuMs > env.caseMs) finding = { kind: 'slow', message: `took ${cpuMs.toFixed(0)} ms of CPU, ${ms.toFixed(0)} ms wall (budget ${env.caseMs} ms of CPU): ${what}` };
  if (!finding && rss > env.memMb * 2 ** 20) finding = { kind: 'memory', message: `resident ${Math.round(rss / 2 ** 20)} MB after the case (budget ${env.memMb} MB): ${what}` };
  return { index, ms, cpuMs, rss, clean, what, finding, text };
}

async function worker() {
  const { kind, seed, from, to, caseMs, memMb, shared, dir } = workerData;
  const head = new Int32Array(shared, 0, 2);
  const atStart = new Float64Array(shared, 8, 2);
  const env = await setup(dir ?? mkdtempSync(join(tmpdir(), 'kpi-generate-')));
  env.caseMs = caseMs;
  env.memMb = memMb;
  for (let i = from; i < to; i++) {
    const cpu = process.cpuUsage();
    atStart[0] = cpu.user + cpu.system;
    atStart[1] = Date.now();
    Atomics.store(head, 0, i);
    Atomics.store(head, 1, 1);
    const res = await runCase(kind, seed, i, env);
    Atomics.store(head, 1, 0);
    parentPort.postMessage({ type: 'case', index: i, ms: res.ms, cpuMs: res.cpuMs, rss: res.rss, clean: res.clean, what: res.what, finding: res.finding });
  }
  parentPort.postMessage({ type: 'done' });
}

if (isMainThread) await main();
else await worker();
