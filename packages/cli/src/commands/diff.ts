/**
 * `kpi diff OLD NEW [--data FILE]`: what changed between two versions of a plan, in plan terms, and with
 * data, how each person's total, grade and coefficient move. OLD and NEW are files or git revisions
 * (`HEAD~1:plans/店长.kpi`, read with `git show`).
 */
import { Command, Option } from 'commander';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { diag, diffPlans, diffToMarkdown, diffToText, replay, visibleText, type Plan } from '@kpi/core';
import { analyze, type Compiled } from '../engine.js';
import { compilePlan } from '../engine-run.js';
import { EXIT, UserError, type Io } from '../io.js';
import { helpTexts } from '../help.js';
import { PlanErrors, pickPlan, readText, type LoadedFile } from '../plan.js';
import { readPeople, DataFailed } from '../decide-data.js';
import type { DataOptions } from './score.js';
import { commandLang, langOption } from '../lang.js';

const run = promisify(execFile);

/** a file path, or `REV:path` from git when no such file exists */
export async function readVersion(io: Io, spec: string): Promise<{ name: string; text: string }> {
  const path = resolve(io.cwd, spec);
  const rev = /^([^:]+):(.+)$/.exec(spec);
  if (existsSync(path) || !rev) return { name: spec, text: await readText(path, spec) };
  try {
    const { stdout } = await run('git', ['show', `${rev[1]}:${rev[2]!.startsWith('/') ? rev[2]!.slice(1) : rev[2]}`], { cwd: io.cwd, encoding: 'buffer', maxBuffer: 64 << 20 });
    try {
      return { name: spec, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(stdout as Buffer) };
    } catch {
      throw new UserError(diag('KPI0006.revision-utf8', { spec }), EXIT.USAGE);
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim().split('\n')[0];
    throw new UserError(diag('KPI0006.revision', { spec, reason: msg ?? '' }), EXIT.USAGE);
  }
}

export function loadVersion(v: { name: string; text: string }, planName: string | undefined, needCompiled: boolean): { plan: Plan; compiled?: Compiled } {
  const a = analyze(v.name, v.text);
  const loaded: LoadedFile = { name: v.name, text: v.text, file: a.file, diagnostics: a.diagnostics };
  if (a.diagnostics.some((d) => d.severity === 'error')) throw new PlanErrors(loaded, a.diagnostics);
  const plan = pickPlan(loaded, planName);
  if (!needCompiled) return { plan };
  const c = compilePlan(plan, { file: v.name });
  if (!c.compiled || c.diagnostics.some((d) => d.severity === 'error')) throw new PlanErrors(loaded, [...a.diagnostics, ...c.diagnostics]);
  return { plan, compiled: c.compiled };
}

type DiffOptions = DataOptions & { format: 'text' | 'json' | 'markdown'; oldPlan?: string; lang?: 'zh' | 'en' };

export function diffCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  const cmd = new Command('diff')
    .description(h('cli-help.diff', {}))
    .argument('<old>', h('cli-help.diff.old', {}))
    .argument('<new>', h('cli-help.diff.new', {}))
    .option('-d, --data <file>', h('cli-help.diff.data', {}))
    .option('--id <column>', h('cli-help.common.id-column', {}))
    .option('--plan <name>', h('cli-help.diff.plan', {}))
    .option('--old-plan <name>', h('cli-help.diff.old-plan', {}))
    .option('--encoding <name>', h('cli-help.common.encoding', {}))
    .option('--sheet <name>', h('cli-help.common.sheet', {}))
    // the default shown as the number it is: `(default: 50)`, not the string commander holds
    .addOption(new Option('--max-errors <n>', h('cli-help.common.max-errors', {})).default('50', '50'))
    .addOption(langOption(io.lang ?? 'en', h('cli-help.diff.lang', {})))
    .addOption(new Option('-f, --format <format>', h('cli-help.common.format', {})).choices(['text', 'json', 'markdown']).default('text'))
    .addHelpText('after', `\n${h('cli-help.examples.diff', {})}`)
    .action(async (oldSpec: string, newSpec: string, opts: DiffOptions) => {
      done(await runDiff(io, oldSpec, newSpec, opts));
    });
  return cmd;
}

async function runDiff(io: Io, oldSpec: string, newSpec: string, opts: DiffOptions): Promise<number> {
  const withData = opts.data !== undefined;
  const oldText = await readVersion(io, oldSpec);
  const newText = await readVersion(io, newSpec);
  const o = loadVersion(oldText, opts.oldPlan ?? opts.plan, withData);
  const n = loadVersion(newText, opts.plan, withData);
  const d = diffPlans({ ...oldText, plan: o.plan }, { ...newText, plan: n.plan });
  let r;
  if (withData) {
    try {
      const people = await readPeople(io, { ...opts, data: opts.data! }, [{ plan: o.plan, compiled: o.compiled! }, { plan: n.plan, compiled: n.compiled! }], 'ui.outcome.compared');
      const labels = (p: Plan) => (p.grades?.lines ?? []).map((l) => l.label.text);
      r = replay(people.map((p) => ({ id: p.id, old: p.results[0]!, new: p.results[1]! })), labels(o.plan), labels(n.plan));
    } catch (e) {
      if (e instanceof DataFailed) return e.exitCode;
      throw e;
    }
  }
  if (opts.format === 'json') io.stdout.write(`${JSON.stringify({ ...d, ...(r ? { replay: r } : {}) }, null, 2)}\n`);
  else if (opts.format === 'markdown') io.stdout.write(diffToMarkdown(d, r, commandLang(opts.lang, io.env, 'zh')));
  else io.stdout.write(visibleText(diffToText(d, r, commandLang(opts.lang, io.env, 'zh'))));
  return EXIT.OK;
}
