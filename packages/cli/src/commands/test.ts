/** `kpi test <files|dirs...>`: run the `test` blocks of every plan; final line `N passed, N failed`. */
import { diag, bilingual, localize, pluralS, rowErrorDiagnostic, ui } from '@kpi/core';
import { Command, Option } from 'commander';
import { SourceFile, visibleText, type Diagnostic, type Lang } from '@kpi/core';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { analyze, renderDiagnostics, type TestReport } from '../engine.js';
import { runPlanTests } from '../engine-run.js';
import { sourceMap, type SourceText } from '../report.js';
import { expandPlanFiles } from '../files.js';
import { readText } from '../plan.js';
import { resolve } from 'node:path';
import { printPlanDiagnostics } from './check.js';
import { helpTexts } from '../help.js';
import { commandLang } from '../lang.js';

/** what the CLI reads from the engine's test reports */
export interface TestOutcome {
  file: string;
  plan: string;
  name: string;
  passed: boolean;
  /** one line per failed expectation: `KPI0920 total: expected 90.05, got 89.5` */
  details: string[];
  /** `file:line:col ` of each detail's `expect` (or '') */
  where?: string[];
  /** the engine's explanation of the row, for failed tests */
  why: string[];
  seconds: number;
  /** line of the test's name in the file */
  line?: number;
  /** a file whose tests could not run (errors in the plan): a failure, counted apart from failed tests */
  notRun?: boolean;
}

