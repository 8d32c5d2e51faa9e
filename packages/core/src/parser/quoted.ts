import { dec } from '../numbers/decimal.js';
import { Rational } from '../numbers/rational.js';
import type { Decimal } from '../numbers/decimal.js';

/**
 * The parser's minimal reading of a quoted number (`target "1,200,000"`, `"¥1,200,000"`, `"95%"`):
 * optional sign, an optional currency sign (¥ ￥ $), digits with grouping commas, decimals, an optional
 * trailing percent. Private to the parser; data/ has the full value parser for data files.
 */
export function parseQuotedNumber(raw: string): { value: Decimal; percent: boolean } | undefined {
  let s = raw.trim();
  let neg = false;
  if (s.startsWith('-')) {
    neg = true;
    s = s.slice(1).trim();
  }
  s = s.replace(/^[¥￥$]\s*/, '');
  let percent = false;
  if (/[%％]$/.test(s)) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s)) return undefined;
  let r = Rational.parse(s.replace(/,/g, ''));
  if (!r) return undefined;
  if (percent) r = r.div(Rational.HUNDRED);
  if (neg) r = r.neg();
  return { value: dec.fromRational(r), percent };
}
