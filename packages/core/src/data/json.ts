/**
 * JSON data files: an array of objects, one per employee (`[{"工号": "S001", "销售额达成": "105%"}, ...]`).
 * The header is every key in first-seen order; numbers stay numbers, strings are read like CSV cells.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { Cell } from './table.js';

export type JsonTable = { ok: true; header: string[]; rows: Cell[][] } | { ok: false; diagnostic: Diagnostic };

export function tableFromJson(text: string, fileName?: string): JsonTable {
  const fail = (code: string, message: string, help: string): JsonTable => ({
    ok: false,
    diagnostic: { code, severity: 'error', ...(fileName !== undefined ? { file: fileName } : {}), message, help },
  });
  let data: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // depth before parsing: 10,000 nested brackets in one cell overflowed the stack (JSON.parse, then
  // JSON.stringify of the cell). A data file is an array of objects of values: 2 levels, a few more in a cell.
  const deep = depthBeyond(body, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    const before = body.slice(0, deep);
    const line = before.split('\n').length;
    return fail(
      'KPI0832',
      `the JSON data file nests arrays or objects more than ${MAX_JSON_DEPTH} deep (line ${line}, column ${deep - before.lastIndexOf('\n')})`,
      'a JSON data file is an array of objects, one per employee, whose values are numbers or strings',
    );
  }
  try {
    data = JSON.parse(body);
  } catch (e) {
    // where, as a person finds it in an editor: line and column (JSON.parse gives a character position)
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const at = Math.min(Number(pos[1]), body.length);
      const before = body.slice(0, at);
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${at - before.lastIndexOf('\n')}`;
    } else if (/end of (JSON )?input/i.test(msg)) where = ' (it ends too early)';
    return fail('KPI0801', `the data file is not valid JSON${where}: ${msg}`, 'a JSON data file is an array of objects, one per employee');
  }
  if (!Array.isArray(data)) {
    return fail('KPI0817', 'the JSON data file is not an array', 'write `[{"工号": "S001", "销售额达成": "105%"}, ...]`: one object per employee');
  }
  const keys = new Map<string, number>();
  for (const [i, item] of data.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return fail('KPI0817', `item ${i + 1} of the JSON data file (row ${i + 2}) is not an object: \`${JSON.stringify(item)?.slice(0, 40)}\``, 'every array item must be an object of column → value');
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
