/** `kpi lsp`: the language server on stdin/stdout, for editors (VS Code extension, Neovim, Helix, ...). */
import { Command } from 'commander';
import { ui } from '@kpi/core/diag';
import type { Io } from '../io.js';
import { helpTexts } from '../help.js';
import { VERSION } from '../version.js';

export function lspCommand(io: Io, _done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  return new Command('lsp')
    .description(h('cli-help.lsp', {}))
    .option('--stdio', h('cli-help.lsp.stdio', {}))
    .addHelpText('after', `\n${h('cli-help.examples.lsp', {})}`)
    .action(async () => {
      // someone typed `kpi lsp` at a terminal: say what it is rather than wait in silence
      if (process.stdin.isTTY) io.stderr.write(`${ui('ui.lsp.at-terminal', {}, io.lang ?? 'en')}\n`);
      // loaded only here: the server's libraries cost nothing to the other commands
      const { runStdioServer } = await import('@kpi/lsp');
      runStdioServer({ version: VERSION });
      // never resolves: the connection's `exit` notification ends the process
      await new Promise<never>(() => {});
    });
}
