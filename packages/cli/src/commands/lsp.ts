/** `kpi lsp`: the language server on stdin/stdout, for editors (VS Code extension, Neovim, Helix, ...). */
import { Command } from 'commander';
import { ui } from '@kpi/core/diag';
import type { Io } from '../io.js';
import { VERSION } from '../version.js';

export function lspCommand(io: Io, _done: (code: number) => void): Command {
  return new Command('lsp')
    .description('run the language server (LSP over stdin/stdout) for editors')
    .option('--stdio', 'talk over stdin/stdout (the default and only transport; accepted for editors that pass it)')
    .addHelpText(
      'after',
      `
Editors start it themselves; for example in Neovim:
  vim.lsp.start({ name = 'kpi', cmd = { 'kpi', 'lsp' } })
The server runs until the editor sends \`exit\`.`,
    )
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
