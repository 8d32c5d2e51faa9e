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
import { langOfRun, machineFormatOfRun } from './lang.js';
import { diag, ui } from '@kpi/core/diag';
import type { Diagnostic } from '@kpi/core';
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

/** commander's message (`error: unknown option '--x'`) as a KPI0006 diagnostic */
function usageDiagnostic(text: string): Diagnostic {
  const en = text.replace(/^error:\s*/, '');
  return diag('KPI0006', { text: { en, zh: commanderZh(en) } }, {});
}

/** commander's usual usage errors in Chinese; others stay as commander wrote them */
function commanderZh(en: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^unknown option '(.+?)'(?:\n\(Did you mean (.+?)\?\))?/s, (m) => `未知选项 '${m[1]}'${m[2] ? `（是不是想写 ${m[2]}？）` : ''}`],
    [/^unknown command '(.+?)'/, (m) => `未知命令 '${m[1]}'`],
    [/^missing required argument '(.+?)'/, (m) => `缺少必需的参数 '${m[1]}'`],
    [/^required option '(.+?)' not specified/, (m) => `缺少必需的选项 '${m[1]}'`],
    [/^option '(.+?)' argument missing/, (m) => `选项 '${m[1]}' 缺少值`],
    [/^option '(.+?)' argument '(.+?)' is invalid\. Allowed choices are (.+?)\.?$/s, (m) => `选项 '${m[1]}' 的值 '${m[2]}' 无效，可选值：${m[3]}`],
    [/^too many arguments/, () => '参数过多'],
  ];
  for (const [re, f] of rules) {
    const m = re.exec(en);
    if (m) return f(m);
  }
  return en;
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
  io = { ...io, lang: langOfRun(argv, io.env) };
  const machine = machineFormatOfRun(argv);
  let code: number = EXIT.OK;
  /** commander's own usage errors, kept to be printed as a coded diagnostic in a machine format */
  const usage: string[] = [];
  const program = await createProgram(io, (c) => {
    code = c;
  }, machine ? (s) => usage.push(s) : undefined, argv);
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
