/**
 * Reading one cell of a data file the way a person reads it:
 * `95%`, `0.95`, `1,200,000`, `¥1,200,000`, `$1,200`, full-width `９５％`, `(1,200)` (accounting negative),
 * `1.2e3`; blank, `-`, `—`, `N/A`, `#N/A` = missing.
 * Rejected, with a reason: anything else, non-finite values (`1e309`, `NaN`, `Infinity`) and numbers with
 * more than 15 significant digits (they cannot be held exactly).
 * No Node-only APIs: this module is shared with the playground.
 */

export type ParsedValue =
  | { ok: true; value: number; percent: boolean; missing?: false }
  /** blank cell (or `-`): value is NaN, the engine's "missing"; `na` for a cell that says the indicator does not
   * apply (`N/A`, `NA`, `不适用`, `—`, SPEC §6): missing too, unless its reader is `optional` (data/table.ts) */
  | { ok: true; value: number; percent: false; missing: true; na?: true }
  | { ok: false; reason: string };

export const MAX_SIGNIFICANT_DIGITS = 15;

const MISSING = new Set(['', '-', '--', '–', '#n/a', '#na', 'null']);
/** not applicable (不适用): SPEC §6 */
const NOT_APPLICABLE = new Set(['n/a', 'na', '不适用', '—', '——']);

const FULL_WIDTH: Record<string, string> = {
  '％': '%',
  '．': '.',
  '，': ',',
  '－': '-',
  '＋': '+',
  '￥': '¥',
  '＄': '$',
  '（': '(',
  '）': ')',
  'Ｅ': 'E',
  'ｅ': 'e',
  '。': '.',
  '−': '-',
};

/** full-width digits and punctuation to ASCII; every kind of space removed at the ends */
function normalise(raw: string): string {
  let out = '';
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else out += FULL_WIDTH[ch] ?? ch;
  }
  return out.replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g, '');
}

const CURRENCY_PREFIX = /^(?:¥|\$|€|£|RMB|CNY|USD|HK\$|US\$)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|RMB|CNY)$/i;
// mantissa: digits with optional thousands groups, optional fraction; or a bare fraction `.5`
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

// the common case, plain ASCII `96.5`, `-3`, `4.25%` with at most 15 digits: no normalisation needed
const FAST = /^-?(\d{1,15})(?:\.(\d{1,15}))?(%?)$/;

/** the cell says "not applicable" (`N/A`, `NA`, `不适用`, `—`) */
export function isNotApplicable(raw: string): boolean {
  return NOT_APPLICABLE.has(normalise(raw).toLowerCase());
}

/** Parse one cell. Never throws. */
export function parseValue(raw: string): ParsedValue {
  const f = FAST.exec(raw);
  if (f && f[1]!.length + (f[2]?.length ?? 0) <= MAX_SIGNIFICANT_DIGITS) {
    const percent = f[3] === '%';
    const v = Number(percent ? `${raw.slice(0, -1)}e-2` : raw);
    return { ok: true, value: v === 0 ? 0 : v, percent };
  }
  const s0 = normalise(raw);
  const lower0 = s0.toLowerCase();
  if (MISSING.has(lower0)) return { ok: true, value: NaN, percent: false, missing: true };
  if (NOT_APPLICABLE.has(lower0)) return { ok: true, value: NaN, percent: false, missing: true, na: true };

  let s = s0;
  let negative = false;
  // accounting negative: (1,200)
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let signs = 0;
  const takeSign = () => {
    if (s.startsWith('-') || s.startsWith('+')) {
      if (s.startsWith('-')) negative = !negative;
      s = s.slice(1).trimStart();
      signs++;
    }
  };
  takeSign();
  let currency = false;
  const cur = CURRENCY_PREFIX.exec(s);
  if (cur) {
    currency = true;
    s = s.slice(cur[0].length);
    takeSign(); // `¥-1,200` as well as `-¥1,200`
  }
  if (signs > 1 || (signs > 0 && s0.startsWith('('))) return { ok: false, reason: 'more than one sign' };
  const suf = CURRENCY_SUFFIX.exec(s);
  if (suf) {
    currency = true;
    s = s.slice(0, s.length - suf[0].length);
  }

  let shift = 0; // power of ten applied to the written number
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    shift = -2;
    s = s.slice(0, -1).trimEnd();
  } else if (s.endsWith('‰')) {
    percent = true;
    shift = -3;
    s = s.slice(0, -1).trimEnd();
  }
  if (percent && currency) return { ok: false, reason: 'a currency amount cannot be a percent' };

  const lower = s.toLowerCase();
  if (lower === 'nan' || lower === 'infinity' || lower === 'inf' || lower === '∞') {
    return { ok: false, reason: `\`${s0}\` is not a finite number` };
  }
  if (s === '') return { ok: false, reason: 'no digits' };

  const m = NUMBER.exec(s);
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) {
    if (/^\d+(,\d+)+(\.\d*)?$/.test(s)) {
      return { ok: false, reason: 'commas must group digits in threes (`1,200,000`); a decimal comma is not read' };
    }
    if (/万|亿|千|k$|m$/i.test(s)) return { ok: false, reason: 'units like 万 or k are not read; write the full number' };
    return { ok: false, reason: 'not a number' };
  }
  const intDigits = (m[1] ?? '').replace(/,/g, '');
  const fracDigits = m[2] ?? '';
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  if (!Number.isFinite(exp) || Math.abs(exp) > 400) return { ok: false, reason: 'exponent out of range' };

  // significant digits: from the first non-zero digit to the last non-zero digit
  const all = (intDigits + fracDigits).replace(/^0+/, '').replace(/0+$/, '');
  if (all.length > MAX_SIGNIFICANT_DIGITS) {
    return {
      ok: false,
      reason: `more than ${MAX_SIGNIFICANT_DIGITS} significant digits cannot be read exactly`,
    };
  }
  // Build the exact decimal text and let Number() round it once (correctly rounded).
  const text = `${negative ? '-' : ''}${intDigits || '0'}.${fracDigits || '0'}e${exp + shift}`;
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'too large to be a number' };
  // `all` holds the significant digits: a non-zero number that reads as 0 (`1e-400`) is as unreadable as a tiny one
  if ((value !== 0 || all !== '') && Math.abs(value) < 1e-300) return { ok: false, reason: 'too small to be read exactly' };
  return { ok: true, value: value === 0 ? 0 : value, percent };
}

/** A JS number (e.g. an XLSX numeric cell) as a parsed value: finite numbers only. */
export function numberValue(n: number): ParsedValue {
  if (!Number.isFinite(n)) return { ok: false, reason: 'not a finite number' };
  return { ok: true, value: n === 0 ? 0 : n, percent: false };
}
