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
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail('KPI0801', `the data file is not valid JSON: ${(e as Error).message}`, 'a JSON data file is an array of objects, one per employee');
  }
  if (!Array.isArray(data)) {
    return fail('KPI0817', 'the JSON data file is not an array', 'write `[{"工号": "S001", "销售额达成": "105%"}, ...]`: one object per employee');
  }
  const keys = new Map<string, number>();
  for (const item of data) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return fail('KPI0817', 'the JSON data file holds an item that is not an object', 'every array item must be an object of column → value');
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
