/** `kpi score <plan> --data <file>`: score every row of a data file, streaming where the output allows. */
import { diag, text, bilingual, pluralS, ui, rowErrorDiagnostic, type RowError } from '@kpi/core';
import { commandLang, langOption } from '../lang.js';
import { Command, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve, extname } from 'node:path';
import { createBinder, percentHintsOf, type Diagnostic } from '@kpi/core';
import { isWriteError, openReport, type ReportSink } from '../atomic.js';
import { outputError } from '../output-error.js';
import { openTable, DataError } from '../data/read.js';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { helpTexts } from '../help.js';
import { loadCompiled } from '../plan.js';
import { printDiagnostics, printHint } from '../report.js';
import { Progress } from '../progress.js';
import { refuseOverwritingInputs } from '../same-file.js';
import { scoreRows } from './score-rows.js';
import { csvWriter, jsonWriter, tableWriter, xlsxWriter, type Format, type ResultWriter, type WriterShape } from '../writers/index.js';
import { shapeOf, type Lang } from '../writers/shape.js';
import { isParquetPath, runScoreDuckdb } from '../duckdb-engine.js';
import { moneyRunOf } from './score-money.js';
import { SpillingIds, type SpillOptions } from '../data/id-spill.js';
import { wholeNumberOption } from '../whole-number.js';

export interface DataOptions {
  data?: string;
  id?: string;
  plan?: string;
  encoding?: string;
  sheet?: string;
  maxErrors: string;
}

/** the data options of score and explain, their help in the run's language `lang` */
export const dataOptions = (cmd: Command, lang: Lang, idFlag = '--id <column>'): Command => {
  const h = helpTexts(lang);
  return cmd
    // checked in requireData, which can tell `kpi score plan.kpi data.csv` (no --data) what was meant
    .option('-d, --data <file>', h('cli-help.data.data', {}))
    .allowExcessArguments(true)
    .option(idFlag, h('cli-help.common.id-column', {}))
    .option('--plan <name>', h('cli-help.common.plan', {}))
    .option('--encoding <name>', h('cli-help.data.encoding', {}))
    .option('--sheet <name>', h('cli-help.data.sheet', {}))
    // the default shown as the number it is: `(default: 50)`, not the string commander holds
    .addOption(new Option('--max-errors <n>', h('cli-help.common.max-errors', {})).default('50', '50'));
};

/** `--data` is required; a data file given without it (`kpi score 店长.kpi 五月.csv`) gets a hint */
export function requireData(cmd: Command, opts: { data?: string }): asserts opts is { data: string } {
  const extra = cmd.args.slice(1);
  if (opts.data !== undefined) {
    if (extra.length) throw new UserError(diag('KPI0006.unexpected-argument', { s: pluralS(extra.length), args: extra.map((a) => `\`${a}\``).join(' '), command: cmd.name() }));
    return;
  }
  const data = extra.find((a) => /\.(csv|tsv|txt|xlsx|xlsm|xls|json)$/i.test(a));
  throw new UserError(
    diag('KPI0006.data-required', { command: cmd.name() }, data ? { helpText: text('help.data-flag', { command: cmd.name(), plan: cmd.args[0] ?? '<plan>', data }) } : {}),
  );
}

/** row errors from the engine as data diagnostics carrying the row */
export function rowErrorDiagnostics(file: string, row: number, id: string, errors: RowError[]): Diagnostic[] {
  return errors.map((e) => rowErrorDiagnostic(file, row, id, e));
}

export function maxErrorsOf(s: string): number {
  const n = wholeNumberOption(s, 1);
  if (n === undefined) throw new UserError(diag('KPI0006.max-errors', { value: s }));
  return n;
}

/** collects data errors up to a limit, counting the rest */
export class ErrorLog {
  readonly list: Diagnostic[] = [];
  total = 0;
  constructor(readonly limit: number) {}
  add(ds: Diagnostic[]) {
    for (const d of ds) {
      if (d.severity !== 'error') continue;
      this.total++;
      if (this.list.length < this.limit) this.list.push(d);
    }
  }
  summary(file: string): Diagnostic[] {
    if (this.total <= this.list.length) return [];
    const n = this.total - this.list.length;
    return [diag('KPI0814', { n, s: pluralS(n), total: this.total }, { file })];
  }
}

/** the data findings, then one summary line: the errors, or (with `--strict`) the warnings that failed the run */
/** what a command did not do because of data errors, for its summary line */
export type DataOutcome = 'ui.outcome.scored' | 'ui.outcome.explained' | 'ui.outcome.compared' | 'ui.outcome.solved';

