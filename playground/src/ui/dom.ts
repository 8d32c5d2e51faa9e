/** Small DOM helpers shared by the UI modules. */
export const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const setText = (el: HTMLElement, v: string) => {
  if (el.textContent !== v) el.textContent = v;
};

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
/** a one-line message under the header bar; errors in red; sticky ones stay until replaced */
export function notice(text: string, error = false, sticky = false): void {
  const el = $('#notice');
  el.textContent = text;
  el.hidden = false;
  el.classList.toggle('error', error);
  clearTimeout(noticeTimer);
  if (!sticky) noticeTimer = setTimeout(() => (el.hidden = true), 6000);
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
