// The shipped lexer (scan.ts) is hand-written for speed (issue 14); chevrotain's Lexer over the same token
// types (tokens.ts) is the reference: every token field for field, the comments, and the error runs with
// their lines and columns must be the ones it makes.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chevrotainLexer, KEYWORDS } from '../../src/lexer/index.js';
import { scan } from '../../src/lexer/scan.js';

const root = new URL('../../../../', import.meta.url);
const files = execFileSync('git', ['ls-files', '-z', '*.kpi', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean)
  .map((f) => ({ name: f, text: readFileSync(new URL(f, root), 'utf8') }));

/** what a lexer returns, as plain data: tokens with every field, comments, errors without their message */
function view(r: { tokens: object[]; comments: object[]; errors: { offset: number; length: number; line?: number; column?: number }[] }) {
  return {
    tokens: r.tokens.map((t) => ({ ...t })),
    comments: r.comments.map((t) => ({ ...t })),
    errors: r.errors.map((e) => ({ offset: e.offset, length: e.length, line: e.line, column: e.column })),
  };
}
const reference = (text: string) => {
  const r = chevrotainLexer().tokenize(text);
  return view({ tokens: r.tokens, comments: r.groups['comments'] ?? [], errors: r.errors });
};
const same = (text: string, what = JSON.stringify(text.slice(0, 80))) => expect(view(scan(text)), what).toEqual(reference(text));

describe('scan (the lexer) makes what chevrotain’s Lexer over tokens.ts makes', () => {
  it(`on every plan and markdown file of the repository, whole and damaged (${files.length} files)`, () => {
    let n = 0;
    for (const f of files) {
      same(f.text, f.name);
      const step = Math.max(1, Math.floor(f.text.length / 10));
      for (let i = step; i < f.text.length; i += step) {
        same(f.text.slice(0, i), `${f.name} cut at ${i}`);
        same(f.text.slice(0, i) + '\\' + f.text.slice(i + 1), `${f.name} with \\ at ${i}`);
        n += 2;
      }
    }
    expect(n).toBeGreaterThan(500);
  });

  it('on every BMP character, alone and inside words, numbers, strings and comments', () => {
    const chars: string[] = [];
    for (let c = 0; c < 0x10000; c++) chars.push(String.fromCharCode(c));
    same(chars.join(' '));
    same(chars.join(''));
    for (let i = 0; i < chars.length; i += 4096) {
      const part = chars.slice(i, i + 4096);
      same(part.map((c) => `a${c}1 ${c}b 权重${c} 1${c}2 "${c}" “${c}” #${c}\n`).join(''));
      same(part.map((c) => `1.${c} 1_${c}% "\\${c}" //${c}\r${c}\r\n`).join(''));
    }
  });

  it('on every keyword spelling, alone, with a letter, digit or mark after it, and glued to another', () => {
    for (const k of KEYWORDS) {
      for (const after of ['', 'x', '1', '_', '\u0301', '字', ' ', '%', '.', '(']) same(`${k}${after} ${after}${k}`);
      same(KEYWORDS.map((o) => k + o).join(' '));
    }
  });

  it('on random texts of the characters that matter (fast-check, fixed seed)', () => {
    const pieces = [
      ...KEYWORDS, 'a', 'Z', '_', 'é', '字', '\u4e00', '\u9fff', '\u4dff', '\ua000', '𠀀', '\u0301', '0', '7', '1_0', '.', '..', '%', '％', '"', '\\', '“', '”', '#', '/', '//', '*', '+',
      '-', '=', '==', '!', '!=', '<', '<=', '>', '>=', '(', ')', '{', '}', ',', '，', ';', '；', ':', '：', ' ', '\t', '\n', '\r', '\r\n',
      '\u3000', '\u00a0', '\ufeff', '\u2028', '\u2029', '@', '$', '§', '\ud83d', '\ude00', '😀', '\u0000', '\u200b', '１',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        same(parts.join(''));
      }),
      { seed: 20261206, numRuns: 4000 },
    );
  });

  it('reads a line of unclosed curly quotes in linear time, as the same error run chevrotain reports', () => {
    for (const t of ['“'.repeat(50), '“'.repeat(20) + '\n' + '“'.repeat(5) + '”', '“a“b\r“c”“', 'x“'.repeat(30) + '\n”']) same(t);
    const t0 = performance.now();
    const r = scan('“'.repeat(1_000_000));
    expect(r.errors).toEqual([{ offset: 0, length: 1_000_000, line: 1, column: 1 }]);
    // searching for the `”` again from each `“` took 32 s for 160,000 of them
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('scans a large plan in one linear pass (200,000 tokens well under a second)', () => {
    const line = 'indicator 指标_1 weight 10% target 1_200_000 scoring linear cap 120% "说明" // 注\n';
    const text = line.repeat(15_000);
    const t0 = performance.now();
    const r = scan(text);
    expect(r.tokens.length).toBe(15_000 * 11);
    expect(r.comments.length).toBe(15_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
