/**
 * Hostile data, by property (fixed seeds): the data layer never throws and every finding points at a row.
 * - parseValue: any string → a finite number, "missing", or a reason; never an exception, never ±Infinity or -0;
 * - decodeText: any bytes → text or a reason;
 * - createBinder / bindRow / finish: any header and rows of hostile cells → diagnostics with a row (and the
 *   column when a cell is at fault), values finite or NaN (missing);
 * - the CLI's file reader (packages/cli/dist/data/read.js `openTable`) on random and mutated CSV, JSON and
 *   XLSX bytes: a table or a DataError with a KPI08xx code, never another exception.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as core from '../../packages/core/src/index.js';
import { ensureBuilt, FIXTURES, ROOT } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-data-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE_CELLS = [
  '', ' ', '-', 'N/A', '#N/A', 'null', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '1e-300', '-0', '0', '95%', '９５％', '95%%',
  '1,200,000', '1,2,3', '¥1,200,000', '￥-1,200', '(1,200)', '((1))', '--1', '+-1', '1e', '1e+', '.', '.5', '5.', '0x10', '1_000', '١٢',
  '=1+2', '@SUM(A1)', '+1', '\t1', '1\r', '1\n2', '\u0000', '\ufeff1', '\u00a01\u3000', '\ud800', '😀', '__proto__', 'constructor',
  '9'.repeat(400), `0.${'0'.repeat(400)}1`, '1'.repeat(16), `${'1,'.repeat(1000)}000`, '万', '1万', '1k', '12.5‰', '100%元', 'RMB 5', 'USD5', 'HK$ 5',
];
const cellArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CELLS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

describe('parseValue and decodeText never throw', () => {
  it('parseValue: any text → a finite number, missing, or a reason', () => {
    fc.assert(
      fc.property(fc.oneof(cellArb, fc.string({ unit: 'grapheme', maxLength: 40 })), (s) => {
        const p = core.parseValue(s);
        if (p.ok) {
          if (p.missing) expect(Number.isNaN(p.value)).toBe(true);
          else {
            expect(Number.isFinite(p.value), s).toBe(true);
            expect(Object.is(p.value, -0)).toBe(false);
          }
        } else expect(p.reason.length).toBeGreaterThan(0);
      }),
      { seed: 61, numRuns: 20_000 },
    );
  });

  it('decodeText: any bytes, detected or with a named encoding → text or a reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(undefined, 'utf-8', 'gbk', 'gb18030', 'utf-16le', 'big5', 'nope'), (b, enc) => {
        const r = core.decodeText(b, enc);
        if (r.ok) expect(typeof r.text).toBe('string');
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { seed: 62, numRuns: 5_000 },
    );
  });
});

describe('the binder: hostile headers and rows', () => {
  const plan = core.analyze('shop.kpi', readFileSync(join(FIXTURES, 'shop.kpi'), 'utf8')).file.plans[0]!;
  const compiled = core.compilePlan(plan).compiled!;
  const columns = compiled.inputs.map((i) => i.column);
  const headerCell = fc.oneof(fc.constantFrom('工号', '姓名', ...columns, '', ' ', '销售额 ', 'ＩＤ', '__proto__', 'constructor', '=x'), fc.string({ maxLength: 6 }));

  it('never throws; errors carry a row, cell errors a column; values are finite or NaN', () => {
    fc.assert(
      fc.property(
        fc.array(headerCell, { minLength: 0, maxLength: 9 }),
        fc.array(fc.array(fc.oneof(cellArb, fc.constant(null), fc.double()), { maxLength: 10 }), { maxLength: 12 }),
        fc.option(fc.constantFrom('工号', '姓名', 'nope', ''), { nil: undefined }),
        (header, rows, idColumn) => {
          const binder = core.createBinder(header, compiled.inputs, { fileName: 'f.csv', percentHints: core.percentHintsOf(plan), ...(idColumn !== undefined ? { idColumn } : {}) });
          for (const d of binder.diagnostics) expect(d.message.length).toBeGreaterThan(0);
          if (!binder.ok) {
            expect(binder.diagnostics.some((d) => d.severity === 'error')).toBe(true);
            return;
          }
          rows.forEach((cells, i) => {
            const b = binder.bindRow(cells, i + 2);
            if (!b) return;
            expect(b.values).toHaveLength(columns.length);
            for (const v of b.values) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
            for (const e of b.errors) {
              expect(e.data?.row, e.message).toBe(i + 2);
              if (e.code === 'KPI0811' || e.code === 'KPI0812') expect(e.data?.column).toBeDefined();
            }
            if (b.errors.every((e) => e.severity !== 'error')) {
              const o = compiled.score(b.values);
              expect(typeof o.ok).toBe('boolean');
            }
          });
          for (const d of binder.finish()) expect(d.message.length).toBeGreaterThan(0);
        },
      ),
      { seed: 63, numRuns: 3_000 },
    );
  });
});

describe("the CLI's file reader on random and mutated files", () => {
  const good = {
    csv: readFileSync(join(FIXTURES, 'good.csv')),
    gbk: readFileSync(join(FIXTURES, 'good-gbk.csv')),
    json: readFileSync(join(FIXTURES, 'good.json')),
    xlsx: readFileSync(join(FIXTURES, 'good.xlsx')),
  };
  type Reader = { openTable(path: string, opts: { displayName: string; encoding?: string }): Promise<{ header: unknown[]; rows: AsyncIterable<unknown[]> }>; DataError: new (...a: never[]) => Error };
  let reader: Reader | undefined;
  const load = async () => {
    ensureBuilt();
    reader ??= (await import(pathToFileURL(join(ROOT, 'packages/cli/dist/data/read.js')).href)) as Reader;
    return reader;
  };
  let n = 0;

  it('a table (fully iterated) or a DataError with a KPI08xx code, never another exception', async () => {
    const { openTable, DataError } = await load();
    const mutated = fc
      .tuple(fc.constantFrom(...(Object.keys(good) as (keyof typeof good)[])), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'dup')), { maxLength: 5 }))
      .map(([kind, edits]) => {
        let b = Uint8Array.from(good[kind]);
        for (const [at, byte, op] of edits) {
          const i = b.length ? at % b.length : 0;
          if (op === 'set' && b.length) b[i] = byte;
          else if (op === 'cut') b = b.slice(0, i);
          else b = Uint8Array.from([...b.slice(0, i), ...b.slice(i, i + 64), ...b.slice(i)]);
        }
        return { ext: kind === 'gbk' ? 'csv' : kind, bytes: b };
      });
    const random = fc.record({ ext: fc.constantFrom('csv', 'json', 'xlsx', 'tsv', 'txt'), bytes: fc.uint8Array({ maxLength: 300 }) });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, random), fc.constantFrom(undefined, 'gbk', 'utf-8'), async (f, encoding) => {
        const path = join(dir, `f${n++}.${f.ext}`);
        writeFileSync(path, f.bytes);
        try {
          const t = await openTable(path, { displayName: `f.${f.ext}`, ...(encoding ? { encoding } : {}) });
          expect(Array.isArray(t.header)).toBe(true);
          for await (const batch of t.rows) expect(Array.isArray(batch)).toBe(true);
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
          const d = (e as unknown as { diagnostic: core.Diagnostic }).diagnostic;
          expect(d.code).toMatch(/^KPI08\d\d$/);
          expect(d.message.length).toBeGreaterThan(0);
        } finally {
          rmSync(path, { force: true });
        }
      }),
      { seed: 64, numRuns: 1_500 },
    );
  }, 120_000);
});
