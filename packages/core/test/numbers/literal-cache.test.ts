import { describe, expect, it } from 'vitest';
import { LiteralCache } from '../../src/numbers/literal-cache.js';
import { parseLiteral } from '../../src/numbers/rational.js';

describe('LiteralCache (memos keyed by number texts)', () => {
  it('keeps up to its limit, then starts again empty: a file of distinct numbers cannot grow it without bound', () => {
    const cache = new LiteralCache<number>(3);
    for (const t of ['1', '2', '3']) cache.set(t, Number(t));
    expect([...cache.keys()]).toEqual(['1', '2', '3']);
    cache.set('4', 4);
    expect([...cache.entries()]).toEqual([['4', 4]]);
  });

  it('replacing a text it holds does not empty it', () => {
    const cache = new LiteralCache<string>(2);
    cache.set('10%', 'a').set('20%', 'b').set('10%', 'c');
    expect([...cache.entries()]).toEqual([['10%', 'c'], ['20%', 'b']]);
  });

  it('parseLiteral stays right past the bound (more than 4,096 distinct texts, then the first again)', () => {
    const first = parseLiteral('0.35');
    for (let i = 0; i < 5000; i++) expect(parseLiteral(`${i}.5`)?.toString()).toBe(`${2 * i + 1}/2`);
    const again = parseLiteral('0.35');
    expect(again?.toString()).toBe('7/20');
    expect(again?.eq(first!)).toBe(true);
  });
});