/** Adapt one engine report (`runPlanTests`) to lines a person can read, in `lang`; `source` places them at `file:line:col`. */
export function outcomeOf(file: string, report: TestReport, seconds: number, source?: SourceFile, lang: Lang = 'en'): TestOutcome {
  const at = (offset: number) => {
    if (!source) return '';
    const { line, col } = source.lineCol(offset);
    return `${file}:${line}:${col} `;
  };
  // a `given` row that cannot be scored: say why once, first, then which expectations it leaves unchecked
  // (the engine's English text as it was; in Chinese the catalogue's words for the same error)
  const details = report.errors.map((e) =>
    ui('ui.test.given-unscorable', { code: e.code, message: lang === 'en' ? e.message : localize(rowErrorDiagnostic(undefined, undefined, '', e), lang).message }, lang),
  );
  const where = report.errors.map(() => at(report.nameSpan.start));
  for (const f of report.failures) {
    // the catalogue code of a failed expectation, as `kpi check` shows codes (grammar/diagnostics/KPI0920.md)
    const args = { subject: f.subject, expected: f.expected };
    details.push(report.errors.length && f.actual.startsWith('error:') ? ui('ui.test.not-scored', args, lang) : `KPI0920 ${ui('ui.test.expected-got', { ...args, actual: f.actualText ?? f.actual }, lang)}`);
    where.push(at(f.span.start));
  }
  const line = source ? source.lineCol(report.nameSpan.start).line : undefined;
  return { file, plan: report.plan, name: report.name, passed: report.passed, details, where, why: report.explanation ?? [], seconds, ...(line !== undefined ? { line } : {}) };
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitOfTests(outcomes: TestOutcome[], lang: Lang = 'en'): string {
  const byFile = new Map<string, TestOutcome[]>();
  for (const o of outcomes) (byFile.get(o.file) ?? byFile.set(o.file, []).get(o.file)!).push(o);
  const failed = outcomes.filter((o) => !o.passed).length;
  const time = (n: number) => n.toFixed(3);
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kpi test" tests="${outcomes.length}" failures="${failed}" errors="0" time="${time(outcomes.reduce((a, o) => a + o.seconds, 0))}">\n`;
  for (const [file, list] of byFile) {
    const f = list.filter((o) => !o.passed).length;
    out += `  <testsuite name="${xml(file)}" tests="${list.length}" failures="${f}" errors="0" time="${time(list.reduce((a, o) => a + o.seconds, 0))}">\n`;
    for (const o of list) {
      out += `    <testcase classname="${xml(`${file}.${o.plan}`)}" name="${xml(o.name)}" file="${xml(file)}"${o.line !== undefined ? ` line="${o.line}"` : ''} time="${time(o.seconds)}"`;
      if (o.passed) out += '/>\n';
      else {
        const body = [...o.details, ...(o.why.length ? ['', ...o.why] : [])].join('\n');
        out += `>\n      <failure message="${xml(o.details[0] ?? ui('ui.test.failed', {}, lang))}" type="kpi-test">${xml(body)}</failure>\n    </testcase>\n`;
      }
    }
    out += '  </testsuite>\n';
  }
  return `${out}</testsuites>\n`;
}

export function testCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  return new Command('test')
    .description(h('cli-help.test', {}))
    .argument('<files...>', h('cli-help.common.files', {}))
    .addOption(new Option('-f, --format <format>', h('cli-help.common.format', {})).choices(['terminal', 'github', 'junit']).default('terminal'))
    .option('--plan <name>', h('cli-help.test.plan', {}))
    .addHelpText('after', `\n${h('cli-help.examples.test', {})}`)
    .action(async (args: string[], opts: { format: 'terminal' | 'github' | 'junit'; plan?: string; lang?: string }) => {
      const files = await expandPlanFiles(args, io.cwd);
      const lang = io.lang ?? 'en';
      // the explanation of a failed test (the │ lines): chosen as `kpi explain` chooses its sentences
      const explainLang = commandLang(opts.lang, io.env, 'zh');
      const github = opts.format === 'github';
      const c = colors(!github && useColor(io, io.stdout));
      // --format github: the terminal lines, then one `::error` workflow command per failed expect or plan error
      const annotations: Diagnostic[] = [];
      const sources: SourceText[] = [];
      const outcomes: TestOutcome[] = [];
      let matched = 0;
      const planNames = new Set<string>();
      const term = opts.format !== 'junit';
      for (const name of files) {
        const text = await readText(resolve(io.cwd, name), name);
        const a = analyze(name, text);
        const source = new SourceFile(name, text);
        for (const p of a.file.plans) planNames.add(p.name.text);
        const errors = a.diagnostics.filter((d) => d.severity === 'error');
        if (term) io.stdout.write(`${c.bold(name)}\n`);
        if (github) sources.push({ name, text });
        if (errors.length) {
          annotations.push(...errors);
          if (term) printPlanDiagnostics(io, io.stdout, [{ name, text, diagnostics: errors }]);
          const count = ui('ui.errors', { n: errors.length, s: pluralS(errors.length) }, lang);
          outcomes.push({
            file: name,
            plan: '',
            name: ui('ui.test.has-errors', { file: name }, lang),
            passed: false,
            notRun: true,
            why: [],
            details: [ui('ui.test.run-check', { errors: count, file: name }, lang)],
            seconds: 0,
          });
          if (term) io.stdout.write(`  ${c.red('✗')} ${ui('ui.test.cannot-run', { errors: count }, lang)}\n`);
          continue;
        }
        for (const plan of a.file.plans) {
          if (opts.plan !== undefined && plan.name.text !== opts.plan) continue;
          matched++;
          // process.hrtime, not performance.now(): the `performance` global loads perf_hooks and eight modules under it
          const t0 = process.hrtime.bigint();
          const reports = runPlanTests(plan, { file: name, lang: explainLang });
          const per = Number(process.hrtime.bigint() - t0) / 1e9 / Math.max(1, reports.length);
          for (const rep of reports) {
            const o = outcomeOf(name, rep, per, source, lang);
            outcomes.push(o);
            annotations.push(...rep.diagnostics.map((d) => ({ ...d, file: d.file ?? name })));
            if (!term) continue;
            // names and details come from the plan: control characters are shown, never sent to the terminal
            const label = visibleText(a.file.plans.length > 1 ? `${plan.name.text} › ${o.name}` : o.name, false);
            if (o.passed) io.stdout.write(`  ${c.green('✓')} ${label}\n`);
            else {
              io.stdout.write(`  ${c.red('✗')} ${c.red(label)}\n`);
              o.details.forEach((d, i) => io.stdout.write(`      ${c.dim(visibleText(o.where?.[i] ?? '', false))}${visibleText(d, false)}\n`));
              for (const w of o.why) io.stdout.write(`      ${c.dim(`│ ${visibleText(w, false)}`)}\n`);
            }
          }
        }
      }
      // a mistyped --plan must not pass CI by running nothing
      if (opts.plan !== undefined && matched === 0 && !outcomes.some((o) => !o.passed)) {
        throw new UserError(
          diag(
            'KPI0005.in-files',
            { plan: opts.plan, where: files.length === 1 ? `\`${files[0]}\`` : bilingual('what.n-files', { n: files.length }), names: [...planNames].map((n) => `\`${n}\``).join(', ') },
            planNames.size ? {} : { helpText: null },
          ),
        );
      }
      const notRun = outcomes.filter((o) => o.notRun).length;
      const failed = outcomes.filter((o) => !o.passed && !o.notRun).length;
      const passed = outcomes.length - failed - notRun;
      if (github && annotations.length) {
        io.stdout.write(`\n${renderDiagnostics('github', annotations, sourceMap(sources), { lang })}`);
      }
      if (term) {
        const line = ui('ui.test.summary', { passed, failed, notRun: notRun ? ui('ui.test.not-run', { n: notRun, s: pluralS(notRun) }, lang) : '' }, lang);
        io.stdout.write(`\n${failed || notRun ? c.red(c.bold(line)) : c.green(line)}\n`);
      } else io.stdout.write(junitOfTests(outcomes, lang));
      done(failed || notRun ? EXIT.FAILED : EXIT.OK);
    });
}
