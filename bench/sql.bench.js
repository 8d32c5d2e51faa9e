#!/usr/bin/env node
// `kpi score --engine duckdb` (the plan as exact SQL in embedded DuckDB) against the JS pipeline and a
// hand-written float scorer (bench/hand-scorer.js), each a whole process on the same 店长 data, CSV and
// Parquet in, with wall time, CPU time and peak RSS from /usr/bin/time -v. Also checks that DuckDB's totals
// and grades equal the JS engine's on every row.
//   node bench/sql.bench.js [rows ...]     (default: 1000000 and 10000000; `pnpm bench sql` runs it)
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { makeData, plan } from './shop-data.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'packages', 'cli', 'bin', 'kpi.js');
const require = createRequire(join(here, '..', 'packages', 'cli', 'package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));
const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
// `pnpm bench` runs 1M and 10M rows (10M: about 10× the 1M times, 30 min on this host, BENCHMARKS.md); `node bench/sql.bench.js 1000000` for one size
if (!SIZES.length) SIZES.push(1_000_000, 10_000_000);

/** two files hold the same bytes, read 1 MB at a time (10M rows of report are beyond a JS string's length) */
function sameBytes(a, b) {
  if (statSync(a).size !== statSync(b).size) return false;
  const fa = openSync(a, 'r');
  const fb = openSync(b, 'r');
  try {
    const ba = Buffer.alloc(1 << 20);
    const bb = Buffer.alloc(1 << 20);
    for (;;) {
      const n = readSync(fa, ba, 0, ba.length, null);
      const m = readSync(fb, bb, 0, bb.length, null);
      if (n !== m || ba.compare(bb, 0, m, 0, n) !== 0) return false;
      if (n === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

/** one whole-process run: wall s, cpu s, peak RSS MB */
function run(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 1500)}`);
  const num = (re) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  const cpu = num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/);
  return { wall, cpu, rss: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 };
}

const dir = mkdtempSync(join(tmpdir(), 'kpi-sql-bench-'));
try {
  const planPath = join(dir, '店长.kpi');
  writeFileSync(planPath, plan);
  for (const rows of SIZES) {
    const csv = join(dir, `data-${rows}.csv`);
    const pq = join(dir, `data-${rows}.parquet`);
    await makeData(csv, rows);
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    const mb = (p) => `${(statSync(p).size / 1048576).toFixed(0)} MB`;
    console.log(`\n${rows.toLocaleString('en-US')} rows: CSV ${mb(csv)}, Parquet ${mb(pq)} (text cells, as exported)`);
    const o = (n) => join(dir, n);
    const cases = [
      ['hand-written float scorer, CSV → CSV (not exact)', [join(here, 'hand-scorer.js'), csv, o('hand.csv')]],
      ['kpi score (JS), CSV → CSV', [bin, 'score', planPath, '--data', csv, '-o', o('js.csv')]],
      ['kpi score --engine duckdb, CSV → CSV', [bin, 'score', planPath, '--data', csv, '--engine', 'duckdb', '-o', o('duck.csv')]],
      ['kpi score --engine duckdb, CSV → Parquet', [bin, 'score', planPath, '--data', csv, '-o', o('duck-csv.parquet')]],
      ['kpi score (duckdb, automatic), Parquet → Parquet', [bin, 'score', planPath, '--data', pq, '-o', o('duck.parquet')]],
      ['kpi score (duckdb, automatic), Parquet → CSV', [bin, 'score', planPath, '--data', pq, '-o', o('duck-pq.csv')]],
    ];
    const res = [];
    for (const [label, args] of cases) {
      const x = run(args);
      res.push(x);
      console.log(`${label.padEnd(52)} wall ${x.wall.toFixed(2).padStart(7)} s  cpu ${x.cpu.toFixed(2).padStart(7)} s  peak RSS ${x.rss.toFixed(0).padStart(5)} MB  (cpu ×${(x.cpu / res[0].cpu).toFixed(2)} of hand-written, ×${res[1] ? (x.cpu / res[1].cpu).toFixed(2) : '1.00'} of JS)`);
    }
    // the exact engines agree on every row: JS CSV vs DuckDB Parquet (CSV → Parquet)
    const diff = await con.runAndReadAll(
      `SELECT count(*) FROM read_csv('${o('js.csv')}', all_varchar = true) j FULL JOIN read_parquet('${o('duck-csv.parquet')}') d ON j."工号" = d.id
       WHERE j."工号" IS NULL OR d.id IS NULL OR CAST(j."总分" AS DECIMAL(10,2)) <> d.total OR j."等级" <> d.grade`,
    );
    const same = sameBytes(o('js.csv'), o('duck.csv'));
    console.log(`DuckDB vs JS: ${diff.getRows()[0][0]} rows differ in total or grade; CSV reports ${same ? 'byte-identical' : 'DIFFER'}`);
    con.closeSync();
    db.closeSync();
    rmSync(csv);
    rmSync(pq);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
