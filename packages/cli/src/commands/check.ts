/** `kpi check <files|dirs|globs...>`: every finding in every plan file. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import type { Diagnostic } from '@kpi/core';
import { expandPlanFiles } from '../files.js';
import { colors, EXIT, UserError, useColor, type Io, type Stream } from '../io.js';
import { analyze, countDiagnostics, renderDiagnostics, summaryLine, type DiagnosticFormat } from '../engine.js';
import { readText } from '../plan.js';
import { sourceMap } from '../report.js';
import { VERSION } from '../version.js';

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
  const cmd = new Command('check')
    .description('check plan files: syntax, weights, ranges, tables, names, KPI practice')
    .argument('<files...>', 'plan files, directories (every .kpi under them) or globs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['terminal', 'json', 'github', 'sarif', 'junit']).default('terminal'))
    .option('--strict', 'fail (exit 1) on warnings too')
    .addHelpText(
      'after',
      `
Examples:
  $ kpi check 店长.kpi
  $ kpi check plans/ 'teams/**/*.kpi'
  $ kpi check --format github plans/        annotations in a GitHub Actions run
  $ kpi check --format sarif plans/ > kpi.sarif

Exit codes: 0 no errors (warnings allowed unless --strict) · 1 errors · 2 usage or I/O error.`,
    )
    .action(async (args: string[], opts: { format: DiagnosticFormat; strict?: boolean }) => {
      const files = await analyzeFiles(io, args);
      const diags = files.flatMap((f) => f.diagnostics);
      const sources = sourceMap(files);
      const counts = countDiagnostics(diags);
      if (opts.format === 'terminal') {
        const color = useColor(io, io.stdout);
        const c = colors(color);
        if (diags.some((d) => !d.suppressed)) {
          const text = renderDiagnostics('terminal', diags, sources, { color, lang: io.lang ?? 'en' });
          io.stdout.write(`${text.replace(/\n+$/, '')}\n\n`);
        }
        const line = summaryLine({ ...counts, files: files.length }, io.lang ?? 'en');
        io.stdout.write(`${counts.errors ? c.red(c.bold(line)) : counts.warnings ? c.yellow(line) : c.green(line)}\n`);
      } else {
        const text = renderDiagnostics(opts.format, diags, sources, { files: files.map((f) => f.name), version: VERSION, lang: io.lang ?? 'en' });
        // `github` with no findings is empty: print nothing rather than a blank line in the job log
        if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      }
      done(files.some((f) => f.unreadable) ? EXIT.USAGE : counts.errors || (opts.strict && counts.warnings) ? EXIT.FAILED : EXIT.OK);
    });
  return cmd;
}
