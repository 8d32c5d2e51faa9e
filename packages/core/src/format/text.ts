/**
 * Leaf printing for the formatter: names (bare or quoted), numbers (exact, as written), display width.
 */
import { KEYWORDS } from '../lexer/tokens.js';
import { Rational } from '../numbers/rational.js';
import type { NumLit } from '../ir/schema.js';

const IDENT = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** true when `text` lexes as one identifier or keyword token */
export const isIdentifier = (text: string): boolean => IDENT.test(text);
export const isKeyword = (text: string): boolean => KEYWORD_SET.has(text);

/** `"..."` with `\` `"` newline and tab escaped (the parser's `stringValue` undoes exactly these) */
export function quote(text: string): string {
  return '"' + text.replace(/[\\"\n\t]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : '\\' + c)) + '"';
}

/**
 * Where a name is printed decides when it may stay bare:
 * - `name`: a single name token where the grammar expects a name (keywords allowed: not reserved);
 * - `qualified`: `a.b` parts (input, given keys, expect subjects), keywords allowed;
 * - `expr`: a reference inside an expression: keywords are quoted (`not`, `and`, `min` ... would read as operators).
 */
export type NameContext = 'name' | 'qualified' | 'expr';

export function printName(text: string, ctx: NameContext = 'name'): string {
  if (ctx === 'name') return isIdentifier(text) ? text : quote(text);
  const parts = text.split('.');
  // `coefficient` reads bare in a `pay` expression (SPEC §7: `pay 绩效工资 = 绩效基数 * coefficient`)
  const bare = parts.every((p) => isIdentifier(p) && !(ctx === 'expr' && isKeyword(p) && p !== 'coefficient'));
  return bare ? parts.join('.') : quote(text);
}

/** canonical text of a number: the decimal value, or value × 100 followed by `%` for a percent literal */
export function printNumLit(n: Pick<NumLit, 'value' | 'percent'>): string {
  if (!n.percent) return n.value;
  const r = Rational.parse(n.value);
  return (r ? r.mul(Rational.HUNDRED).toDecimalString(60) : n.value) + '%';
}

/** columns a string takes in a monospace editor: East Asian wide/full-width characters count 2, combining marks 0 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (isCombining(cp)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

const COMBINING = /[\p{Mn}\p{Me}\u200b-\u200f]/u;
function isCombining(cp: number): boolean {
  return cp >= 0x300 && COMBINING.test(String.fromCodePoint(cp));
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** pad to a display width (never truncates) */
export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}
