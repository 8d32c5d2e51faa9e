/**
 * The duplicate-id check of `kpi score` in bounded memory (packages/cli/src/data/id-spill.ts, issue 14):
 * past `inMemory` ids the rest are checked at the end, and rows sharing a hash are settled by a second pass.
 * The store, driven as score.ts drives it, answers like a Map<id, first row> — with the real hash, with a hash
 * under which every id collides, and with one that crowds a single partition past its budget; and the CLI
 * with a threshold of 2 ids (KPI_IDS_IN_MEMORY) prints exactly what the all-in-memory check prints and writes
 * nothing when a duplicate is found at the end.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hash64, SpillingIds, type IdHash, type SpillOptions } from '../../packages/cli/src/data/id-spill.js';
import { kpi } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'kpi-id-spill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** what score.ts gets: each row's answer, the first pass's where it is final, else the second pass's */
function answers(ids: readonly string[], opts: SpillOptions): { got: (number | undefined)[]; secondPass: boolean } {
  const store = new SpillingIds(opts);
  const first = ids.map((id, i) => store.firstRow(id, i + 2));
  const shared = store.check();
  if (!shared) return { got: first, secondPass: false };
  const again = store.replay(shared);
  return { got: ids.map((id, i) => again.firstRow(id, i + 2)), secondPass: true };
}

function expected(ids: readonly string[]): (number | undefined)[] {
  const map = new Map<string, number>();
  return ids.map((id, i) => {
    const f = map.get(id);
    if (f === undefined) map.set(id, i + 2);
    return f;
  });
}

/** every id the same hash: each pair of rows collides */
const allCollide: IdHash = (_s, out) => {
  out[0] = 7;
  out[1] = 7;
};

describe('SpillingIds', () => {
  it('answers like a Map<id, first row> past the in-memory bound (property, fixed seed; real and colliding hashes)', () => {
    const id = fc.oneof(fc.constantFrom('S001', 's001', 'S0001', '张伟', '😀', 'a'), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (ids, inMemory, collide) => {
        const r = answers(ids, { inMemory, dir: tmp, ...(collide ? { hash: allCollide } : {}) });
        expect(r.got).toEqual(expected(ids));
      }),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it('needs no second pass when no id repeats, and leaves no file behind', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `E${String(i).padStart(8, '0')}`);
    const dir = mkdtempSync(join(tmp, 'none-'));
    const store = new SpillingIds({ inMemory: 1000, dir });
    for (let i = 0; i < ids.length; i++) expect(store.firstRow(ids[i]!, i + 2)).toBeUndefined();
    expect(store.spilled).toBe(true);
    // unlinked as soon as it was opened: a run killed now leaves nothing either
    expect(readdirSync(dir)).toEqual([]);
    expect(store.check()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('finds a duplicate of an id kept in memory, of a spilled one, and a third occurrence, naming the first row', () => {
    const ids = ['a', 'b', 'c', 'd', 'b', 'e', 'd', 'b', 'a'];
    expect(answers(ids, { inMemory: 2, dir: tmp })).toEqual({ got: [undefined, undefined, undefined, undefined, 3, undefined, 5, 3, 2], secondPass: true });
  });

  it('splits a partition larger than its budget and still finds the duplicates in it', () => {
    // the top 6 bits of the second half always 0: every record lands in one partition (> 512K records)
    const crowd: IdHash = (s, out) => {
      hash64(s, out);
      out[1] = out[1]! & 0x03ffffff;
    };
    const ids = Array.from({ length: 600_000 }, (_, i) => `E${i}`);
    ids.push('E123', 'E599999');
    const r = answers(ids, { inMemory: 100, dir: tmp, hash: crowd });
    expect(r.secondPass).toBe(true);
    const dups = r.got.flatMap((f, i) => (f === undefined ? [] : [[i + 2, f]]));
    expect(dups).toEqual([
      [600_002, 125],
      [600_003, 600_001],
    ]);
  });

  it('keeps the blocks in memory when the temp folder cannot be used (exact, not flat)', () => {
    const ids = ['x', 'y', 'z', 'x', 'w', 'z'];
    expect(answers(ids, { inMemory: 1, dir: join(tmp, 'no-such-folder') }).got).toEqual(expected(ids));
  });
});

describe('kpi score with ids past the in-memory bound', () => {
  const header = '工号,姓名,销售额,流失率,满意度,创新';
  const run = (file: string, env: Record<string, string>, extra: string[] = []) => {
    const out = join(tmp, `out-${Object.keys(env).length}.csv`);
    rmSync(out, { force: true });
    const r = kpi(['score', 'shop.kpi', '--data', file, '-o', out, ...extra], { env });
    return { ...r, written: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
  };

  it('finds a duplicate past the bound (KPI_IDS_IN_MEMORY=2), says what the in-memory check says, and writes nothing', () => {
    const lines = [header];
    for (let i = 0; i < 40; i++) lines.push(`E${i},x,${90 + (i % 10)}%,5%,4,0`);
    // row 30: a duplicate of a row kept in memory; row 36: of a spilled row, and its rating is out of range too
    // (the in-memory check reports only the duplicate: the row is not scored); rows 40/41: a bad value among them
    lines[29] = 'E0,x,90%,5%,4,0';
    lines[35] = 'E20,x,90%,5%,7,0';
    lines[39] = 'E37,x,bad,5%,4,0';
    lines.push('E39,x,90%,5%,9,0');
    const file = join(tmp, 'late-dup.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const mem = run(file, {});
    const spill = run(file, { KPI_IDS_IN_MEMORY: '2' });
    expect(mem.code).toBe(2);
    expect(mem.stderr).toMatch(/late-dup.csv:30 error KPI0808 id `E0` in row 30 was already used in row 2/);
    expect(mem.stderr).toMatch(/late-dup.csv:36 error KPI0808 id `E20` in row 36 was already used in row 22/);
    expect(mem.stderr).toMatch(/late-dup.csv:40 error KPI0808 id `E37` in row 40 was already used in row 39/);
    expect(mem.stderr).not.toMatch(/:36 error KPI0903/);
    expect(spill.code).toBe(2);
    expect(spill.stderr).toBe(mem.stderr);
    expect(spill.written).toBeUndefined();
    expect(mem.written).toBeUndefined();
    // --max-errors counts them in the same order
    const mem2 = run(file, {}, ['--max-errors', '2']);
    expect(run(file, { KPI_IDS_IN_MEMORY: '2' }, ['--max-errors', '2']).stderr).toBe(mem2.stderr);
    expect(mem2.stderr).toMatch(/KPI0814 3 more data errors not shown \(5 in all\)/);
  });

  it('writes the same report past the bound when no id repeats, with or without a usable temp folder', () => {
    const lines = [header];
    for (let i = 0; i < 300; i++) lines.push(`E${i},x,${80 + (i % 30)}%,${i % 9}%,${1 + (i % 5)},${i % 3}`);
    const file = join(tmp, 'no-dup.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const mem = run(file, {});
    expect(mem.code).toBe(0);
    expect(mem.written).toContain('E299');
    const spill = run(file, { KPI_IDS_IN_MEMORY: '2' });
    expect(spill.code).toBe(0);
    expect(spill.written).toBe(mem.written);
    const noTmp = run(file, { KPI_IDS_IN_MEMORY: '2', TMPDIR: join(tmp, 'no-such-folder') });
    expect(noTmp.code).toBe(0);
    expect(noTmp.written).toBe(mem.written);
  });
});