/** the data findings, then one summary line: the errors, or (with `--strict`) the warnings that failed the run */
export function printDataOutcome(io: Io, errors: ErrorLog, warnings: Diagnostic[], file: string, outcome: DataOutcome = 'ui.outcome.scored', strict = false): void {
  printDiagnostics(io, io.stderr, [...errors.list, ...errors.summary(file), ...warnings]);
  const c = colors(useColor(io, io.stderr));
  const lang = io.lang ?? 'en';
  const what = ui(outcome, {}, lang);
  const line = (n: number, id: 'ui.data-errors-in' | 'ui.data-warnings-strict') => c.red(c.bold(ui(id, { n, s: pluralS(n), file, outcome: what }, lang)));
  if (errors.total) io.stderr.write(`${line(errors.total, 'ui.data-errors-in')}\n`);
  else if (strict && warnings.length) io.stderr.write(`${line(warnings.length, 'ui.data-warnings-strict')}\n`);
}

/**
 * the id spill's settings: KPI_IDS_IN_MEMORY (distinct ids kept exact in memory before the rest are checked at
 * the end; tests set it small), and the system's temp folder (TMPDIR)
 */
function idSpillOptions(env: NodeJS.ProcessEnv): SpillOptions {
  const n = Number(env.KPI_IDS_IN_MEMORY);
  return env.KPI_IDS_IN_MEMORY !== undefined && Number.isInteger(n) && n >= 1 ? { inMemory: n } : {};
}

/** the second pass of the id check writes nothing */
const NO_WRITER: ResultWriter = {
  row() {},
  rowOf() {},
  async flush() {},
  async end() {},
};

export function scoreCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  const cmd = new Command('score')
    .description(h('cli-help.score', {}))
    .argument('<plan>', h('cli-help.common.plan-file', {}));
  dataOptions(cmd, io.lang ?? 'en')
    .addOption(new Option('-f, --format <format>', h('cli-help.score.format', {})).choices(['table', 'csv', 'json', 'xlsx', 'parquet']))
    .addOption(new Option('--engine <engine>', h('cli-help.score.engine', {})).choices(['js', 'duckdb']))
    .option('-o, --output <file>', h('cli-help.score.output', {}))
    .option('--keep <columns>', h('cli-help.score.keep', {}))
    .addOption(langOption(io.lang ?? 'en', h('cli-help.score.lang', {})))
    .option('--strict', h('cli-help.score.strict', {}))
    .option('--period <column>', h('cli-help.common.period', {}))
    .addHelpText('after', `\n${h('cli-help.examples.score', {})}`)
    .action(async (planPath: string, opts: ScoreOptions) => {
      requireData(cmd, opts);
      // the DuckDB engine is a branch of its own (duckdb-engine.ts); the JS pipeline below is untouched
      if (useDuckdb(opts)) done(await runScoreDuckdb(io, planPath, { ...opts, lang: commandLang(opts.lang, io.env, 'zh') }, maxErrorsOf(opts.maxErrors)));
      else done(await runScore(io, planPath, opts));
    });
  return cmd;
}

function formatFromPath(p: string): Format | undefined {
  const e = extname(p).toLowerCase();
  return e === '.csv' ? 'csv' : e === '.json' ? 'json' : e === '.xlsx' ? 'xlsx' : e === '.txt' ? 'table' : undefined;
}

type ScoreOptions = DataOptions & { format?: Format; output?: string; keep?: string; lang?: Lang; strict?: boolean; engine?: 'js' | 'duckdb'; period?: string };

/** `--engine duckdb`, or Parquet in or out (only DuckDB reads and writes it) */
function useDuckdb(opts: ScoreOptions & { data: string }): boolean {
  const parquet = isParquetPath(opts.data) || (opts.format as string) === 'parquet' || (opts.output !== undefined && isParquetPath(opts.output) && opts.format === undefined);
  if (opts.engine === 'js' && parquet) throw new UserError(diag('KPI0006.parquet-js', {}));
  return opts.engine === 'duckdb' || parquet;
}

/** `--keep 姓名,部门` (commas, full-width commas or 、) → column names */
export const keepColumnsOf = (s: string | undefined): string[] =>
  s === undefined ? [] : s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);

const cellText = (c: unknown): string => (c === null || c === undefined ? '' : String(c).trim());

