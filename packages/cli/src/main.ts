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
import { DataError } from './data/read.js';
import { printDiagnostics } from './report.js';

export { createProgram } from './program.js';

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
  let code: number = EXIT.OK;
  const program = createProgram(io, (c) => {
    code = c;
  });
  const c = colors(useColor(io, io.stderr));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, `kpi help` and --version end here with exit code 0; usage mistakes were printed by commander,
      // and so was the help for a bare `kpi` (commander.help: no command given), which is a usage error
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.OK;
      return EXIT.USAGE;
    }
    if (e instanceof UserError) {
      io.stderr.write(`${c.red(c.bold('error:'))} ${e.message}\n`);
      if (e.help) io.stderr.write(`  ${c.cyan('help:')} ${e.help}\n`);
      return e.exitCode;
    }
    if (e instanceof PlanErrors) {
      printPlanDiagnostics(io, io.stderr, [{ name: e.loaded.name, text: e.loaded.text, diagnostics: e.diagnostics }]);
      return EXIT.FAILED;
    }
    if (e instanceof DataError) {
      printDiagnostics(io, io.stderr, [e.diagnostic]);
      return EXIT.USAGE;
    }
    const err = e as Error;
    io.stderr.write(
      `${c.red(c.bold('internal error:'))} ${err?.message ?? String(e)}\n` +
        `This is a bug in kpi ${VERSION}, not in your plan. Please report it with the command you ran` +
        (io.env.KPI_DEBUG ? `\n${err?.stack ?? ''}\n` : ' (set KPI_DEBUG=1 to see the stack trace).\n'),
    );
    return EXIT.USAGE;
  }
}
