/**
 * `kpi score --engine duckdb`: the plan compiled to SQL (core's compile/sql, the same lowered plan the JS
 * compiler reads) and run in embedded DuckDB over a CSV or Parquet file. Rows come back as exact decimal
 * text and go through the same report writers as the JS pipeline (csv, json, table, xlsx), so the output
 * is the same bytes; Parquet out is DuckDB's COPY of the same query. A data error in any row fails the
 * run (exit 2, nothing written), naming the row's id.
 */
import { resolve, extname } from 'node:path';
import { stat, rename, unlink } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBinder, diag, generateSql, hasMoney, legacyDiagnostic, MESSAGE_TABLE, moneyShapeOf, paramsOf, percentHintsOf, pluralS, ui, type Diagnostic, type RowMoney, type RowResult, type RowResultWithMoney, type IndicatorResult, type SqlColumn } from '@kpi/core';
import { AtomicFile, writeError } from './atomic.js';
import { colors, EXIT, UserError, useColor, type Io } from './io.js';
import { loadCompiled } from './plan.js';
import { printDiagnostics } from './report.js';
import { csvWriter, jsonWriter, tableWriter, xlsxWriter, type ResultWriter } from './writers/index.js';
import { shapeOf, type Lang } from './writers/shape.js';

export interface DuckdbScoreOptions {
  data: string;
  id?: string;
  plan?: string;
  maxErrors: string;
  format?: string;
  output?: string;
  keep?: string;
  lang: Lang;
  strict?: boolean;
  encoding?: string;
  sheet?: string;
  period?: string;
}

const sqlStr = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export const isParquetPath = (p: string): boolean => /\.parquet$/i.test(p);

/** the relation DuckDB reads the data file as: every CSV cell as text (read by the CLI's rules in SQL) */
function sourceOf(path: string): string {
  if (isParquetPath(path)) return `read_parquet(${sqlStr(path)})`;
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt') {
    throw new UserError(diag('KPI0006.duckdb-format', { what: ext || path }));
  }
  return `read_csv(${sqlStr(path)}, all_varchar = true, header = true${ext === '.tsv' ? ", delim = '\\t'" : ''})`;
}

