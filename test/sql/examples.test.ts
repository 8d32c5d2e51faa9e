/**
 * Every example plan scored four ways — `kpi score` (JS), `kpi score --engine duckdb` (CSV and Parquet in),
 * and the generated PostgreSQL query on a real server — must give the same JSON report, byte for byte.
 * That includes the SPEC §7 money plan 销售团队季度 (periods, forced distribution, commission, pay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, compilePlan } from '../../packages/core/src/index.js';
import { kpi, ROOT } from '../cli/helpers.js';
import { Duck, pgLoad, pgRows, reportLines, sqlFor } from './engines.js';
import { startPostgres, type Postgres } from './postgres.js';

const EX = join(ROOT, 'examples');
const all = readdirSync(EX).filter((f) => f.endsWith('.kpi')).map((f) => f.slice(0, -4));
/** the SQL target compiles these; a plan with a form it refuses gets KPI1101 (refusals.test.ts) */
const compiles = (name: string) => kpi(['compile', join(EX, `${name}.kpi`), '--target', 'sql', '--dialect', 'duckdb']).code === 0;
const examples = all.filter(compiles);
const refused = all.filter((n) => !examples.includes(n));

describe('which examples the SQL target compiles', () => {
  it('every example compiles: the SPEC §6 seed tables (penalty, optional/N/A, per-person targets, target ranges, steps) and the SPEC §7 money plan', () => {
    for (const name of ['客服主管', '推广专员', '美工', '电商运营总监', '电子商务经理', '销售团队季度']) expect(examples, name).toContain(name);
    expect(refused).toEqual([]);
    expect(examples.length).toBe(all.length);
  });
});
const tmp = mkdtempSync(join(tmpdir(), 'kpi-sql-'));
let pgs: Postgres;
beforeAll(async () => {
  pgs = await startPostgres();
});
afterAll(async () => {
  await pgs?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** the JSON report's row lines ("  {…}," → "{…}") */
const lines = (json: string) => json.split('\n').slice(1, -2).map((l) => l.trim().replace(/,$/, ''));

describe.each(examples)('%s', (name) => {
  const plan = join(EX, `${name}.kpi`);
  const data = join(EX, 'data', `${name}.csv`);
  const js = kpi(['score', plan, '--data', data, '--format', 'json']);

  it('JS scores it', () => {
    expect(js.code, js.stderr).toBe(0);
  });

  it('kpi score --engine duckdb: the same JSON, byte for byte (CSV in)', () => {
    const r = kpi(['score', plan, '--data', data, '--format', 'json', '--engine', 'duckdb']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(js.stdout);
  });

  it('kpi score --engine duckdb: the same CSV, byte for byte', () => {
    const csv = kpi(['score', plan, '--data', data, '--format', 'csv']);
    const r = kpi(['score', plan, '--data', data, '--format', 'csv', '--engine', 'duckdb']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(csv.stdout);
  });

  it('Parquet in (picked automatically) and Parquet out: the same results', async () => {
    const duck = await Duck.open();
    const pq = join(tmp, `${name}.parquet`);
    // typed columns, as a lake holds them: DuckDB's own type detection of the CSV
    await duck.con.run(`COPY (SELECT * FROM read_csv('${data.replace(/'/g, "''")}')) TO '${pq.replace(/'/g, "''")}' (FORMAT parquet)`);
    const r = kpi(['score', plan, '--data', pq, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(js.stdout);
    const out = join(tmp, `${name}.out.parquet`);
    const w = kpi(['score', plan, '--data', data, '-o', out]);
    expect(w.code, w.stderr).toBe(0);
    const totals = (await duck.rows(`SELECT id, CAST(total AS VARCHAR) FROM read_parquet('${out.replace(/'/g, "''")}')`)).map((x) => `${String(x[0])}:${Number(x[1])}`);
    expect(totals).toEqual(JSON.parse(js.stdout).map((x: { id: string; total: number }) => `${x.id}:${x.total}`));
  });

  it('the PostgreSQL query on a real server: the same JSON rows', async () => {
    const a = analyze(plan, readFileSync(plan, 'utf8'));
    const ir = a.file.plans[0]!;
    const lp = compilePlan(ir).compiled!.lowered;
    // the CSV's cells as text (DuckDB's reader; the CLI reads the same cells)
    const duck = await Duck.open();
    const src = `read_csv('${data.replace(/'/g, "''")}', all_varchar = true, header = true)`;
    const header = (await duck.rows(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${src})`)).map((r) => String(r[0]));
    const rows = (await duck.rows(`SELECT * FROM ${src}`)) as (string | null)[][];
    await pgLoad(pgs.client, `t_${name}`, header!, rows);
    const q = sqlFor(lp, 'postgres', `t_${name}`, header![0]!, undefined, undefined, ir);
    const got = reportLines(q, lp, await pgRows(pgs.client, `${q.sql.trimEnd()}\n`));
    expect(got).toEqual(lines(js.stdout));
  });
});
