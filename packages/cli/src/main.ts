/**
 * Entry point: `main(argv)` runs the program and resolves to the exit code; bin/kpi.js sets it.
 * User errors (bad arguments, missing files, data errors) print a clear message and exit 2, never a
 * stack trace; anything else is our bug: "internal error" and a note on how to report it.
 */
import { CommanderError } from 'commander';
import { EXIT, UserError, colors, processIo, useColor, type Io } from './io.js';
import { createProgram, VERSION } from './program.js';
import { PlanErrors } from './plan.js';
import { printPlanDiagnostics } from './commands/check.js';
import { DataError } from './data/data-error.js';
import { printDiagnostics } from './report.js';
import { langAfterCommand, langOfRun, machineFormatOfRun } from './lang.js';
import { bilingual, diag, joinTexts, pluralS, ui } from '@kpi/core/diag';
import type { Diagnostic, Text } from '@kpi/core';
import { renderDiagnostics } from './engine.js';

export { createProgram } from './program.js';

/**
 * An error of the command line or a file: in a machine format (`kpi check missing.kpi --format json`)
 * a document with the coded diagnostic on stdout, as a successful run would print; else for people on stderr.
 */
function printUserError(io: Io, machine: ReturnType<typeof machineFormatOfRun>, d: Diagnostic): void {
  if (machine) {
    const text = renderDiagnostics(machine, [d], new Map(), { version: VERSION, files: d.file ? [d.file] : [], ...(io.lang ? { lang: io.lang } : {}) });
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  } else printDiagnostics(io, io.stderr, [d]);
}

/** commander's message (`error: unknown option '--x'`) as a KPI0006 diagnostic from the catalogue */
function usageDiagnostic(text: string): Diagnostic {
  const en = text.replace(/^error:\s*/, '');
  const d = commanderDiagnostic(en);
  // the catalogue's English must be commander's own; a message of another form (a newer commander) stays as written
  return d && d.message === en ? d : diag('KPI0006', { text: { en, zh: en } }, {});
}

/** commander's `, `-separated list in both languages, the Chinese joined by `zh` (`--lang, --plan` / `--lang 或 --plan`) */
const list = (en: string, zh: string): Text => joinTexts(en.split(', '), { en: ', ', zh });

/** commander's `\n(Did you mean …?)` after an unknown option or command, in both languages */
function suggestion(s: string | undefined): Text | string {
  if (!s) return '';
  const m = /^\n\(Did you mean (one of )?(.+)\?\)$/s.exec(s);
  if (!m) return s;
  return m[1] ? bilingual('what.did-you-mean-one-of', { names: list(m[2]!, bilingual('ui.list-or', {}).zh) }) : bilingual('what.did-you-mean', { name: m[2]! });
}

/** commander's usual usage errors, read back into the catalogue entry that says them in both languages */
function commanderDiagnostic(en: string): Diagnostic | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^unknown option '(.+?)'(\n\(Did you mean .+\?\))?$/s.exec(en))) return diag('KPI0006.unknown-option', { option: m[1]!, suggestion: suggestion(m[2]) });
  if ((m = /^unknown command '(.+?)'(\n\(Did you mean .+\?\))?$/s.exec(en))) return diag('KPI0006.unknown-command', { command: m[1]!, suggestion: suggestion(m[2]) });
  if ((m = /^missing required argument '(.+)'$/.exec(en))) return diag('KPI0006.missing-argument', { name: m[1]! });
  if ((m = /^required option '(.+)' not specified$/.exec(en))) return diag('KPI0006.missing-option', { flags: m[1]! });
  if ((m = /^option '(.+?)' argument missing$/.exec(en))) return diag('KPI0006.option-value-missing', { flags: m[1]! });
  if ((m = /^option '(.+?)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/s.exec(en))) return diag('KPI0006.option-choices', { flags: m[1]!, value: m[2]!, choices: list(m[3]!, '、') });
  if ((m = /^too many arguments for '(.+?)'\. Expected (\d+) arguments? but got (\d+)\.$/.exec(en))) {
    return diag('KPI0006.too-many-arguments', { command: m[1]!, expected: m[2]!, s: pluralS(Number(m[2])), got: m[3]! });
  }
  return undefined;
}

/** `kpi ... | head`: a closed pipe ends the run quietly */
function quietPipes(): void {
  for (const s of [process.stdout, process.stderr]) {
    s.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export async function main(argv: string[], io?: Io): Promise<number> {
  if (!io) {
    io = processIo();
    quietPipes();
  }
  argv = langAfterCommand(argv);
  io = { ...io, lang: langOfRun(argv, io.env) };
  const machine = machineFormatOfRun(argv);
  let code: number = EXIT.OK;
  /**
   * commander's own usage errors, kept to be printed as a coded KPI0006 diagnostic in a machine format, and in
   * the terminal when the run is in Chinese; in English the terminal gets commander's own line, as it always has
   */
  const usage: string[] = [];
  const coded = machine !== undefined || io.lang === 'zh';
  const program = await createProgram(io, (c) => {
    code = c;
  }, coded ? (s) => usage.push(s) : undefined, argv);
  const c = colors(useColor(io, io.stderr));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, `kpi help` and --version end here with exit code 0; usage mistakes were printed by commander,
      // and so was the help for a bare `kpi` (commander.help: no command given), which is a usage error
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.OK;
      if (machine) printUserError(io, machine, usageDiagnostic(usage.join('').trim() || e.message));
      // (a bare `kpi` printed the help and nothing went through outputError: nothing to add)
      else if (usage.length) printDiagnostics(io, io.stderr, [usageDiagnostic(usage.join('').trim())]);
      return EXIT.USAGE;
    }
    if (e instanceof UserError) {
      printUserError(io, machine, e.diagnostic);
      return e.exitCode;
    }
    if (e instanceof PlanErrors) {
      printPlanDiagnostics(io, io.stderr, [{ name: e.loaded.name, text: e.loaded.text, diagnostics: e.diagnostics }]);
      return EXIT.FAILED;
    }
    if (e instanceof DataError) {
      if (machine) printUserError(io, machine, e.diagnostic);
      else printDiagnostics(io, io.stderr, [e.diagnostic]);
      return EXIT.USAGE;
    }
    const err = e as Error;
    const lang = io.lang ?? 'en';
    io.stderr.write(
      `${c.red(c.bold(`${ui('ui.internal-error', {}, lang)}:`))} ${err?.message ?? String(e)}\n` +
        ui('ui.internal-error.bug', { version: VERSION }, lang) +
        (io.env.KPI_DEBUG ? `\n${err?.stack ?? ''}\n` : `${ui('ui.internal-error.debug', {}, lang)}\n`),
    );
    return EXIT.USAGE;
  }
}
