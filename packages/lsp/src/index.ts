/**
 * @kpi/lsp — the language server behind `kpi lsp` and the VS Code extension.
 * `runStdioServer()` speaks LSP on stdin/stdout; `startServer(connection)` wires any connection.
 */
import { createConnection } from 'vscode-languageserver/node.js';
import { startServer, type ServerOptions } from './server.js';

export { startServer, langOf, minimalEdit, type ServerOptions } from './server.js';
export { AnalysisCache, fileNameOf, type Analysis } from './analysis.js';

/** Serve LSP over this process's stdin/stdout until the client sends `exit`. */
export function runStdioServer(options: ServerOptions = {}): void {
  // stdout carries the protocol: anything else printed there would corrupt it
  console.log = console.error;
  console.info = console.error;
  const connection = createConnection(process.stdin, process.stdout);
  startServer(connection, options);
}
