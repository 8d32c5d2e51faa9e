/**
 * Running a plan's generated SQL in the real engines for the tests: embedded DuckDB and a PostgreSQL server
 * (postgres.ts). Rows come back as the report rows of `kpi score --format json` (jsonRow, the CLI's own
 * writer), so results compare byte for byte with the JS engine's.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import { createBinder, generateSql, type CompiledPlan, type DialectName, type LPlan, type Plan, type SqlQuery } from '../../packages/core/src/index.js';
import { resultReader } from '../../packages/cli/src/duckdb-engine.js';
import { jsonRow } from '../../packages/cli/src/writers/shape.js';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** `plan`: the plan itself, for SPEC §7 money items and periods (compile/sql/money.ts) */
export function sqlFor(lp: LPlan, dialect: DialectName, table: string, idColumn: string, columns?: string[], orderBy?: string, plan?: Plan): SqlQuery {
  const g = generateSql(lp, { dialect, table, idColumn, ...(columns ? { columns } : {}), ...(orderBy !== undefined ? { orderBy } : {}), ...(plan ? { plan } : {}) });
  if (!g.query) throw new Error(`no SQL: ${JSON.stringify(g.diagnostics)}`);
  return g.query;
}

/** `kpi score`'s rows, as the CLI gets them (the binder reads the cells, the compiled plan scores): the JSON
 * report row, or `error` */
export function jsLines(compiled: CompiledPlan, header: string[], rows: (string | null)[][]): string[] {
  const binder = createBinder(header, compiled.lowered.inputs, {});
  if (!binder.ok) throw new Error(`binder: ${JSON.stringify(binder.diagnostics)}`);
  return rows.map((r, i) => {
    const b = binder.bindRow(r, i + 2)!;
    if (b.errors.length) return 'error';
    const o = compiled.score(b.values);
    return o.ok ? JSON.stringify(jsonRow(b.id, o.result)) : 'error';
  });
}
/** report lines with every error message as `error` (which error a row reports first may differ) */
export const errorsAsOne = (xs: string[]): string[] => xs.map((x) => (x.startsWith('error') ? 'error' : x));

/** one line per row: the JSON report row, or `error: …` */
export function reportLines(q: SqlQuery, lp: LPlan, rows: unknown[][]): string[] {
  const read = resultReader(q.columns, lp.inds.map((i) => ({ name: i.name, path: i.path })), lp.vetoes.map((v) => v.name));
  return rows.map((r) => (r[1] !== null && r[1] !== undefined ? `error: ${String(r[1])}` : JSON.stringify(jsonRow(String(r[0]), read(r)))));
}

export class Duck {
  private constructor(readonly con: DuckDBConnection) {}
  static async open(): Promise<Duck> {
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    return new Duck(await db.connect());
  }
  async load(table: string, header: string[], rows: (string | null)[][]): Promise<void> {
    await this.con.run(`CREATE OR REPLACE TABLE ${ident(table)} (${header.map((h) => `${ident(h)} VARCHAR`).join(', ')})`);
    if (!rows.length) return;
    const app = await this.con.createAppender(table);
    for (const r of rows) {
      for (const c of r) {
        if (c === null) app.appendNull();
        else app.appendVarchar(c);
      }
      app.endRow();
    }
    app.closeSync();
  }
  async rows(sql: string): Promise<unknown[][]> {
    const r = await this.con.runAndReadAll(sql);
    return r.getRows().map((row) => row.map((v) => (v === null || typeof v === 'boolean' || typeof v === 'string' ? v : String(v))));
  }
}

export async function pgLoad(client: pg.Client, table: string, header: string[], rows: (string | null)[][]): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${ident(table)}`);
  await client.query(`CREATE TABLE ${ident(table)} (k_ord SERIAL, ${header.map((h) => `${ident(h)} TEXT`).join(', ')})`);
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const params: (string | null)[] = [];
    const values = chunk.map((r) => `(${r.map((c) => (params.push(c), `$${params.length}`)).join(', ')})`);
    await client.query(`INSERT INTO ${ident(table)} (${header.map(ident).join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

export async function pgRows(client: pg.Client, sql: string): Promise<unknown[][]> {
  const r = await client.query({ text: sql, rowMode: 'array' });
  return r.rows as unknown[][];
}
