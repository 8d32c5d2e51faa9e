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
