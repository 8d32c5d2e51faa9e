/** Small DOM helpers shared by the UI modules. */
import { STRINGS, type Strings } from '../i18n.js';
import { state } from '../state.js';
export const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const setText = (el: HTMLElement, v: string) => {
  if (el.textContent !== v) el.textContent = v;
};

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
/** a notice's text: given in words of the page's table, it is said again when the language changes */
export type NoticeText = string | ((s: Strings) => string);
let shown: NoticeText = '';
/** a one-line message under the header bar; errors in red; sticky ones stay until replaced */
export function notice(text: NoticeText, error = false, sticky = false): void {
  const el = $('#notice');
  shown = text;
  el.textContent = typeof text === 'function' ? text(STRINGS[state.lang]) : text;
  el.hidden = false;
  el.classList.toggle('error', error);
  clearTimeout(noticeTimer);
  if (!sticky) noticeTimer = setTimeout(() => (el.hidden = true), 6000);
}

/** the language changed: the notice on screen, if any, in the new language */
export function renewNotice(): void {
  const el = $('#notice');
  if (!el.hidden && typeof shown === 'function') el.textContent = shown(STRINGS[state.lang]);
}

export function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