export async function runScoreDuckdb(io: Io, planPath: string, opts: DuckdbScoreOptions, maxErrors: number): Promise<number> {
  // the embedded DuckDB is a native binary per platform, installed on its own (the packed CLI leaves it out)
  const { DuckDBInstance } = await import('@duckdb/node-api').catch((e: NodeJS.ErrnoException) => {
    // the package itself missing, or installed without what it needs (its native binding for this platform)
    if ((e.code === 'ERR_MODULE_NOT_FOUND' || e.code === 'MODULE_NOT_FOUND') && /^Cannot find (?:module|package) '@duckdb\/node-api'/.test(e.message)) {
      throw new UserError(diag('KPI0006.duckdb-missing', {}));
    }
    throw new UserError(diag('KPI0006.duckdb-broken', { reason: String(e.message).split('\n')[0]!, platform: `${process.platform}-${process.arch}` }));
  });
  const format = opts.format ?? (opts.output ? formatOf(opts.output) : undefined) ?? 'table';
  // messages in this run's language (`--lang`, else the environment; main.ts sets io.lang)
  const lang = io.lang ?? 'en';
  // options the DuckDB engine does not honour yet are refused, never silently ignored
  for (const [flag, given] of [['--keep', opts.keep], ['--strict', opts.strict], ['--encoding', opts.encoding], ['--sheet', opts.sheet]] as const) {
    if (given !== undefined && given !== false) throw new UserError(diag('KPI0006.duckdb-flag', { flag }));
  }
  const { plan, compiled } = await loadCompiled(resolve(io.cwd, planPath), planPath, opts.plan);
  const dataPath = resolve(io.cwd, opts.data);
  if (!(await stat(dataPath).catch(() => undefined))?.isFile()) throw new UserError(diag('KPI0001', { file: opts.data }, { file: opts.data }));

  // one thread: a streamed result of this many-layered query came back out of input order with several
  // threads (18 of 200,000 rows), and the report must list rows in the file's order, as the JS engine does
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  try {
    try {
      await con.run(`CREATE VIEW actuals AS SELECT * FROM ${sourceOf(dataPath)}`);
    } catch (e) {
      const args = { file: opts.data, reason: firstLine(e) };
      throw new UserError(isParquetPath(dataPath) ? diag('KPI0801.duckdb-parquet', args, { file: opts.data }) : diag('KPI0801.duckdb', args, { file: opts.data }));
    }
    const header = (await con.runAndReadAll('SELECT column_name FROM (DESCRIBE actuals)')).getRowsJson().map((r) => String(r[0]));
    // header checks (missing, misspelt or duplicate columns, unknown id column) as the JS pipeline does them
    const binder = createBinder(header, compiled.inputs, { fileName: opts.data, percentHints: percentHintsOf(plan), ...(opts.id !== undefined ? { idColumn: opts.id } : {}) });
    if (!binder.ok) {
      printDiagnostics(io, io.stderr, binder.diagnostics);
      return EXIT.USAGE;
    }
    const idColumn = header[binder.idIndex]!;
    const present = compiled.inputs.map((inp, k) => (binder.columnIndex[k]! >= 0 ? inp.column : undefined)).filter((c): c is string => c !== undefined);
    // SPEC §7 (money, distribution, periods): the whole table in one query (compile/sql/money.ts), rows in file order
    const period = opts.period ?? plan.money?.period?.text;
    const money = hasMoney(plan) || period !== undefined;
    if (money && format === 'xlsx') throw new UserError(diag('KPI0006.duckdb-flag', { flag: '--format xlsx' }));
    const g = generateSql(compiled.lowered, { dialect: 'duckdb', table: 'actuals', idColumn, columns: money ? header : present.concat([idColumn]), lang, plan, ...(period !== undefined ? { period } : {}) });
    if (!g.query) {
      printDiagnostics(io, io.stderr, g.diagnostics.map((d) => ({ ...d, file: planPath })));
      return EXIT.FAILED;
    }
    const { sql, columns } = g.query;

    // duplicate ids: one grouped pass over the id column
    // (with periods, the rows of one id are its periods: the query checks them)
    const dups = period !== undefined ? [] : (await con.runAndReadAll(`SELECT k, count(*) FROM (SELECT trim(CAST(${ident(idColumn)} AS VARCHAR)) AS k FROM actuals) WHERE k <> '' GROUP BY k HAVING count(*) > 1 LIMIT ${maxErrors}`)).getRowsJson();
    const errors: Diagnostic[] = dups.map((r) => diag('KPI0808.count', { id: String(r[0]), n: String(r[1]), column: idColumn }, { file: opts.data }));
    let errorCount = errors.length;
    const fail = () => {
      printDiagnostics(io, io.stderr, errors);
      const c = colors(useColor(io, io.stderr));
      const counts = c.red(c.bold(ui('ui.data-errors', { n: errorCount, s: pluralS(errorCount) }, lang)));
      io.stderr.write(`${ui('ui.nothing-scored', { counts, file: opts.data }, lang)}\n`);
      return EXIT.USAGE;
    };
    // the query's `error` column is `CODE text`, the text from the catalogue in this run's language (generateSql's lang)
    const rowError = (id: string, text: string): Diagnostic => {
      const m = /^(KPI\d{4}) ([\s\S]*)$/.exec(text);
      const code = m ? m[1]! : 'KPI0811';
      const help = MESSAGE_TABLE[code]?.help;
      return legacyDiagnostic(code, {
        file: opts.data,
        message: ui('what.sql.row-error', { id, text: m ? m[2]! : text }, lang),
        help: help && paramsOf(help.en).length === 0 ? help[lang] : undefined,
      });
    };

    if (format === 'parquet') {
      if (!opts.output) throw new UserError(diag('KPI0006.parquet-tty', {}));
      const target = resolve(io.cwd, opts.output);
      // Two streaming passes, nothing held whole: one counts the rows with a data error (DuckDB computes only the
      // error column for it), and when there is none a COPY writes the report to the target's temporary name,
      // renamed into place when done. (The result was a TEMP TABLE before, checked and then copied: held in memory
      // whole, 5.6 GB at 10M rows. Stopping a single COPY with error() left the connection unusable.)
      const failing = Number((await con.runAndReadAll(`SELECT count(*) FROM (${sql}) AS k_all WHERE error IS NOT NULL`)).getRowsJson()[0]![0]);
      if (errorCount || failing) {
        errorCount += failing;
        const bad = (await con.runAndReadAll(`SELECT id, error FROM (${sql}) AS k_all WHERE error IS NOT NULL LIMIT ${maxErrors}`)).getRowsJson();
        errors.push(...bad.map((r) => rowError(String(r[0] ?? ''), String(r[1]))));
        return fail();
      }
      const tmp = `${target}.kpi-${process.pid}.tmp`;
      const cols = columns.filter((c) => c.role !== 'error').map((c) => ident(c.name)).join(', ');
      let n: number;
      try {
        const copied = await con.runAndReadAll(`COPY (SELECT ${cols} FROM (${sql}) AS k_all) TO ${sqlStr(tmp)} (FORMAT parquet)`);
        n = Number(copied.getRowsJson()[0]?.[0] ?? 0);
        await rename(tmp, target);
      } catch (e) {
        await unlink(tmp).catch(() => undefined);
        throw new UserError(writeError(opts.output, target, e));
      }
      io.stderr.write(`${colors(useColor(io, io.stderr)).green('✓')} ${ui('ui.scored-to', { n, s: pluralS(n), output: opts.output }, lang)}\n`);
      return EXIT.OK;
    }

    const target = opts.output ? resolve(io.cwd, opts.output) : join(tmpdir(), `kpi-score-${process.pid}-${Date.now()}.out`);
    const out = new AtomicFile(target);
    try {
      await out.ready();
    } catch (e) {
      throw new UserError(writeError(opts.output ?? target, target, e));
    }
    const shape = shapeOf(plan, idColumn, opts.lang, []);
    const moneyShape = moneyShapeOf(plan, period);
    if (moneyShape) shape.money = moneyShape;
    let writer: ResultWriter;
    if (format === 'csv') writer = csvWriter(out.stream, shape);
    else if (format === 'json') writer = jsonWriter(out.stream, shape);
    else if (format === 'xlsx') writer = await xlsxWriter(out.stream, shape);
    else {
      const plain = (s: string) => s;
      writer = tableWriter(out.stream, shape, opts.output ? { bold: plain, dim: plain } : colors(useColor(io, io.stdout)));
    }
    const toResult = resultReader(columns, compiled.lowered.inds.map((i) => ({ name: i.name, path: i.path })), compiled.lowered.vetoes.map((v) => v.name));
    let scored = 0;
    try {
      const result = await con.stream(sql);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (const row of chunk.getRows()) {
          if (row[1] !== null) {
            errorCount++;
            if (errors.length < maxErrors) errors.push(rowError(String(row[0] ?? ''), String(row[1])));
            continue;
          }
          if (errorCount) continue;
          writer.row(String(row[0]), toResult(row));
          scored++;
        }
        if (!errorCount) await writer.flush();
      }
    } catch (e) {
      await out.abort();
      if (e instanceof UserError) throw e;
      throw new UserError(diag('KPI0801.duckdb-run', { file: opts.data, reason: firstLine(e) }, { file: opts.data }));
    }
    if (errorCount) {
      await out.abort();
      return fail();
    }
    await writer.end();
    await out.commit();
    if (!opts.output) {
      const rs = createReadStream(target);
      rs.pipe(io.stdout, { end: false });
      await once(rs, 'end');
      await unlink(target).catch(() => undefined);
    } else io.stderr.write(`${colors(useColor(io, io.stderr)).green('✓')} ${ui('ui.scored-to', { n: scored, s: pluralS(scored), output: opts.output }, lang)}\n`);
    return EXIT.OK;
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

function formatOf(p: string): string | undefined {
  const e = extname(p).toLowerCase();
  return e === '.csv' ? 'csv' : e === '.json' ? 'json' : e === '.xlsx' ? 'xlsx' : e === '.parquet' ? 'parquet' : e === '.txt' ? 'table' : undefined;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** exact decimal text from SQL → the number the JS pipeline reports (the double whose shortest text it is) */
const num = (v: unknown): number => {
  const n = Number(String(v));
  return n === 0 ? 0 : n;
};

/** an SQL boolean as the engines return it (DuckDB true, PostgreSQL 't' or true, ClickHouse 1 or '1') */
const yes = (v: unknown): boolean => v === true || v === 't' || v === 1 || v === '1';

/**
 * A row of the query (JSON-safe values: decimals as text) → the RowResult the writers take, key order as
 * run/exact.ts builds it. Shared by the tests that run the same query in PostgreSQL and ClickHouse.
 */
export function resultReader(columns: readonly SqlColumn[], inds: readonly { name: string; path: string[] }[], vetoes: readonly string[]): (row: readonly unknown[]) => RowResult {
  const at = (role: string, index?: number) => columns.findIndex((c) => c.role === role && c.index === index);
  const total = at('total');
  const grade = at('grade');
  const coefficient = at('coefficient');
  const bonus = at('bonus');
  const penalty = at('penalty');
  const vetoCols = vetoes.map((_, j) => at('veto', j));
  const cols = inds.map((_, x) => ({ actual: at('actual', x), ratio: at('ratio', x), score: at('score', x), weight: at('weight', x), weighted: at('weighted', x), na: at('na', x) }));
  const scoreGrade = at('score_grade');
  const group = at('group');
  const rank = at('rank');
  const periods = at('periods');
  const items = columns.flatMap((c, i) => (c.role === 'money' ? [{ i, name: c.name, kind: c.kind ?? 'pay' }] : []));
  return (row) => {
    const indicators: IndicatorResult[] = inds.map((ind, x) => {
      const c = cols[x]!;
      // an optional indicator that does not apply to the person (N/A): as run/exact.ts reports it
      if (c.na >= 0 && yes(row[c.na])) return { name: ind.name, path: ind.path, actual: null, na: true, score: 0, weight: 0, weighted: 0 };
      return c.ratio >= 0
        ? { name: ind.name, path: ind.path, actual: num(row[c.actual]), ratio: num(row[c.ratio]), score: num(row[c.score]), weight: num(row[c.weight]), weighted: num(row[c.weighted]) }
        : { name: ind.name, path: ind.path, actual: num(row[c.actual]), score: num(row[c.score]), weight: num(row[c.weight]), weighted: num(row[c.weighted]) };
    });
    const r = { total: num(row[total]) } as RowResult;
    if (row[grade] !== null && row[grade] !== undefined) r.grade = String(row[grade]);
    if (row[coefficient] !== null && row[coefficient] !== undefined) r.coefficient = num(row[coefficient]);
    r.bonus = num(row[bonus]);
    if (penalty >= 0) r.penalty = num(row[penalty]);
    r.vetoes = vetoes.filter((_, j) => yes(row[vetoCols[j]!]));
    r.indicators = indicators;
    // SPEC §7: the score-based grade (grade is the final one), the distribution's group and rank, money, periods
    if (scoreGrade >= 0) {
      const m: RowMoney = { items: items.map((it) => ({ name: it.name, kind: it.kind, value: num(row[it.i]) })) };
      if (row[scoreGrade] !== null && row[scoreGrade] !== undefined) m.scoreGrade = String(row[scoreGrade]);
      if (rank >= 0) {
        m.group = String(row[group] ?? '');
        m.rank = num(row[rank]);
      }
      if (periods >= 0) m.periods = JSON.parse(String(row[periods])) as string[];
      (r as RowResultWithMoney).money = m;
    }
    return r;
  };
}
