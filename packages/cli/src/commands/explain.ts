/** `kpi explain <plan> --data <file> --id <id>`: why one person got their score, as sentences or JSON. */
import { commandLang, langOption } from '../lang.js';
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { bilingual, createBinder, diag, idKey, joinTexts, percentHintsOf, text, ui, visibleText, type Cell, type Diagnostic } from '@kpi/core';
import { openTable, DataError } from '../data/read.js';
import { EXIT, UserError, type Io } from '../io.js';
import { helpTexts } from '../help.js';
import { loadCompiled } from '../plan.js';
import { renderExplanation } from '../engine-run.js';
import { dataOptions, ErrorLog, maxErrorsOf, printDataOutcome, requireData, rowErrorDiagnostics, type DataOptions } from './score.js';
import { printDiagnostics, printHint } from '../report.js';
import { explainMoney } from './explain-money.js';

export function explainCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  const cmd = new Command('explain')
    .description(h('cli-help.explain', {}))
    .argument('<plan>', h('cli-help.common.plan-file', {}));
  dataOptions(cmd, io.lang ?? 'en', '--id-column <column>')
    .option('--period <column>', h('cli-help.common.period', {}))
    .requiredOption('--id <id>', h('cli-help.explain.id', {}))
    .addOption(langOption(io.lang ?? 'en', h('cli-help.explain.lang', {})))
    .addOption(new Option('-f, --format <format>', h('cli-help.common.format', {})).choices(['text', 'json']).default('text'))
    .addHelpText('after', `\n${h('cli-help.examples.explain', {})}`)
    .action(async (planPath: string, opts: ExplainOptions) => {
      requireData(cmd, opts);
      done(await runExplain(io, planPath, opts));
    });
  return cmd;
}

async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const b of batches) yield* b;
}

type ExplainOptions = DataOptions & { idColumn?: string; lang?: 'zh' | 'en'; format: 'text' | 'json'; period?: string };

async function runExplain(io: Io, planPath: string, opts: ExplainOptions & { data: string }): Promise<number> {
  const errors = new ErrorLog(maxErrorsOf(opts.maxErrors));
  const { plan, compiled } = await loadCompiled(resolve(io.cwd, planPath), planPath, opts.plan);
  const dataName = opts.data;
  try {
    const viaMoney = await explainMoney(io, plan, compiled, resolve(io.cwd, opts.data), dataName, { ...opts, lang: commandLang(opts.lang, io.env, 'zh') }, errors);
    if (viaMoney !== undefined) return viaMoney;
    const source = await openTable(resolve(io.cwd, opts.data), { displayName: dataName, ...(io.lang ? { lang: io.lang } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}) });
    const binder = createBinder(source.header, compiled.inputs, { fileName: dataName, percentHints: percentHintsOf(plan), ...(opts.idColumn !== undefined ? { idColumn: opts.idColumn } : {}) });
    if (!binder.ok) {
      errors.add(binder.diagnostics);
      printDataOutcome(io, errors, [], dataName, 'ui.outcome.explained');
      printHint(io, source.hint);
      return EXIT.USAGE;
    }
    const want = (opts.id ?? '').trim();
    // `s002`, `Ｓ００２` or ` S002 ` for `S002`: not taken silently, but offered
    const loose = (x: string) => x.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
    const wantLoose = loose(want);
    const near: string[] = [];
    // every row whose id is `want` as people read it (NFKC, invisible characters removed: id-key.ts). Two of
    // them are one id written twice: explaining either one silently would hide the other (issue 13)
    const wantKey = idKey(want);
    const same: { cells: Cell[]; row: number; id: string }[] = [];
    for await (const { cells, row } of flatten(source.rows)) {
      const idCell = cells[binder.idIndex];
      if (idCell === null || idCell === undefined) continue;
      const id = String(idCell).trim();
      if (idKey(id) === wantKey) same.push({ cells, row, id });
      else if (near.length < 3 && loose(id) === wantLoose && !near.includes(id)) near.push(id);
    }
    if (same.length > 1) {
      const rows = joinTexts(same.map((x) => bilingual('what.row-id', { row: x.row, id: x.id })), bilingual('ui.list-sep', {}));
      throw new DataError(diag('KPI0808.lookalikes', { id: want, n: same.length, rows }, { file: dataName, data: { row: same[1]!.row, value: same[1]!.id } }));
    }
    for (const { cells, row, id } of same) {
      if (id !== want) {
        if (near.length < 3 && !near.includes(id)) near.push(id);
        continue;
      }
      const bound = binder.bindRow(cells, row)!;
      const warnings: Diagnostic[] = binder.finish().filter((d) => d.severity === 'warning' && d.code === 'KPI0813');
      if (bound.errors.length) {
        errors.add(bound.errors);
        printDataOutcome(io, errors, warnings, dataName, 'ui.outcome.explained');
        return EXIT.USAGE;
      }
      const outcome = compiled.score(bound.values);
      if (!outcome.ok) {
        errors.add(rowErrorDiagnostics(dataName, row, bound.id, outcome.errors));
        printDataOutcome(io, errors, warnings, dataName, 'ui.outcome.explained');
        return EXIT.USAGE;
      }
      printDiagnostics(io, io.stderr, warnings);
      const { explanation } = compiled.explain(bound.values);
      if (!explanation) throw new Error(`the engine scored row ${row} but gave no explanation`);
      if (opts.format === 'json') io.stdout.write(`${JSON.stringify({ id: bound.id, row, result: outcome.result, explanation }, null, 2)}\n`);
      else {
        const lang = commandLang(opts.lang, io.env, 'zh');
        const lines = renderExplanation(explanation, lang);
        const head = ui('ui.explain.person', { id: bound.id, row, plan: plan.name.text }, lang);
        // names and ids from the plan and the data: no control characters to the terminal
        io.stdout.write(`${visibleText(head, false)}\n${lines.map((l) => `  ${visibleText(l, false)}`).join('\n')}\n`);
      }
      return EXIT.OK;
    }
    const help = near.length
      ? text('help.id-near', { ids: joinTexts(near.map((x) => `\`${x}\``), bilingual('ui.list-or', {})) })
      : text('help.id-column', { column: String(source.header[binder.idIndex] ?? '').trim() });
    throw new DataError(diag('KPI0816', { id: want }, { file: dataName, helpText: help }));
  } catch (e) {
    if (e instanceof DataError) {
      errors.add([e.diagnostic]);
      printDataOutcome(io, errors, [], dataName, 'ui.outcome.explained');
      return EXIT.USAGE;
    }
    if (e instanceof UserError) throw e;
    throw e;
  }
}
