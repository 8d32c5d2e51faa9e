/** The commander program: one file per command in commands/. */
import { Command } from 'commander';
import type { Io } from './io.js';
import { checkCommand } from './commands/check.js';
import { testCommand } from './commands/test.js';
import { scoreCommand } from './commands/score.js';
import { explainCommand } from './commands/explain.js';
import { fmtCommand } from './commands/fmt.js';
import { compileCommand } from './commands/compile.js';
import { initCommand } from './commands/init.js';
import { lspCommand } from './commands/lsp.js';
import { diffCommand } from './commands/diff.js';
import { solveCommand } from './commands/solve.js';

import { VERSION } from './version.js';
import { langOption } from './lang.js';

export { VERSION };

export function createProgram(io: Io, done: (code: number) => void, usageErrors?: (s: string) => void): Command {
  const program = new Command('kpi')
    .description('KPI appraisal plans (绩效考核方案): check, test, score and explain')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      ...(usageErrors ? { outputError: (s: string) => usageErrors(s) } : {}),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ kpi init my-plans              scaffold a plan, sample data and a CI workflow
  $ kpi check plans/               check every .kpi file under plans/
  $ kpi test plans/                run the test blocks of every plan
  $ kpi score 店长.kpi --data 五月.csv -o 五月结果.xlsx

Exit codes: 0 ok · 1 errors in a plan or failed tests · 2 usage, I/O or data error.`,
    );
  for (const make of [checkCommand, testCommand, scoreCommand, explainCommand, fmtCommand, compileCommand, initCommand, diffCommand, solveCommand, lspCommand]) {
    const cmd = make(io, done);
    // every command takes --lang (score and explain declare their own, with what it changes there)
    if (!cmd.options.some((o) => o.long === '--lang')) cmd.addOption(langOption());
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        ...(usageErrors ? { outputError: (s: string) => usageErrors(s) } : {}),
      })
      .showSuggestionAfterError(true);
    program.addCommand(cmd);
  }
  return program;
}
