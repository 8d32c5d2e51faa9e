/**
 * Pasting a block from Excel. A block without a header goes where it is pasted, cell by cell, as Excel
 * does. A block whose first row names columns opens a preview first: how its columns map onto the table
 * (changeable), which columns the plan needs that it lacks, and what to do — append the people, update
 * people by id (appending new ids), or replace everyone. The table's columns are never dropped, and every
 * paste can be undone.
 */
import type { EngineClient } from '../engine/client.js';
import { STRINGS } from '../i18n.js';
import { state } from '../state.js';
import { $, escapeHtml, notice } from './dom.js';
import { remember } from './history.js';
import { displayColumns } from './table.js';

const t = () => STRINGS[state.lang];
export type PasteMode = 'append' | 'update' | 'replace';

/** a header row: at least half of its non-blank cells name a table column */
export function looksLikeHeader(matches: number[], header: string[]): boolean {
  const named = header.filter((h) => h.trim() !== '').length;
  const hits = matches.filter((m) => m >= 0).length;
  return hits > 0 && hits >= Math.ceil(named / 2);
}

/** put a headerless block at (atRow, atCol), growing the table by rows as needed */
export function pasteAt(grid: string[][], atRow: number, atCol: number): number {
  remember(state.table);
  const { lead, inputs } = displayColumns();
  const order = [...lead, ...inputs];
  const start = Math.max(0, order.indexOf(atCol));
  grid.forEach((line, i) => {
    const r = atRow + i;
    while (state.table.rows.length <= r) state.table.rows.push(state.table.columns.map(() => ''));
    line.forEach((v, j) => {
      const c = order[start + j];
      if (c !== undefined) state.table.rows[r]![c] = v.trim();
    });
  });
  return grid.length;
}

/** apply a block with a header: `map[j]` = table column of pasted column j (-1 ignore, -2 a new column) */
export function pasteWithHeader(grid: string[][], map: number[], mode: PasteMode): number {
  remember(state.table);
  const [header, ...body] = grid;
  const cols = state.table.columns;
  const target = map.map((m, j) => {
    if (m !== -2) return m;
    cols.push((header![j] ?? '').trim());
    for (const row of state.table.rows) row.push('');
    return cols.length - 1;
  });
  const people = body.filter((line) => line.some((v) => v.trim() !== ''));
  const rowOf = (line: string[]) => {
    const row = cols.map(() => '');
    line.forEach((v, j) => {
      const c = target[j];
      if (c !== undefined && c >= 0) row[c] = v.trim();
    });
    return row;
  };
  if (mode === 'replace') {
    state.table.rows = people.map(rowOf);
    state.selected = state.table.rows.length ? 0 : null;
  } else {
    const idAt = target.indexOf(0);
    for (const line of people) {
      const row = rowOf(line);
      const existing = mode === 'update' && idAt >= 0 ? state.table.rows.find((r) => r[0] === row[0]) : undefined;
      if (existing) target.forEach((c, j) => c >= 0 && (existing[c] = (line[j] ?? '').trim()));
      else state.table.rows.push(row);
    }
  }
  return people.length;
}

/** The preview dialog; resolves when the user has chosen (true) or cancelled (false). */
export async function previewPaste(engine: EngineClient, grid: string[][], done: (n: number) => void): Promise<boolean> {
  const header = grid[0] ?? [];
  const matches = await engine.call('matchHeader', { columns: state.table.columns, header });
  if (!looksLikeHeader(matches, header)) return false;
  const dlg = $<HTMLDialogElement>('#paste-dialog');
  const s = t();
  const body = grid.slice(1).filter((l) => l.some((v) => v.trim() !== ''));
  const needed = (state.result?.inputs ?? []).map((i) => i.column);
  const options = (j: number) =>
    [`<option value="-1">${escapeHtml(s.pasteIgnore)}</option>`, `<option value="-2">+ ${escapeHtml(header[j] ?? '')}</option>`, ...state.table.columns.map((c, i) => `<option value="${i}"${matches[j] === i ? ' selected' : ''}>${escapeHtml(c)}</option>`)].join('');
  const preview = body
    .slice(0, 5)
    .map((l) => `<tr>${header.map((_, j) => `<td>${escapeHtml(l[j] ?? '')}</td>`).join('')}</tr>`)
    .join('');
  dlg.innerHTML = `<form method="dialog">
    <b>${escapeHtml(s.pasteTitle)}</b> <span class="muted">${escapeHtml(s.pasteSummary(body.length, header.length))} · ${escapeHtml(s.pasteHeader)}</span>
    <div class="preview-wrap"><table class="paste-map"><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>
    <tr class="map-row">${header.map((_, j) => `<th><select data-j="${j}" aria-label="${escapeHtml(s.pasteInto)}">${options(j)}</select></th>`).join('')}</tr></thead><tbody>${preview}</tbody></table></div>
    <p class="warn-line" id="paste-missing"></p>
    <div class="actions">
      <button value="append" autofocus>${escapeHtml(s.pasteAppend)}</button>
      <button value="update">${escapeHtml(s.pasteUpdate)}</button>
      <button value="replace">${escapeHtml(s.pasteReplace)}</button>
      <button value="cancel">${escapeHtml(s.pasteCancel)}</button>
    </div></form>`;
  const selects = () => Array.from(dlg.querySelectorAll<HTMLSelectElement>('select[data-j]'));
  const current = () => selects().map((el) => Number(el.value));
  const missing = () => {
    const used = new Set(current());
    const lacking = needed.filter((n) => {
      const i = state.table.columns.indexOf(n);
      return i >= 0 && !used.has(i);
    });
    $('#paste-missing').textContent = lacking.length ? s.pasteMissing(lacking.join('、')) : '';
  };
  dlg.addEventListener('change', missing);
  missing();
  dlg.showModal();
  const choice = await new Promise<string>((resolve) => dlg.addEventListener('close', () => resolve(dlg.returnValue), { once: true }));
  dlg.removeEventListener('change', missing);
  if (choice === 'append' || choice === 'update' || choice === 'replace') done(pasteWithHeader(grid, current(), choice));
  else notice((s) => s.pasteCancel);
  return true;
}
