/**
 * Leaf printing for the formatter: names (bare or quoted), numbers (exact, as written), display width.
 */
import { KEYWORDS, isIdentifier } from '../lexer/tokens.js';
import { displayWidth } from '../source/width.js';
import { Rational } from '../numbers/rational.js';
import type { NumLit } from '../ir/schema.js';

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** true when `text` lexes as one identifier or keyword token: the lexer's own rule */
export { isIdentifier };
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

/** columns a string takes in a monospace editor: the one width rule (source/width.ts) */
export { displayWidth };

/** pad to a display width (never truncates) */
export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}
