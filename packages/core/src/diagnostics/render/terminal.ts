/**
 * Terminal rendering: `file:line:col severity CODE message`, then a code frame with the line and a
 * caret underline measured in display width (CJK = 2 columns), related notes with their own line:col,
 * help and fix lines. Colour only when `opts.color` is true (the CLI decides from TTY/NO_COLOR).
 */
import type { Diagnostic } from '../types.js';
import type { Lang } from '../lang.js';
import { localize, ui } from '../diag.js';
import type { SourceFile } from '../../source/span.js';
import { charWidth, displayWidth } from '../../source/width.js';
import { locationText, regionOf, sourceFor } from './positions.js';

export interface TerminalOptions {
  color?: boolean;
  /** show the code frame (default true) */
  frame?: boolean;
  /** language of messages and labels (default English) */
  lang?: Lang;
}

const TAB = '  ';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Text from plans and data made safe for a terminal: control characters (ESC, CR, BEL, NUL, DEL, C1) are
 * shown as visible symbols (`␛`, `␍`, …), so a name or a cell cannot move the cursor, clear the screen or
 * retitle the window. Tabs stay (expanded later); newlines stay unless `newlines` is false.
 */
export function visibleText(s: string, newlines = true): string {
  if (PRINTABLE_ASCII.test(s)) return s; // most ids and cells: nothing to show (a table of 1M rows asks 1M times)
  return showInvisible(s).replace(newlines ? /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (ch) => {
    const n = ch.charCodeAt(0);
    return n < 0x20 ? String.fromCharCode(0x2400 + n) : n === 0x7f ? '\u2421' : '\ufffd';
  });
}
/**
 * Invisible format characters (zero-width space, BOM, bidi overrides, soft hyphen, …) shown as `⟨U+200B⟩`:
 * `S001` and `S001` + U+200B must not look alike in a message (issue 13). The zero-width (non-)joiners stay:
 * they are part of emoji and of Indic and Arabic words.
 */
const showInvisible = (s: string): string =>
  s.replace(/(?![\u200c\u200d])\p{Cf}/gu, (ch) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);

/** code frame lines wider than this are shown as a window of FRAME_CONTEXT characters around the span */
const MAX_FRAME_WIDTH = 200;
const FRAME_CONTEXT = 40;

const ansi = (on: boolean) => {
  const wrap = (open: string, close: string) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
    red: wrap('31', '39'),
    yellow: wrap('33', '39'),
    cyan: wrap('36', '39'),
    blue: wrap('34', '39'),
    green: wrap('32', '39'),
  };
};

export function renderTerminal(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: TerminalOptions = {}): string {
  const lang = opts.lang ?? 'en';
  return diags.map((d) => renderOne(localize(d, lang), sources, opts, lang)).join('\n');
}

function renderOne(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>, opts: TerminalOptions, lang: Lang): string {
  const c = ansi(opts.color === true);
  const sevColor = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
  const out: string[] = [];
  // a finding of the command line itself (a missing option) has no place: it starts with its severity
  const where = d.file !== undefined || d.span ? `${c.bold(visibleText(locationText(d, sources)))} ` : '';
  out.push(`${where}${sevColor(c.bold(ui(`ui.${d.severity}`, {}, lang)))} ${c.bold(d.code)} ${visibleText(d.message)}`);
  const source = sourceFor(d, sources);
  const region = regionOf(source, d.span);
  let gutter = 2;
  if (source && d.span && region && opts.frame !== false) {
    const lineNo = String(region.startLine);
    gutter = lineNo.length + 2;
    const li = region.startLine - 1;
    const text = source.lineText(li);
    const lineStart = source.lineStarts[li]!;
    const startInLine = d.span.start - lineStart;
    const endInLine = region.endLine === region.startLine ? d.span.end - lineStart : text.length;
    let before = text.slice(0, Math.max(0, startInLine));
    let under = text.slice(Math.max(0, startInLine), Math.max(startInLine, endInLine));
    let shown = text;
    let cut = region.endLine > region.startLine;
    if (width(text) > MAX_FRAME_WIDTH) {
      // a very long line (a 200,000-character name, 20,000 parentheses): show a window around the span
      const from = Math.max(0, startInLine - FRAME_CONTEXT);
      const lead = from > 0 ? '…' : '';
      if (under.length > FRAME_CONTEXT * 2) {
        under = under.slice(0, FRAME_CONTEXT * 2);
        cut = true;
      }
      const to = Math.min(text.length, Math.max(0, startInLine) + under.length + FRAME_CONTEXT);
      before = lead + text.slice(from, Math.max(from, startInLine));
      shown = lead + text.slice(from, to) + (to < text.length ? '…' : '');
    }
    before = visibleText(before, false);
    under = visibleText(under, false);
    const pad = ' '.repeat(gutter);
    out.push(`${c.blue(` ${lineNo} |`)} ${expandTabs(visibleText(shown, false))}`);
    const carets = '^'.repeat(Math.max(1, width(under))) + (cut ? '…' : '');
    out.push(`${c.blue(`${pad}|`)} ${' '.repeat(width(before))}${sevColor(carets)}`);
  }
  const ind = ' '.repeat(gutter);
  for (const r of d.related ?? []) {
    const rs = sources.get(r.file ?? d.file ?? '');
    const rr = regionOf(rs, r.span);
    const where = rr ? `${r.file && r.file !== d.file ? `${r.file}:` : ''}${rr.startLine}:${rr.startColumn}` : (r.file ?? '');
    out.push(`${ind}${c.blue('=')} ${c.bold(ui('ui.note', {}, lang))} ${where ? `${visibleText(where)}: ` : ''}${visibleText(r.message)}`);
  }
  if (d.data && !d.span) {
    const parts: string[] = [];
    if (d.data.row !== undefined) parts.push(ui('ui.row', { row: d.data.row }, lang));
    if (d.data.column !== undefined) parts.push(ui('ui.column', { column: d.data.column }, lang));
    if (d.data.value !== undefined) parts.push(ui('ui.value', { value: d.data.value }, lang));
    if (parts.length) out.push(`${ind}${c.blue('=')} ${c.bold(ui('ui.at', {}, lang))} ${visibleText(parts.join(ui('ui.list-sep', {}, lang)), false)}`);
  }
  if (d.help) out.push(`${ind}${c.blue('=')} ${c.bold(c.green(ui('ui.help', {}, lang)))}: ${visibleText(d.help)}`);
  if (d.fix) out.push(`${ind}${c.blue('=')} ${c.bold(c.green(ui('ui.fix', {}, lang)))}: ${visibleText(d.fix.message)}`);
  return out.join('\n') + '\n';
}

function expandTabs(s: string): string {
  return s.replace(/\t/g, TAB);
}

function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch === '\t' ? TAB.length : charWidth(ch.codePointAt(0)!);
  return w;
}

export { displayWidth };
