/** `kpi check <files|dirs|globs...>`: every finding in every plan file. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
// subpaths, not the '@kpi/core' index: this module is on every command's start-up path (main.ts), and the
// index would bring the compiler, the SQL generator and the money evaluator into the chunk `kpi check` parses
import type { Diagnostic, Lang } from '@kpi/core';
import { diag, pluralS, ui } from '@kpi/core/diag';
import { visibleText } from '@kpi/core/render';
import { expandPlanFiles } from '../files.js';
import { colors, EXIT, UserError, useColor, type Io, type Stream } from '../io.js';
import { analyze, countDiagnostics, renderDiagnostics, summaryLine, type DiagnosticFormat } from '../engine.js';
import { readText } from '../plan.js';
import { sourceMap } from '../report.js';
import { VERSION } from '../version.js';
import { capRepeated, KEEP, MORE_THAN, type Omitted } from '../repeated-findings.js';
import { wholeNumberOption } from '../whole-number.js';
import { helpTexts } from '../help.js';

export interface FileDiagnostics {
  name: string;
  text: string;
  diagnostics: Diagnostic[];
  /** the file could not be read (KPI0001, KPI0002, KPI0953): the run exits 2, as for any I/O error */
  unreadable?: boolean;
}

/** terminal rendering of plan findings with code frames */
export function printPlanDiagnostics(io: Io, stream: Stream, files: FileDiagnostics[]): void {
  const diags = files.flatMap((f) => f.diagnostics);
  if (!diags.length) return;
  const text = renderDiagnostics('terminal', diags, sourceMap(files), { color: useColor(io, stream), lang: io.lang ?? 'en' });
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

export async function analyzeFiles(io: Io, args: string[]): Promise<FileDiagnostics[]> {
  const files = await expandPlanFiles(args, io.cwd);
  const out: FileDiagnostics[] = [];
  for (const name of files) {
    let text: string;
    try {
      text = await readText(resolve(io.cwd, name), name);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      // one unreadable file (binary, GBK, no permission) is a finding for that file, in every format; the
      // others are still checked, so CI keeps their findings (issue 13)
      out.push({ name, text: '', diagnostics: [{ ...e.diagnostic, file: name }], unreadable: true });
      continue;
    }
    out.push({ name, text, diagnostics: analyze(name, text).diagnostics });
  }
  return out;
}

export function checkCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  const cmd = new Command('check')
    .description(h('cli-help.check', {}))
    .argument('<files...>', h('cli-help.common.files', {}))
    .addOption(new Option('-f, --format <format>', h('cli-help.common.format', {})).choices(['terminal', 'json', 'github', 'sarif', 'junit']).default('terminal'))
    .option('--strict', h('cli-help.check.strict', {}))
    .option('--max-warnings <n>', h('cli-help.check.max-warnings', {}))
    .option('--all', h('cli-help.check.all', { more: MORE_THAN, keep: KEEP }))
    .addHelpText('after', `\n${h('cli-help.examples.check', {})}`)
    .action(async (args: string[], opts: { format: DiagnosticFormat; strict?: boolean; maxWarnings?: string; all?: boolean }) => {
      const maxWarnings = opts.maxWarnings === undefined ? undefined : maxWarningsOf(opts.maxWarnings);
      const files = await analyzeFiles(io, args);
      const lang = io.lang ?? 'en';
      const diags = files.flatMap((f) => f.diagnostics);
      const sources = sourceMap(files);
      const counts = countDiagnostics(diags);
      const overMax = maxWarnings !== undefined && counts.warnings > maxWarnings;
      if (opts.format === 'terminal') {
        const color = useColor(io, io.stdout);
        const c = colors(color);
        if (diags.some((d) => !d.suppressed)) {
          const { shown, omitted } = opts.all ? { shown: diags, omitted: [] } : capRepeated(diags);
          const text = renderDiagnostics('terminal', shown, sources, { color, lang });
          const more = omitted.map((o) => c.dim(omittedLine(o, lang)));
          io.stdout.write(`${[text.replace(/\n+$/, ''), ...more].join('\n')}\n\n`);
        }
        const line = summaryLine({ ...counts, files: files.length }, lang);
        io.stdout.write(`${counts.errors ? c.red(c.bold(line)) : counts.warnings ? c.yellow(line) : c.green(line)}\n`);
        if (overMax) io.stdout.write(`${c.red(c.bold(tooManyLine(counts.warnings, maxWarnings, lang)))}\n`);
      } else {
        const text = renderDiagnostics(opts.format, diags, sources, { files: files.map((f) => f.name), version: VERSION, lang });
        // `github` with no findings is empty: print nothing rather than a blank line in the job log
        if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        // standard output is the report a machine reads: why the run failed goes beside it
        if (overMax) io.stderr.write(`${tooManyLine(counts.warnings, maxWarnings, lang)}\n`);
      }
      const failsOnWarnings = (opts.strict && counts.warnings > 0) || overMax;
      done(files.some((f) => f.unreadable) ? EXIT.USAGE : counts.errors || failsOnWarnings ? EXIT.FAILED : EXIT.OK);
    });
  return cmd;
}

/** `--max-warnings N`: a whole number, 0 or more (as ESLint's: the run fails with more warnings than N) */
export function maxWarningsOf(s: string): number {
  const n = wholeNumberOption(s, 0);
  if (n === undefined) throw new UserError(diag('KPI0006.max-warnings', { value: s }));
  return n;
}

function omittedLine(o: Omitted, lang: Lang): string {
  // a file name is shown as the findings show it: control characters made visible, never sent to the terminal
  return ui(o.severity === 'warning' ? 'ui.more-warnings-not-shown' : 'ui.more-notes-not-shown', { n: o.n, s: pluralS(o.n), code: o.code, file: visibleText(o.file) }, lang);
}

function tooManyLine(warnings: number, max: number, lang: Lang): string {
  return ui('ui.max-warnings', { count: ui('ui.warnings', { n: warnings, s: pluralS(warnings) }, lang), max }, lang);
}
