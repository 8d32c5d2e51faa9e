/** The commander program: one file per command in commands/; its help in the run's language (help.ts). */
import { Command } from 'commander';
import type { Io } from './io.js';

import { VERSION } from './version.js';
import { langOption } from './lang.js';
import { helpConfiguration } from './help.js';
import { ui } from '@kpi/core/diag';

export { VERSION };

type MakeCommand = (io: Io, done: (code: number) => void) => Command;

/**
 * The commands in the order `kpi --help` lists them, each loaded when needed: `kpi check` need not load the
 * data readers, writers, DuckDB glue and decision tools of the others (issue 14: startup).
 */
const COMMANDS: [name: string, load: () => Promise<MakeCommand>][] = [
  ['check', async () => (await import('./commands/check.js')).checkCommand],
  ['test', async () => (await import('./commands/test.js')).testCommand],
  ['score', async () => (await import('./commands/score.js')).scoreCommand],
  ['explain', async () => (await import('./commands/explain.js')).explainCommand],
  ['fmt', async () => (await import('./commands/fmt.js')).fmtCommand],
  ['compile', async () => (await import('./commands/compile.js')).compileCommand],
  ['init', async () => (await import('./commands/init.js')).initCommand],
  ['diff', async () => (await import('./commands/diff.js')).diffCommand],
  ['solve', async () => (await import('./commands/solve.js')).solveCommand],
  ['lsp', async () => (await import('./commands/lsp.js')).lspCommand],
];

/**
 * The program for `argv` (process.argv: node, script, args…): when its first argument names a command, only
 * that command is loaded; otherwise (help, an unknown command, no command) every one, for help and suggestions.
 */
export async function createProgram(io: Io, done: (code: number) => void, usageErrors?: (s: string) => void, argv?: readonly string[]): Promise<Command> {
  const named = COMMANDS.find(([name]) => name === argv?.[2]);
  const makers = await Promise.all((named ? [named] : COMMANDS).map(([, load]) => load()));
  const lang = io.lang ?? 'en';
  const program = new Command('kpi')
    .description(ui('cli-help.kpi', {}, lang))
    .version(VERSION, '-V, --version', ui('cli-help.kpi.version', {}, lang))
    .helpOption('-h, --help', ui('cli-help.kpi.help', {}, lang))
    // before the command too (`kpi --lang zh check …`): main.ts moves it after the command name, which every command takes
    .addOption(langOption(lang))
    // the program's options only before the command: after it, `--lang` is the command's own
    .enablePositionalOptions()
    .helpCommand('help [command]', ui('cli-help.help-command', {}, lang))
    .configureHelp(helpConfiguration(lang))
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      ...(usageErrors ? { outputError: (s: string) => usageErrors(s) } : {}),
    })
    .exitOverride()
    .addHelpText('after', `\n${ui('cli-help.examples.kpi', {}, lang)}`);
  for (const make of makers) {
    const cmd = make(io, done);
    // every command takes --lang (score and explain declare their own, with what it changes there)
    if (!cmd.options.some((o) => o.long === '--lang')) cmd.addOption(langOption(lang));
    cmd
      .helpOption('-h, --help', ui('cli-help.help-option', {}, lang))
      .configureHelp(helpConfiguration(lang))
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
