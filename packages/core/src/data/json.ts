/**
 * JSON data files: an array of objects, one per employee (`[{"工号": "S001", "销售额达成": "105%"}, ...]`).
 * The header is every key in first-seen order; numbers stay numbers, strings are read like CSV cells.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { Cell } from './table.js';
import { bilingual, diag, type ArgsOf, type DiagnosticId } from '../diagnostics/diag.js';
import type { Text } from '../diagnostics/lang.js';

export type JsonTable = { ok: true; header: string[]; rows: Cell[][] } | { ok: false; diagnostic: Diagnostic };

export function tableFromJson(text: string, fileName?: string): JsonTable {
  const fail = <I extends DiagnosticId>(id: I, args: ArgsOf<I>): JsonTable => ({ ok: false, diagnostic: diag(id, args, { file: fileName }) });
  let data: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // depth before parsing: 10,000 nested brackets in one cell overflowed the stack (JSON.parse, then
  // JSON.stringify of the cell). A data file is an array of objects of values: 2 levels, a few more in a cell.
  const deep = depthBeyond(body, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const before = body.slice(0, deep);
    const line = before.split('\n').length;
    return fail('KPI0832', { max: MAX_JSON_DEPTH, line, col: deep - before.lastIndexOf('\n') });
  }
  try {
    data = JSON.parse(body);
  } catch (e) {
    // where, as a person finds it in an editor: line and column (JSON.parse gives a character position)
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where: Text | '' = '';
    if (pos) {
      const at = Math.min(Number(pos[1]), body.length);
      const before = body.slice(0, at);
      const line = before.split('\n').length;
      where = bilingual('what.json-at', { line, col: at - before.lastIndexOf('\n') });
    } else if (/end of (JSON )?input/i.test(msg)) where = bilingual('what.json-early-end', {});
    return fail('KPI0801.json', { where, reason: msg });
  }
  if (!Array.isArray(data)) {
    return fail('KPI0817.not-array', {});
  }
  const keys = new Map<string, number>();
  for (const [i, item] of data.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return fail('KPI0817.not-object', { n: i + 1, row: i + 2, value: String(JSON.stringify(item)).slice(0, 40) });
    }
    for (const k of Object.keys(item)) if (!keys.has(k)) keys.set(k, keys.size);
  }
  const header = [...keys.keys()];
  const rows: Cell[][] = data.map((item: Record<string, unknown>) =>
    header.map((k) => {
      // own keys only: a row without `__proto__` or `constructor` has a blank cell, not Object.prototype's
      const v = Object.prototype.hasOwnProperty.call(item, k) ? item[k] : undefined;
      if (v === null || v === undefined) return null;
      if (typeof v === 'number' || typeof v === 'string') return v;
      return JSON.stringify(v);
    }),
  );
  return { ok: true, header, rows };
}

/** the deepest nesting a JSON data file may have */
export const MAX_JSON_DEPTH = 64;

/** offset of the bracket that nests deeper than `max` (outside strings), or undefined */
function depthBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}
