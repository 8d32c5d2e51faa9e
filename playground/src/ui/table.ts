/**
 * The sample-employee table: row number, id and descriptive columns, the results (columns of the core's
 * report shape: total, grade, coefficient, and whatever the shape adds), then the plan's inputs. Cells are
 * plain text; one input edits in place. With a pinned baseline, each result shows its change.
 */
import type { ResultColumn, RowView } from '../engine/protocol.js';
import { state } from '../state.js';
import { STRINGS } from '../i18n.js';
import { $, escapeHtml } from './dom.js';
import { remember } from './history.js';

const t = () => STRINGS[state.lang];

export interface TableHost {
  /** rescore after the table changed */
  changed(): void;
  select(row: number): void;
  paste(grid: string[][], atRow: number, atCol: number): void;
}
let host: TableHost;

let shapeKey = '';
interface RowRefs {
  tr: HTMLTableRowElement;
  res: HTMLTableCellElement[];
  cells: { el: HTMLElement; c: number }[];
}
let rowRefs: RowRefs[] = [];
/** result cells of the previous render, per id: what changed is highlighted briefly */
let previous = new Map<string, string>();

/** table columns in display order: id, descriptive columns, then the plan's inputs in plan order */
export function displayColumns(): { lead: number[]; inputs: number[] } {
  const inputCols = (state.result?.inputCols ?? []).filter((i) => i > 0 && i < state.table.columns.length);
  const set = new Set(inputCols);
  const lead = state.table.columns.map((_, i) => i).filter((i) => i === 0 || !set.has(i));
  return { lead, inputs: [...new Set(inputCols)] };
}

const fmt = (v: number | string | null) => (v === null ? '' : String(v));

function deltaHtml(col: ResultColumn, now: number | string | null, before: number | string | null | undefined, round: number): string {
  if (before === undefined || now === before) return '';
  if (typeof now === 'number' && typeof before === 'number') {
    const d = +(now - before).toFixed(Math.max(2, round));
    if (d === 0) return '';
    return `<span class="delta ${d > 0 ? 'up' : 'down'}" title="${escapeHtml(t().delta)}">${d > 0 ? '+' : ''}${d}</span>`;
  }
  if (col.kind === 'grade' || typeof now === 'string' || typeof before === 'string') return `<span class="delta" title="${escapeHtml(t().delta)}">${escapeHtml(fmt(before))}→${escapeHtml(fmt(now))}</span>`;
  return '';
}

