/**
 * Expressions with the fewest parentheses that parse back to the same tree.
 * Precedence (LANGUAGE.md, low → high): or 1, and 2, not 3, comparisons 4, + - 5, * / 6, unary - 7, atoms 8.
 * Binary operators are left-associative: the left operand may sit at the operator's own level, the right one
 * must bind tighter. `not` takes a comparison (or another `not`); unary `-` takes an atom (or another `-`).
 */
import type { Expr } from '../ir/schema.js';
import { printName, printNumLit } from './text.js';

const LEVEL: Record<string, number> = { or: 1, and: 2, '>': 4, '>=': 4, '<': 4, '<=': 4, '==': 4, '!=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };

function level(e: Expr): number {
  switch (e.kind) {
    case 'logic':
    case 'compare':
    case 'arith':
      return LEVEL[e.op]!;
    case 'not':
      return 3;
    case 'neg':
      return 7;
    default:
      return 8;
  }
}

export interface ExprPrintOptions {
  /** text of a number literal (the formatter keeps the source spelling); defaults to the canonical text */
  num?: (value: string, percent: boolean, span: Expr['span']) => string;
}

/** Print an expression on one line. Iterative on the left spine so long `a + b + c + ...` chains cannot overflow. */
export function printExpr(e: Expr, opts: ExprPrintOptions = {}): string {
  const at = (x: Expr, min: number): string => {
    const s = print(x);
    return level(x) < min ? `(${s})` : s;
  };
  const print = (x: Expr): string => {
    switch (x.kind) {
      case 'num':
        return opts.num ? opts.num(x.value, x.percent, x.span) : printNumLit(x);
      case 'ref':
        return printName(x.name, 'expr');
      case 'neg':
        return '-' + at(x.operand, 7);
      case 'not':
        return 'not ' + at(x.operand, 3);
      case 'call':
        return `${x.fn}(${x.args.map((a) => print(a)).join(', ')})`;
      case 'error':
        return '?';
      default: {
        // walk down the left spine of same-level operators
        const lv = level(x);
        const rights: string[] = [];
        let cur: Expr = x;
        while ((cur.kind === 'arith' || cur.kind === 'compare' || cur.kind === 'logic') && level(cur) === lv) {
          rights.push(`${cur.op} ${at(cur.right, lv + 1)}`);
          cur = cur.left;
        }
        return [at(cur, lv), ...rights.reverse()].join(' ');
      }
    }
  };
  return print(e);
}
