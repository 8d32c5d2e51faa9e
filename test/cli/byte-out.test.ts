/** ByteOut's table helpers (writers/bytes.ts): trimming a line's end as String.prototype.trimEnd does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteOut } from '../../packages/cli/src/writers/bytes.js';

/** `s` written after a prefix, trimmed from the prefix's end; what remains, or undefined where the caller must trim */
function trimmed(prefix: string, s: string): string | undefined {
  const parts: Buffer[] = [];
  const bo = new ByteOut((b) => parts.push(b));
  bo.text(prefix);
  const from = bo.length;
  bo.text(s);
  const ok = bo.trimEnd(from);
  const b = bo.take();
  return ok ? (b ? b.toString('utf8') : '').slice(prefix.length) : undefined;
}

const pieces = fc.constantFrom('a', '9', ' ', '\t', '\u3000', '\u00a0', '\ufeff', '\u2003', '张', '😀', '\u200b', '\r', '\u000b', '\u000c', 'é');

describe('ByteOut.trimEnd', () => {
  it('drops trailing ASCII whitespace as trimEnd does, and hands back a line ending in other whitespace', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((xs) => xs.join('')), fc.constantFrom('', 'head  ', '前缀'), (s, prefix) => {
        const got = trimmed(prefix, s);
        if (got === undefined) expect(/\s$/.test(s.replace(/[ \t\n\v\f\r]+$/, ''))).toBe(true);
        else expect(got).toBe(s.trimEnd());
      }),
      { seed: 20261205, numRuns: 5000 },
    );
  });
  it('never trims into what was written before `from`', () => {
    expect(trimmed('keep   ', '   ')).toBe('');
    expect(trimmed('', '')).toBe('');
  });
});

describe('ByteOut.plain', () => {
  /** `s` written plain after a prefix (quoted or not): the text, or undefined when plain() declined */
  function plainOut(prefix: string, s: string, quoted: boolean): string | undefined {
    const parts: Buffer[] = [];
    const bo = new ByteOut((b) => parts.push(b));
    // the prefix in pieces, so that a long one fills the 64 KB buffer and plain() starts a new one
    for (let i = 0; i < prefix.length; i += 1000) bo.text(prefix.slice(i, i + 1000));
    const ok = bo.plain(s, quoted);
    const last = bo.take();
    const after = Buffer.concat([...parts, ...(last ? [last] : [])]).toString('utf8');
    expect(after.slice(0, prefix.length)).toBe(prefix);
    if (!ok) expect(after).toBe(prefix); // nothing written
    return ok ? after.slice(prefix.length) : undefined;
  }
  const chars = fc.constantFrom('E', '0', '9', 'z', '_', '.', '/', ' ', ',', '"', '\\', '=', '+', '-', '@', '\t', '\r', '\n', '\u007f', 'é', '张', "'", '~');
  it('writes only what csvText and JSON.stringify would write unchanged, and declines the rest', async () => {
    const { csvText } = await import('../../packages/core/src/report/csv.js');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 10 }).map((xs) => xs.join('')), fc.constantFrom('', 'x'.repeat(65_530), 'x'.repeat(65_535)), (s, prefix) => {
        const csv = plainOut(prefix, s, false);
        const json = plainOut(prefix, s, true);
        if (csv !== undefined) expect(csv).toBe(csvText(s));
        if (json !== undefined) expect(json).toBe(JSON.stringify(s));
        expect(csv === undefined).toBe(json === undefined);
        // ids as data files have them are written plain
        if (/^[A-Za-z0-9_.]+$/.test(s)) expect(csv).toBe(s);
      }),
      { seed: 20261206, numRuns: 5000 },
    );
  });
});