export function renderTable(): void {
  const table = $<HTMLTableElement>('#table');
  const r = state.result;
  const cols = r?.columns ?? [];
  const { lead, inputs } = displayColumns();
  const inputSet = new Set(inputs);
  const key = JSON.stringify([lead, inputs, cols, state.table.columns, state.table.rows.length, state.lang]);
  if (key !== shapeKey) {
    shapeKey = key;
    editing = undefined;
    const th = (c: number) => {
      const name = state.table.columns[c] ?? '';
      return `<th class="${inputSet.has(c) ? 'input-col' : 'extra-col'}" title="${escapeHtml(name)}">${escapeHtml(name)}</th>`;
    };
    const td = (row: string[], i: number, c: number) => `<td class="cell" data-r="${i}" data-c="${c}" tabindex="0">${escapeHtml(row[c] ?? '')}</td>`;
    const resTds = cols.map((c) => `<td class="res ${c.kind}" data-field="${c.kind}"></td>`).join('');
    const body = state.table.rows
      .map((row, i) => `<tr data-row="${i}"><td class="rowno">${i + 1}</td>${lead.map((c) => td(row, i, c)).join('')}${resTds}${inputs.map((c) => td(row, i, c)).join('')}<td class="res"><button type="button" class="remove" data-remove="${i}" title="${escapeHtml(t().removeRow)}">×</button></td></tr>`)
      .join('');
    table.innerHTML = `<thead><tr><th class="rowno">${t().rowNo}</th>${lead.map(th).join('')}${cols.map((c) => `<th class="res ${c.kind}">${escapeHtml(c.header)}</th>`).join('')}${inputs.map(th).join('')}<th></th></tr></thead><tbody>${body}</tbody>`;
    rowRefs = Array.from(table.tBodies[0]?.rows ?? [], (tr) => ({
      tr,
      res: Array.from(tr.querySelectorAll<HTMLTableCellElement>('td.res[data-field]')),
      cells: Array.from(tr.querySelectorAll<HTMLElement>('td.cell'), (el) => ({ el, c: Number(el.dataset.c) })),
    }));
  }
  // results and cell errors, in place (keeps focus while typing); only what changed is written
  const rows: RowView[] = r?.rows ?? [];
  const base = state.baseline;
  const round = 2;
  const now = new Map<string, string>();
  // a result column's identity across renders: its kind and place among columns of that kind (several money columns)
  const colKey = cols.map((c, k) => `${c.kind}\u0000${cols.slice(0, k).filter((x) => x.kind === c.kind).length}`);
  for (let i = 0; i < rowRefs.length; i++) {
    const { tr, res, cells } = rowRefs[i]!;
    const rv = rows[i];
    tr.classList.toggle('selected', state.selected === i);
    const before = rv && base ? base.byId.get(rv.id) : undefined;
    res.forEach((el, k) => {
      const col = cols[k]!;
      let html: string;
      let title = '';
      if (rv && rv.errors.length === 0 && !rv.blank) {
        const v = rv.cells[k] ?? null;
        // the same column of the baseline: by kind and its place among columns of that kind (headers change with the language)
        const bk = before ? sameColumn(base!.columns, cols, k) : -1;
        const delta = bk >= 0 ? deltaHtml(col, v, before![bk], round) : '';
        html = escapeHtml(fmt(v)) + delta;
        el.classList.toggle('changed', delta !== '');
        const id = `${rv.id}\u0000${colKey[k]}`;
        now.set(id, fmt(v));
        if (!base && previous.has(id) && previous.get(id) !== fmt(v)) flash(el);
      } else {
        html = k === 0 && rv && !rv.blank && rv.errors.length ? '⚠' : '';
        title = k === 0 && rv ? rv.errors.map((e) => e.message).join('\n') : '';
        el.classList.remove('changed');
      }
      if (el.innerHTML !== html) el.innerHTML = html;
      if (el.title !== title) el.title = title;
    });
    tr.classList.toggle('row-error', !!rv && rv.errors.length > 0 && !rv.blank);
    tr.classList.toggle('vetoed', !!rv?.vetoed);
    tr.classList.toggle('same-person', !!rv?.samePerson);
    const bad = new Set(rv?.badCols ?? []);
    for (const c of cells) c.el.classList.toggle('bad', bad.has(c.c));
  }
  previous = now;
}

function sameColumn(from: ResultColumn[], cols: ResultColumn[], k: number): number {
  const kind = cols[k]!.kind;
  const nth = cols.slice(0, k).filter((c) => c.kind === kind).length;
  let seen = 0;
  for (let i = 0; i < from.length; i++) if (from[i]!.kind === kind && seen++ === nth) return i;
  return -1;
}

function flash(el: HTMLElement): void {
  el.classList.add('changed');
  setTimeout(() => el.classList.remove('changed'), 1200);
}

/** redrawn from scratch at the next render; a new table (an example, a file, a share link) is shown from its first row and column */
export function invalidateTable(newTable = false): void {
  shapeKey = '';
  const wrap = newTable ? document.querySelector<HTMLElement>('.table-wrap') : null;
  if (wrap) wrap.scrollLeft = wrap.scrollTop = 0;
}

// ---------------- editing ----------------
let editing: { td: HTMLElement; input: HTMLInputElement; r: number; c: number; original: string; remembered: boolean } | undefined;

function startEdit(td: HTMLElement, initial?: string): void {
  if (editing?.td === td) return;
  finishEdit();
  const r = Number(td.dataset.r);
  const c = Number(td.dataset.c);
  const row = state.table.rows[r];
  if (!row) return;
  const input = document.createElement('input');
  input.className = 'cell-input';
  input.setAttribute('aria-label', `${state.table.columns[c] ?? ''} ${r + 1}`);
  input.dataset.r = String(r);
  input.dataset.c = String(c);
  input.value = initial ?? row[c] ?? '';
  td.textContent = '';
  td.classList.add('editing');
  td.append(input);
  editing = { td, input, r, c, original: row[c] ?? '', remembered: false };
  input.focus();
  if (initial === undefined) input.select();
  else if (initial !== (row[c] ?? '')) commitCell(r, c, initial);
}

