/** Share links and table loading, in Node (the same modules the browser bundle uses). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeShare, encodeShare, type SharedState } from '../src/store/share.js';

describe('share links', () => {
  const state: SharedState = {
    plan: 'plan 店长月度考核 {\n  indicator 销售额达成 weight 100% target 100% scoring linear\n}\n# 😀 "quotes" \\ back\\slash\n',
    data: { columns: ['工号', '销售额达成'], rows: [['S001', '96.5%'], ['S002', '¥1,200']] },
    example: '店长',
    lang: 'en',
  };

  it('are versioned `#v1=` and URL-safe', () => {
    const h = encodeShare(state);
    expect(h.startsWith('#v1=')).toBe(true);
    expect(h.slice(4)).toMatch(/^[A-Za-z0-9+\-$]*$/);
  });

  it('restore plan and data exactly', () => {
    expect(decodeShare(encodeShare(state))).toEqual({ ok: true, state });
  });

  it('round-trip any plan text and table', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.array(fc.array(fc.string(), { maxLength: 4 }), { maxLength: 5 }), (plan, rows) => {
        const s: SharedState = { plan, data: { columns: ['id', 'a', 'b', 'c'], rows } };
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, state: s });
      }),
      { numRuns: 200 },
    );
  });

  it('report damaged, foreign and future links instead of throwing', () => {
    expect(decodeShare('')).toEqual({ ok: 'empty' });
    expect(decodeShare('#')).toEqual({ ok: 'empty' });
    expect(decodeShare('#v1=%%%not-a-plan')).toMatchObject({ ok: false });
    expect(decodeShare('#v1=' + encodeShare(state).slice(4, 20))).toMatchObject({ ok: false });
    expect(decodeShare('#section-2')).toEqual({ ok: false, reason: 'not a share link' });
    expect(decodeShare('#v9=abc')).toEqual({ ok: false, reason: 'unsupported share-link version v9' });
    // valid compression of something that is not a plan
    const lz = encodeShare({ plan: 'x' }).slice(4);
    expect(decodeShare(`#v1=${lz}`)).toMatchObject({ ok: true });
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const r = decodeShare(`#v1=${junk}`);
        expect(r.ok === true || r.ok === false).toBe(true);
      }),
    );
  });
});

