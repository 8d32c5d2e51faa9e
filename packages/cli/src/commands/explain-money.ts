/**
 * `kpi explain` for plans with money, a distribution or periods (SPEC §7): the person's final grade,
 * rank, commissions, pool share and pay depend on the whole file, so every row is read and scored as
 * `kpi score` does (score-money.ts), then the person's chain is told as sentences.
 */
import { createBinder, diag, percentHintsOf, text, renderMoneyExplanation, ui, visibleText, type CompiledPlan, type Plan } from '@kpi/core';
import { DataError, openTable } from '../data/read.js';
import { EXIT, type Io } from '../io.js';
import { printDiagnostics } from '../report.js';
import { ErrorLog, printDataOutcome } from './score.js';
import { moneyRunOf } from './score-money.js';

export interface ExplainMoneyOptions {
  id?: string;
  idColumn?: string;
  lang: 'zh' | 'en';
  format: 'text' | 'json';
  period?: string;
  encoding?: string;
  sheet?: string;
}

/** undefined when the plan has no money: the caller explains one row as before */
export async function explainMoney(io: Io, plan: Plan, compiled: CompiledPlan, dataPath: string, dataName: string, opts: ExplainMoneyOptions, errors: ErrorLog): Promise<number | undefined> {
  const source = await openTable(dataPath, { displayName: dataName, ...(io.lang ? { lang: io.lang } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}) });
  const header = source.header.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
  const run = moneyRunOf(plan, compiled, header, opts.period);
  if (!run) return undefined;
  const binder = createBinder(source.header, run.inputs, { fileName: dataName, percentHints: percentHintsOf(plan), ...(opts.idColumn !== undefined ? { idColumn: opts.idColumn } : {}) });
  if (!binder.ok) {
    errors.add(binder.diagnostics);
    printDataOutcome(io, errors, [], dataName, 'ui.outcome.explained');
    return EXIT.USAGE;
  }
  for await (const batch of source.rows) {
    for (const { cells, row } of batch) {
      const bound = binder.bindRow(cells, row);
      if (!bound) continue;
      if (run.period) bound.errors = bound.errors.filter((d) => d.code !== 'KPI0808');
      if (bound.errors.length) errors.add(bound.errors);
      else run.add(bound, cells);
    }
  }
  errors.add(binder.finish());
  const r = errors.total ? undefined : run.finish(dataName);
  if (r) errors.add(r.errors);
  if (!r || errors.total) {
    printDataOutcome(io, errors, [], dataName, 'ui.outcome.explained');
    return EXIT.USAGE;
  }
  const want = (opts.id ?? '').trim();
  const person = r.people.find((p) => p.id === want);
  if (!person) {
    throw new DataError(diag('KPI0816', { id: want }, { file: dataName, helpText: text('help.money.ids-from', { column: header[binder.idIndex] ?? '' }) }));
  }
  const pm = r.money?.people[r.people.indexOf(person)];
  printDiagnostics(io, io.stderr, r.notes);
  const lang = opts.lang;
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: person.id, row: person.row, result: person.result, money: pm ? renderMoneyExplanation(pm, lang) : [] }, null, 2)}\n`);
    return EXIT.OK;
  }
  const res = person.result;
  const lines: string[] = [];
  const periods = res.money?.periods;
  if (periods) lines.push(ui('ui.explain.periods', { n: periods.length, periods: periods.join(lang === 'zh' ? '、' : ', ') }, lang));
  for (const ind of res.indicators) {
    lines.push(ui('ui.explain.indicator', { name: ind.name, score: ind.score, weight: +(ind.weight * 100).toPrecision(12), weighted: ind.weighted }, lang));
  }
  const grade = res.money?.scoreGrade;
  lines.push(grade ? ui('ui.explain.total-score-grade', { total: res.total, grade }, lang) : ui('ui.explain.total', { total: res.total }, lang));
  if (pm) lines.push(...renderMoneyExplanation(pm, lang));
  const head = ui('ui.explain.person', { id: person.id, row: person.row, plan: plan.name.text }, lang);
  io.stdout.write(`${visibleText(head, false)}\n${lines.map((l) => `  ${visibleText(l, false)}`).join('\n')}\n`);
  return EXIT.OK;
}