function commitCell(r: number, c: number, value: string): void {
  const row = state.table.rows[r];
  if (!row || row[c] === value) return;
  if (editing && !editing.remembered) {
    remember(state.table);
    editing.remembered = true;
  }
  row[c] = value;
  host.changed();
}

function finishEdit(revert = false): void {
  const e = editing;
  if (!e) return;
  editing = undefined;
  if (revert) {
    const row = state.table.rows[e.r];
    if (row && row[e.c] !== e.original) {
      row[e.c] = e.original;
      host.changed();
    }
  }
  e.td.classList.remove('editing');
  // textContent always: it also removes the input (an empty cell's text already equals '')
  if (e.td.isConnected) e.td.textContent = state.table.rows[e.r]?.[e.c] ?? '';
}

function moveEdit(from: HTMLElement, dr: number, dc: number): void {
  const tr = from.closest('tr');
  const cells = Array.from(tr?.querySelectorAll<HTMLElement>('td.cell') ?? []);
  const i = cells.indexOf(from);
  let target: HTMLElement | undefined;
  if (dc) target = cells[i + dc];
  else {
    const next = dr > 0 ? tr?.nextElementSibling : tr?.previousElementSibling;
    target = next?.querySelectorAll<HTMLElement>('td.cell')[i];
  }
  finishEdit();
  if (target) startEdit(target);
  else from.focus();
}

export function editCell(r: number, c: number): void {
  const td = $('#table').querySelector<HTMLElement>(`td.cell[data-r="${r}"][data-c="${c}"]`);
  if (td) startEdit(td);
}

export function stopEditing(): void {
  finishEdit();
}

export function setupTable(h: TableHost): void {
  host = h;
  const el = $('#table');
  el.addEventListener('input', (ev) => {
    const input = ev.target as HTMLInputElement;
    if (!editing || input !== editing.input) return;
    commitCell(editing.r, editing.c, input.value);
  });
  el.addEventListener('keydown', (ev) => {
    const target = ev.target as HTMLElement;
    if (editing && target === editing.input) {
      const td = editing.td;
      if (ev.key === 'Enter') {
        ev.preventDefault();
        moveEdit(td, ev.shiftKey ? -1 : 1, 0);
      } else if (ev.key === 'Tab') {
        ev.preventDefault();
        moveEdit(td, 0, ev.shiftKey ? -1 : 1);
      } else if (ev.key === 'Escape') {
        finishEdit(true);
        td.focus();
      }
      return;
    }
    if (target.matches('td.cell')) {
      if (ev.key === 'Enter' || ev.key === 'F2') {
        ev.preventDefault();
        startEdit(target);
      } else if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
        ev.preventDefault();
        startEdit(target, ev.key);
      }
    }
  });
  el.addEventListener('focusout', (ev) => {
    if (editing && ev.target === editing.input) finishEdit();
  });
  el.addEventListener('click', (ev) => {
    const target = ev.target as HTMLElement;
    const rm = target.closest<HTMLElement>('[data-remove]');
    if (rm) {
      const r = Number(rm.dataset.remove);
      remember(state.table);
      state.table.rows.splice(r, 1);
      if (state.selected === r) state.selected = null;
      else if (state.selected !== null && state.selected > r) state.selected--;
      host.changed();
      return;
    }
    const cell = target.closest<HTMLElement>('td.cell');
    if (cell) startEdit(cell);
    const tr = target.closest<HTMLTableRowElement>('tr[data-row]');
    if (tr) {
      const r = Number(tr.dataset.row);
      if (state.selected !== r) host.select(r);
    }
  });
  el.addEventListener('paste', (ev) => {
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    if (!text.includes('\t') && !text.includes('\n')) return; // a single value: let the input take it
    ev.preventDefault();
    const at = (ev.target as HTMLElement).closest<HTMLElement>('[data-r]');
    const r = at?.dataset.r ? Number(at.dataset.r) : state.table.rows.length;
    const c = at?.dataset.c ? Number(at.dataset.c) : 0;
    finishEdit();
    h.paste(splitPasted(text), r, c);
  });
}

/** Text pasted from a spreadsheet: tab-separated when it has tabs, else one value per line. */
export function splitPasted(text: string): string[][] {
  const s = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  if (s.includes('\t')) return s.split('\n').map((l) => l.split('\t'));
  if (s.includes('\n')) return s.split('\n').map((l) => [l]);
  return [[s]];
}
