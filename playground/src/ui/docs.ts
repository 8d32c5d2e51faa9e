/** Diagnostic pages (grammar/diagnostics/KPI….md, bundled in the engine worker) in a dialog: offline, like the rest. */
import type { EngineClient } from '../engine/client.js';
import { STRINGS } from '../i18n.js';
import { state } from '../state.js';
import { $, escapeHtml } from './dom.js';

let engine: EngineClient;
export function setupDocs(e: EngineClient): void {
  engine = e;
  $('#doc-close').addEventListener('click', () => $<HTMLDialogElement>('#doc-dialog').close());
}

/** the page's markdown as HTML: headings, code blocks, paragraphs; everything escaped */
export function markdownHtml(md: string): string {
  const out: string[] = [];
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const inline = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>');
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('```')) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith('```')) code.push(lines[i]!);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
    } else if (/^#{1,3} /.test(l)) {
      flush();
      const level = l.indexOf(' ');
      out.push(`<h${level}>${inline(l.slice(level + 1))}</h${level}>`);
    } else if (l.trim() === '') flush();
    else para.push(l.trim());
  }
  flush();
  return out.join('');
}

export async function openDoc(code: string): Promise<void> {
  const md = await engine.call('doc', { code }).catch(() => null);
  $('#doc-title').textContent = code;
  $('#doc-close').textContent = STRINGS[state.lang].closeDialog;
  $('#doc-body').innerHTML = md ? markdownHtml(md) : `<p>${escapeHtml(code)}</p>`;
  const dlg = $<HTMLDialogElement>('#doc-dialog');
  if (!dlg.open) dlg.showModal();
}
