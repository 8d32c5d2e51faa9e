/**
 * Monaco, trimmed to what the plan editor uses: the editor core API plus a handful of features
 * (hover, suggest, quick fixes, marker navigation, find, comments, folding, bracket matching...).
 * No built-in languages, and only the editor worker (the plan language runs in the engine worker).
 */
// first: Monaco's Chinese labels must be in place before its modules compute them (see monaco-locale.ts)
import { setMonacoLang } from './monaco-locale.js';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/hover/register';
// `features/suggest/register` only bridges inline completions in 0.57; the suggest widget itself (Ctrl+Space,
// suggestions while typing) is the SuggestController contribution
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/codicon/register';
// inline: a worker file next to the page cannot be started from disk (file://)
import EditorWorker from 'monaco-editor/editor/editor.worker?worker&inline';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco, setMonacoLang };
