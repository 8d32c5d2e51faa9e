/**
 * The VS Code extension: starts the kpi language server (`kpi lsp`, shipped inside the extension, or
 * the `kpi` command named by the `kpi.path` setting) and adds "Score this plan against a CSV", which
 * runs `kpi score --format json` and shows the rows in a table. Highlighting is the TextMate grammar
 * generated from the lexer; everything else comes from the server.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { scorePlan, type KpiCommand } from './score';

let client: LanguageClient | undefined;

/** the language of hovers and messages: the `kpi.language` setting, else VS Code's display language */
function lang(): 'zh' | 'en' {
  const set = vscode.workspace.getConfiguration('kpi').get<string>('language', 'auto');
  if (set === 'zh' || set === 'en') return set;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** how to run `kpi ARGS`: the configured command, else the CLI bundled in the extension on VS Code's own Node */
function kpiCommand(context: vscode.ExtensionContext): KpiCommand {
  const configured = vscode.workspace.getConfiguration('kpi').get<string>('path', '').trim();
  if (configured) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const file = folder && !/^([a-zA-Z]:)?[\\/]/.test(configured) && /[\\/]/.test(configured) ? `${folder}/${configured}` : configured;
    return { file, prefix: [], env: process.env };
  }
  return { file: process.execPath, prefix: [bundledCli(context)], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } };
}

const bundledCli = (context: vscode.ExtensionContext) => context.asAbsolutePath('dist/cli/dist/kpi.js');

function startClient(context: vscode.ExtensionContext): LanguageClient {
  const run = kpiCommand(context);
  const serverOptions: ServerOptions =
    run.prefix.length > 0
      ? { module: bundledCli(context), args: ['lsp'], transport: TransportKind.stdio }
      : { command: run.file, args: ['lsp', '--stdio'], options: { env: run.env } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kpi' }],
    initializationOptions: { lang: lang() },
    outputChannelName: 'KPI',
  };
  const c = new LanguageClient('kpi', 'KPI language server', serverOptions, clientOptions);
  void c.start();
  return c;
}

export function activate(context: vscode.ExtensionContext): void {
  client = startClient(context);
  const output = vscode.window.createOutputChannel('KPI scoring');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('kpi.restartServer', async () => {
      await client?.stop();
      client = startClient(context);
    }),
    vscode.commands.registerCommand('kpi.scoreWithData', (uri?: vscode.Uri) => scoreWithData(context, output, uri)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('kpi.path') || e.affectsConfiguration('kpi.language')) {
        await client?.stop();
        client = startClient(context);
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

const lastData = new Map<string, vscode.Uri>();

async function scoreWithData(context: vscode.ExtensionContext, output: vscode.OutputChannel, uri?: vscode.Uri): Promise<void> {
  const zh = lang() === 'zh';
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'kpi') {
    void vscode.window.showErrorMessage(zh ? '请先打开一个 .kpi 方案文件' : 'Open a .kpi plan first');
    return;
  }
  if (doc.isUntitled) {
    void vscode.window.showErrorMessage(zh ? '请先保存方案文件' : 'Save the plan to a file first');
    return;
  }
  // the CLI scores the file on disk: what the editor shows is what gets scored
  if (doc.isDirty && !(await doc.save())) return;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: lastData.get(doc.uri.toString()) ?? vscode.Uri.file(dirname(doc.uri.fsPath)),
    filters: { [zh ? '数据文件' : 'Data files']: ['csv', 'tsv', 'txt', 'xlsx', 'json'] },
    openLabel: zh ? '评分' : 'Score',
  });
  const data = picked?.[0];
  if (!data) return;
  lastData.set(doc.uri.toString(), data);

  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: zh ? `正在评分 ${basename(doc.uri.fsPath)}…` : `Scoring ${basename(doc.uri.fsPath)}…` },
    () => scorePlan(kpiCommand(context), doc.uri.fsPath, data.fsPath, zh ? 'zh' : 'en'),
  );
  output.clear();
  if (!outcome.ok) {
    output.append(outcome.details);
    output.show(true);
    void vscode.window.showErrorMessage(outcome.message);
    return;
  }
  // warnings about the data (e.g. 95 where the target is 98%) go beside the table
  if (outcome.warnings.trim()) output.append(outcome.warnings);
  const panel = vscode.window.createWebviewPanel('kpi.scores', outcome.title, vscode.ViewColumn.Beside, { enableScripts: false });
  panel.webview.html = outcome.html;
}
