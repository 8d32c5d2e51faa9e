/** `kpi fmt [--check] <files...>`: format plan files in place (atomically), or list the unformatted ones. */
import { diag, pluralS, ui } from '@kpi/core';
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import type { Diagnostic } from '@kpi/core';
import { writeFileAtomic } from '../atomic.js';
import { outputError } from '../output-error.js';
import { expandPlanFiles } from '../files.js';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { helpTexts } from '../help.js';
import { formatText } from '../engine-run.js';
import { readText } from '../plan.js';
import { printPlanDiagnostics } from './check.js';

/** true when the file's line ends are CRLF (its first line end decides) */
export function usesCrlf(text: string): boolean {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r';
}

export function fmtCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  return new Command('fmt')
    .description(h('cli-help.fmt', {}))
    .argument('<files...>', h('cli-help.common.files', {}))
    .option('--check', h('cli-help.fmt.check', {}))
    .option('--stdout', h('cli-help.fmt.stdout', {}))
    .addOption(new Option('--keywords <style>', h('cli-help.fmt.keywords', {})).choices(['zh', 'en']))
    .addHelpText('after', `\n${h('cli-help.examples.fmt', {})}`)
    .action(async (args: string[], opts: { check?: boolean; stdout?: boolean; keywords?: 'zh' | 'en' }) => {
      const files = await expandPlanFiles(args, io.cwd);
      if (opts.stdout && files.length !== 1) throw new UserError(diag('KPI0006.stdout-one', {}));
      const lang = io.lang ?? 'en';
      const c = colors(useColor(io, opts.check ? io.stdout : io.stderr));
      let broken = 0;
      const unformatted: string[] = [];
      let changed = 0;
      for (const name of files) {
        const path = resolve(io.cwd, name);
        const text = await readText(path, name);
        const r = formatText(name, text, opts.keywords ? { keywords: opts.keywords } : {});
        const errors: Diagnostic[] = r.diagnostics.filter((d) => d.severity === 'error');
        if (r.output === undefined || errors.length) {
          broken++;
          printPlanDiagnostics(io, io.stderr, [{ name, text, diagnostics: errors.length ? errors : r.diagnostics }]);
          continue;
        }
        // the canonical layout has LF line ends; a file written with CRLF (Windows) keeps them
        const output = usesCrlf(text) ? r.output.replace(/\r?\n/g, '\r\n') : r.output;
        if (opts.stdout) {
          io.stdout.write(output);
          continue;
        }
        if (output === text) continue;
        if (opts.check) {
          unformatted.push(name);
          io.stdout.write(`${name}\n`);
        } else {
          try {
            await writeFileAtomic(path, output);
          } catch (e) {
            throw outputError(name, path, e);
          }
          changed++;
          io.stderr.write(`${c.green(ui('ui.fmt.formatted', {}, lang))} ${name}\n`);
        }
      }
      if (opts.check && (unformatted.length || broken)) {
        const parts: string[] = [];
        // `verb` serves English grammar only (1 file is, 2 files are); the Chinese texts leave it out
        const n = unformatted.length;
        if (n) parts.push(ui('ui.fmt.not-formatted', { n, s: pluralS(n), verb: n === 1 ? 'is' : 'are' }, lang));
        if (broken) parts.push(ui('ui.fmt.syntax-errors', { n: broken, s: pluralS(broken), verb: broken === 1 ? 'has' : 'have' }, lang));
        const run = n === 1 ? ui('ui.fmt.run-one', { file: unformatted[0]! }, lang) : n ? ui('ui.fmt.run-many', {}, lang) : '';
        io.stderr.write(`${c.red(parts.join(ui('ui.list-sep', {}, lang)))}${run}\n`);
      } else if (!opts.stdout && !opts.check) {
        const withErrors = broken ? ui('ui.fmt.with-errors', { n: broken }, lang) : '';
        io.stderr.write(`${ui('ui.fmt.summary', { n: changed, s: pluralS(changed), already: files.length - changed - broken, broken: withErrors }, lang)}\n`);
      }
      done(broken || unformatted.length ? EXIT.FAILED : EXIT.OK);
    });
}