async function runScore(io: Io, planPath: string, opts: ScoreOptions & { data: string }): Promise<number> {
  const limit = maxErrorsOf(opts.maxErrors);
  const format: Format = opts.format ?? (opts.output ? formatFromPath(opts.output) : undefined) ?? 'table';
  if (format === 'xlsx' && !opts.output && io.stdout.isTTY) throw new UserError(diag('KPI0006.xlsx-tty', {}));

  const keep = keepColumnsOf(opts.keep);
  if (opts.keep !== undefined && keep.length === 0) throw new UserError(diag('KPI0006.keep-empty', {}));
  if (opts.output) {
    await refuseOverwritingInputs(resolve(io.cwd, opts.output), opts.output, [
      { path: resolve(io.cwd, opts.data), what: 'data file', shown: opts.data },
      { path: resolve(io.cwd, planPath), what: 'plan file', shown: planPath },
    ]);
  }
  const { plan, compiled } = await loadCompiled(resolve(io.cwd, planPath), planPath, opts.plan);
  // Output goes to a temp file (or memory, for stdout and special files) first: the target only ever sees a
  // complete report (atomic.ts)
  const target = opts.output ? resolve(io.cwd, opts.output) : undefined;
  const shown = opts.output ?? 'stdout';
  if (target && (await stat(target).catch(() => undefined))?.isDirectory()) {
    throw new UserError(diag('KPI0952.folder', { file: opts.output! }));
  }
  const dataName = opts.data;
  const sourceOptions = { displayName: dataName, raw: true, ...(io.lang ? { lang: io.lang } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}) };
  const source = await openTable(resolve(io.cwd, opts.data), sourceOptions);
  // SPEC §7: money, distribution or periods need every row before anything is written (score-money.ts)
  const moneyRun = moneyRunOf(plan, compiled, source.header.map(cellText), opts.period);
  // the duplicate-id check in bounded memory (data/id-spill.ts); a money run keeps every row anyway
  const ids = moneyRun ? undefined : new SpillingIds(idSpillOptions(io.env));
  const binderOptions = { fileName: dataName, percentHints: percentHintsOf(plan), ...(opts.id !== undefined ? { idColumn: opts.id } : {}) };
  const binder = createBinder(source.header, moneyRun ? moneyRun.inputs : compiled.inputs, { ...binderOptions, ...(ids ? { ids } : {}) });
  let errors = new ErrorLog(limit);
  if (!binder.ok) {
    errors.add(binder.diagnostics);
    printDataOutcome(io, errors, [...(source.warnings ?? []), ...binder.diagnostics.filter((d) => d.severity !== 'error')], dataName);
    printHint(io, source.hint);
    return EXIT.USAGE;
  }
  const idHeader = String(source.header[binder.idIndex] ?? 'id').trim();
  const headers = source.header.map(cellText);
  const keepIndex = keep.map((k) => headers.indexOf(k));
  const unknown = keep.filter((_, i) => keepIndex[i]! < 0);
  if (unknown.length) {
    throw new UserError(
      diag('KPI0006.keep-unknown', {
        names: unknown.map((k) => `\`${k}\``).join(', '),
        verb: unknown.length === 1 ? bilingual('what.is-not-column', {}) : bilingual('what.are-not-columns', {}),
        file: dataName,
        columns: headers.filter(Boolean).map((h) => `\`${h}\``).join(', '),
      }),
    );
  }
  const shape: WriterShape = shapeOf(plan, idHeader, commandLang(opts.lang, io.env, 'zh'), keep);
  // the batch pipeline hands rows over as numbers in the compiled plan's layout; money reports take row()
  if (moneyRun) moneyRun.extendShape(shape);
  else shape.layout = compiled.layout;

  let out: ReportSink;
  try {
    out = await openReport(target, io.stdout);
    await out.ready();
  } catch (e) {
    throw outputError(shown, target ?? shown, e);
  }
  let writer: ResultWriter;
  const c = colors(useColor(io, io.stdout));
  if (format === 'csv') writer = csvWriter(out.stream, shape);
  else if (format === 'json') writer = jsonWriter(out.stream, shape);
  else if (format === 'xlsx') writer = await xlsxWriter(out.stream, shape);
  else {
    const plain = (s: string) => s;
    writer = tableWriter(out.stream, shape, opts.output ? { bold: plain, dim: plain } : c);
  }

  const progress = new Progress(io, 'ui.progress.scoring');
  let ok = true;
  let scored = 0;
  try {
    if (moneyRun) {
      // SPEC §7: money, distribution and periods are settled over every row: the general path, row by row
      for await (const batch of source.rows) {
        for (const { cells, row } of batch) {
          const bound = binder.bindRow(cells, row);
          if (!bound) continue;
          // duplicate ids are the periods of one person here: (person, period) duplicates are checked later
          if (moneyRun.period) bound.errors = bound.errors.filter((d) => d.code !== 'KPI0808');
          if (bound.errors.length) {
            ok = false;
            errors.add(bound.errors);
          } else moneyRun.add(bound, cells, keep.length ? keepIndex.map((i) => cellText(cells[i])) : undefined);
        }
        const p = source.progress();
        progress.tick(binder.rowCount, p.done, p.total);
      }
    } else {
      ({ ok, scored } = await scoreRows({
        source,
        binder,
        compiled,
        writer,
        keepIndex,
        dataName,
        rowErrors: (row, id, errs) => rowErrorDiagnostics(dataName, row, id, errs),
        sink: {
          errors: (ds) => errors.add(ds),
          async batchDone() {
            await writer.flush();
            const p = source.progress();
            progress.tick(binder.rowCount, p.done, p.total);
          },
        },
      }));
    }
    progress.done();
    let tail = binder.finish();
    const shared = ids?.check();
    if (shared) {
      // some ids share a 64-bit hash: duplicates, or (rarely) a collision. A second pass over the file, writing
      // nothing, compares those ids exactly and gives every message as an all-in-memory check would.
      const again = await openTable(resolve(io.cwd, opts.data), sourceOptions);
      const binder2 = createBinder(again.header, compiled.inputs, { ...binderOptions, ids: ids!.replay(shared) });
      const errors2 = new ErrorLog(limit);
      const progress2 = new Progress(io, 'ui.progress.checking-ids');
      ({ ok } = await scoreRows({
        source: again,
        binder: binder2,
        compiled,
        writer: NO_WRITER,
        keepIndex,
        dataName,
        rowErrors: (row, id, errs) => rowErrorDiagnostics(dataName, row, id, errs),
        sink: {
          errors: (ds) => errors2.add(ds),
          async batchDone() {
            const p = again.progress();
            progress2.tick(binder2.rowCount, p.done, p.total);
          },
        },
      }));
      progress2.done();
      errors = errors2;
      tail = binder2.finish();
    }
    errors.add(tail);
    const moneyNotes: Diagnostic[] = [];
    if (moneyRun && ok && !errors.total) {
      const r = moneyRun.finish(dataName);
      errors.add(r.errors);
      moneyNotes.push(...r.notes);
      if (!r.errors.length) {
        for (const p of r.people) writer.row(p.id, p.result, p.kept);
        writer.summary?.(r.summary);
        scored = r.people.length;
      }
    }
    const warnings = [...(source.warnings ?? []), ...binder.diagnostics, ...tail].filter((d) => d.severity !== 'error');
    if (!ok || errors.total || (opts.strict && warnings.length)) {
      await writer.dispose?.();
      await out.abort();
      printDataOutcome(io, errors, warnings, dataName, undefined, opts.strict);
      return EXIT.USAGE;
    }
    await writer.end();
    try {
      await out.commit();
    } catch (e) {
      throw outputError(shown, target ?? shown, e);
    }
    printDiagnostics(io, io.stderr, [...warnings, ...moneyNotes]);
    if (!opts.output) {
      // a table wider than the terminal wraps into an unreadable mess: point at the spreadsheet outputs
      const width = writer.width?.() ?? 0;
      if (io.stdout.isTTY && io.stdout.columns && width > io.stdout.columns) {
        const cc = colors(useColor(io, io.stderr));
        io.stderr.write(`${cc.dim(ui('ui.table-too-wide', { width, cols: io.stdout.columns }, io.lang ?? 'en'))}\n`);
      }
    } else {
      const cc = colors(useColor(io, io.stderr));
      io.stderr.write(`${cc.green('✓')} ${ui('ui.scored-to', { n: scored, s: pluralS(scored), output: opts.output }, io.lang ?? 'en')}\n`);
    }
    return EXIT.OK;
  } catch (e) {
    progress.done();
    await writer.dispose?.();
    await out.abort();
    if (isWriteError(e)) throw outputError(shown, target ?? shown, e);
    if (e instanceof DataError) {
      if (e.diagnostic.code === 'KPI0952') throw e;
      errors.add([e.diagnostic]);
      printDataOutcome(io, errors, [], dataName);
      return EXIT.USAGE;
    }
    throw e;
  }
}
