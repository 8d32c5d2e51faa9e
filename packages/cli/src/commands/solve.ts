/**
 * `kpi solve PLAN --data FILE --id ID --goal "grade A"|"total 90"`: for one person, the actual each
 * indicator would need (the others held) to reach the goal, or why it cannot; `--set` for what-if.
 * The search and its proofs live in core (decide/solve.ts); this file reads the row and prints.
 */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { bilingualRef, diag, lowerPlan, parseGoal, percentInputs, parseValue, rowErrorDiagnostic, solve, solveToText, visibleText } from '@kpi/core';
import { EXIT, UserError, type Io } from '../io.js';
import { loadCompiled } from '../plan.js';
import { readPeople, DataFailed } from '../decide-data.js';
import type { DataOptions } from './score.js';
import { commandLang, langOption } from '../lang.js';

type SolveOptions = Omit<DataOptions, 'data' | 'id'> & { data: string; id: string; idColumn?: string; goal: string; set: string[]; format: 'text' | 'json'; lang?: 'zh' | 'en' };

export function solveCommand(io: Io, done: (code: number) => void): Command {
  const cmd = new Command('solve')
    .description('what it takes: per indicator, the actual that reaches a goal (grade or total) with the others held, or why not')
    .argument('<plan>', 'plan file (.kpi)')
    .requiredOption('-d, --data <file>', 'actuals: .csv, .xlsx or .json')
    .requiredOption('--id <id>', 'the person (a value of the id column)')
    .requiredOption('--goal <goal>', 'the goal: "grade A" (or 等级 A) or "total 90" (or 总分 90)')
    .option('--set <name=value>', 'what-if: set a column before solving (repeatable), e.g. --set 销售额达成=105%', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--id-column <column>', 'id column (default: the first column)')
    .option('--plan <name>', 'plan to use when the file holds several')
    .option('--encoding <name>', 'CSV encoding (default: detected)')
    .option('--sheet <name>', 'XLSX sheet name or 1-based number')
    .option('--max-errors <n>', 'stop listing data errors after this many', '50')
    .addOption(langOption('language of the text and markdown'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ kpi solve 店长.kpi --data data/店长.csv --id S002 --goal "grade A"
  $ kpi solve 店长.kpi --data data/店长.csv --id S002 --goal "total 90" --set 人员流失率=2% --format json

Each answer is the least change on the input's minimal unit (0.01% for percents, 1 step for counts,
0.01 otherwise) that reaches the goal, checked by scoring it exactly — rounding of the total included —
and one unit less does not. An indicator that cannot reach it says why: cap, top of its table, veto.`,
    )
    .action(async (planPath: string, opts: SolveOptions) => {
      done(await runSolve(io, planPath, opts));
    });
  return cmd;
}

async function runSolve(io: Io, planPath: string, opts: SolveOptions): Promise<number> {
  const { plan, compiled } = await loadCompiled(resolve(io.cwd, planPath), planPath, opts.plan);
  const { lowered } = lowerPlan(plan);
  if (!lowered || lowered.inputs.map((i) => i.column).join('\u0000') !== compiled.inputs.map((i) => i.column).join('\u0000')) {
    throw new Error('solve: the lowered plan and the compiled plan read different columns');
  }
  const g = parseGoal(opts.goal, lowered);
  if ('error' in g) throw new UserError(g.error, EXIT.USAGE);
  const sets = opts.set.map((s) => {
    const m = /^([^=]+)=(.*)$/.exec(s);
    if (!m) throw new UserError(diag('KPI0006.set-form', { set: s }), EXIT.USAGE);
    const name = m[1]!.trim();
    const slot = lowered.inputs.findIndex((i) => i.column === name);
    if (slot < 0) throw new UserError(diag('KPI0006.set-column', { set: s, name, columns: lowered.inputs.map((i) => `\`${i.column}\``).join(', ') }), EXIT.USAGE);
    const v = parseValue(m[2]!);
    if (!v.ok || v.missing) throw new UserError(diag('KPI0006.set-number', { set: s, value: m[2]!, reason: v.ok ? '' : ` (${v.reason})` }), EXIT.USAGE);
    return { slot, value: v.value };
  });
  const want = opts.id.trim();
  let people;
  try {
    people = await readPeople(io, { ...opts, id: opts.idColumn }, [{ plan, compiled }], 'ui.outcome.solved', (id) => id === want);
  } catch (e) {
    if (e instanceof DataFailed) return e.exitCode;
    throw e;
  }
  const person = people[0];
  if (!person) throw new UserError(diag('KPI0006.solve-no-id', { id: want, file: opts.data }), EXIT.USAGE);
  const values = person.values[0]!;
  for (const s of sets) values[s.slot] = s.value;
  const check = compiled.score(values);
  if (!check.ok) {
    const why = check.errors.map((e) => {
      const d = rowErrorDiagnostic(undefined, undefined, '', e);
      return d.t ? bilingualRef(d.t) : { en: d.message, zh: d.message };
    });
    throw new UserError(diag('KPI0006.set-unscorable', { row: person.row, errors: { en: why.map((t) => t.en).join('; '), zh: why.map((t) => t.zh).join('；') } }));
  }
  const report = solve(lowered, values, g.goal, { percent: percentInputs(plan) });
  if (opts.format === 'json') io.stdout.write(`${JSON.stringify({ id: person.id, row: person.row, ...(sets.length ? { set: opts.set } : {}), ...report }, null, 2)}\n`);
  else io.stdout.write(visibleText(solveToText(report, person.id, commandLang(opts.lang, io.env, 'zh'))));
  return EXIT.OK;
}
