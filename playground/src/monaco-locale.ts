/**
 * Monaco's own labels (find widget, context menu, quick-fix and hover texts) in Chinese, from Monaco's
 * zh-cn locale. Monaco looks a label up in the global message table when it builds it, so the table is
 * installed before any Monaco module runs (this module is imported first) and switched when the
 * playground's language toggle changes: labels built after the switch follow it, and those Monaco built
 * once at start-up (context-menu entries) keep the language the page was opened in.
 */
import 'monaco-editor/nls/lang/zh-cn.js';
import type { Lang } from '@kpi/core';

const g = globalThis as { _VSCODE_NLS_MESSAGES?: string[]; _VSCODE_NLS_LANGUAGE?: string };
const ZH_CN = g._VSCODE_NLS_MESSAGES;

/** the playground opens in Chinese (its default language); a shared link in English switches later */
export function setMonacoLang(lang: Lang): void {
  // without a table Monaco uses the English text compiled into each call
  g._VSCODE_NLS_MESSAGES = lang === 'zh' ? ZH_CN : undefined;
  g._VSCODE_NLS_LANGUAGE = lang === 'zh' ? 'zh-cn' : 'en';
}
setMonacoLang('zh');
