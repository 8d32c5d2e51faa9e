/**
 * `kpi solve PLAN --data FILE --id ID --goal "grade A"|"total 90"`: for one person, the actual each
 * indicator would need (the others held) to reach the goal, or why it cannot; `--set` for what-if.
 * The search and its proofs live in core (decide/solve.ts); this file reads the row and prints.
 */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { bilingualRef, diag, lowerPlan, parseGoal, percentInputs, parseValue, rowErrorDiagnostic, solve, solveToText, visibleText } from '@kpi/core';
import { EXIT, UserError, type Io } from '../io.js';
import { helpTexts } from '../help.js';
import { loadCompiled } from '../plan.js';
import { readPeople, DataFailed } from '../decide-data.js';
import type { DataOptions } from './score.js';
import { commandLang, langOption } from '../lang.js';

type SolveOptions = Omit<DataOptions, 'data' | 'id'> & { data: string; id: string; idColumn?: string; goal: string; set?: string[]; format: 'text' | 'json'; lang?: 'zh' | 'en' };

export function solveCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  const cmd = new Command('solve')
    .description(h('cli-help.solve', {}))
    .argument('<plan>', h('cli-help.common.plan-file', {}))
    .requiredOption('-d, --data <file>', h('cli-help.solve.data', {}))
    .requiredOption('--id <id>', h('cli-help.solve.id', {}))
    .requiredOption('--goal <goal>', h('cli-help.solve.goal', {}))
    // repeatable, with no default to print in the help (`(default: [])` says nothing to a reader)
    .option('--set <name=value>', h('cli-help.solve.set', {}), (v: string, acc: string[] = []) => [...acc, v])
    .option('--id-column <column>', h('cli-help.common.id-column', {}))
    .option('--plan <name>', h('cli-help.common.plan', {}))
    .option('--encoding <name>', h('cli-help.common.encoding', {}))
    .option('--sheet <name>', h('cli-help.common.sheet', {}))
    // the default shown as the number it is: `(default: 50)`, not the string commander holds
    .addOption(new Option('--max-errors <n>', h('cli-help.common.max-errors', {})).default('50', '50'))
    .addOption(langOption(io.lang ?? 'en', h('cli-help.solve.lang', {})))
    .addOption(new Option('-f, --format <format>', h('cli-help.common.format', {})).choices(['text', 'json']).default('text'))
    .addHelpText('after', `\n${h('cli-help.examples.solve', {})}`)
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
  const sets = (opts.set ?? []).map((s) => {
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
