/**
 * What differs between the SQL dialects the generator writes: the wide integer type, integer division,
 * quoting, the text functions used to read a cell, decimals out. Everything else is shared SQL.
 * Only SQL that each engine was tested with goes here (see test/sql/).
 */
export type DialectName = 'duckdb' | 'postgres' | 'clickhouse';

export interface Dialect {
  name: DialectName;
  /** the largest magnitude the wide integer type holds (exclusive bound the generator proves against) */
  wideLimit: bigint;
  /** cast an integer expression to the wide type */
  wide(x: string): string;
  /** truncating division of a non-negative integer by a positive one */
  intDiv(a: string, b: string): string;
  /** remainder of a non-negative integer by a positive one */
  mod(a: string, b: string): string;
  /** quoted identifier */
  ident(name: string): string;
  /** string literal */
  str(s: string): string;
  /** an integer literal (any size the wide type holds) */
  int(v: bigint): string;
  /** cell → text, trimmed, full-width folded to ASCII, lower-cased (NULL stays NULL) */
  normalise(x: string): string;
  /** regex match of `pattern` over text `t` → a value from which `group(v, i)` reads group i (1-based; '' or NULL when absent) */
  match(t: string, pattern: string): string;
  group(v: string, i: number): string;
  /** text → BIGINT (text holds at most 18 digits) */
  toBigint(t: string): string;
  /** a scaled integer as an exact decimal with `dec` places */
  decimal(scaled: string, dec: number): string;
  /** text helpers */
  len(t: string): string;
  ltrimZeros(t: string): string;
  rtrimZeros(t: string): string;
  repeatZeros(n: string): string;
  concat(...xs: string[]): string;
  /** any value to text (for messages, and the id and cells read as text) */
  text(x: string): string;
  /** text with spaces removed at both ends (SQL's plain trim) */
  trim(t: string): string;
  /** whether text `t` matches the cell pattern, given `v` = match(t, pattern) */
  matched(t: string, pattern: string, v: string): string;
  /** |x| of the same integer type (`wide`: x is already of the wide type) */
  abs(x: string, wide: boolean): string;
  /** an exact decimal constant with `scale` places */
  decimalConst(text: string, scale: number): string;
  /** appended to every subquery (PostgreSQL: a fence against pulling layers into one another) */
  fence: string;
}

const FULL = '０１２３４５６７８９％．，－＋￥＄（）Ｅｅ。−';
const ASCII = '0123456789%.,-+¥$()Ee.-';
// JS trims every kind of space at the ends (value.ts normalise); these are the ones seen in exports
const SPACES = ' \t\r\n\u00a0\u3000\ufeff';

/** 10^-dec as decimal text */
const unit = (dec: number) => `0.${'0'.repeat(dec - 1)}1`;
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sqlStr = (s: string) => `'${s.replace(/'/g, "''")}'`;

const duckdb: Dialect = {
  name: 'duckdb',
  wideLimit: 1n << 126n,
  wide: (x) => `CAST(${x} AS HUGEINT)`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  ident: quoteIdent,
  str: sqlStr,
  // typed: a bare literal is an INTEGER, and INTEGER × INTEGER overflows at 2^31
  int: (v) => (v >= -(1n << 62n) && v < 1n << 62n ? `CAST(${v} AS BIGINT)` : `CAST('${v}' AS HUGEINT)`),
  normalise: (x) => `lower(trim(translate(CAST(${x} AS VARCHAR), ${sqlStr(FULL)}, ${sqlStr(ASCII)}), ${sqlStr(SPACES)}))`,
  match: (t, p) => `regexp_extract(${t}, ${sqlStr(p)}, ['g1','g2','g3','g4','g5','g6','g7','g8','g9','g10'])`,
  group: (v, i) => `${v}.g${i}`,
  toBigint: (t) => `CAST(${t} AS BIGINT)`,
  decimal: (s, dec) => (dec === 0 ? `CAST(${s} AS DECIMAL(38,0))` : `(CAST(${s} AS DECIMAL(38,0)) * CAST('${unit(dec)}' AS DECIMAL(${dec + 1},${dec})))`),
  len: (t) => `length(${t})`,
  ltrimZeros: (t) => `ltrim(${t}, '0')`,
  rtrimZeros: (t) => `rtrim(${t}, '0')`,
  repeatZeros: (n) => `repeat('0', ${n})`,
  concat: (...xs) => `(${xs.join(' || ')})`,
  text: (x) => `CAST(${x} AS VARCHAR)`,
  trim: (t) => `trim(${t})`,
  matched: (t, p) => `regexp_full_match(${t}, ${sqlStr(p)})`,
  abs: (x) => `abs(${x})`,
  decimalConst: (text, scale) => `CAST(${sqlStr(text)} AS DECIMAL(38,${scale}))`,
  fence: '',
};

const postgres: Dialect = {
  name: 'postgres',
  // NUMERIC is exact at any size; the bound keeps the work per row bounded like the other dialects
  wideLimit: 10n ** 60n,
  wide: (x) => `CAST(${x} AS NUMERIC)`,
  intDiv: (a, b) => `div(${a}, ${b})`,
  mod: (a, b) => `mod(${a}, ${b})`,
  ident: quoteIdent,
  str: sqlStr,
  int: (v) => (v >= -(1n << 62n) && v < 1n << 62n ? `CAST(${v} AS BIGINT)` : `CAST('${v}' AS NUMERIC)`),
  normalise: (x) => `lower(btrim(translate(CAST(${x} AS TEXT), ${sqlStr(FULL)}, ${sqlStr(ASCII)}), ${sqlStr(SPACES)}))`,
  match: (t, p) => `regexp_match(${t}, ${sqlStr(p)})`,
  group: (v, i) => `(${v})[${i}]`,
  toBigint: (t) => `CAST(${t} AS BIGINT)`,
  decimal: (s, dec) => `CAST(${dec === 0 ? s : `(CAST(${s} AS NUMERIC) * CAST('${unit(dec)}' AS NUMERIC))`} AS NUMERIC(38,${dec}))`,
  len: (t) => `length(${t})`,
  ltrimZeros: (t) => `ltrim(${t}, '0')`,
  rtrimZeros: (t) => `rtrim(${t}, '0')`,
  repeatZeros: (n) => `repeat('0', ${n})`,
  concat: (...xs) => `(${xs.join(' || ')})`,
  text: (x) => `CAST(${x} AS TEXT)`,
  trim: (t) => `trim(${t})`,
  matched: (_t, _p, v) => `(${v} IS NOT NULL)`,
  abs: (x) => `abs(${x})`,
  decimalConst: (text, scale) => `CAST(${sqlStr(text)} AS NUMERIC(38,${scale}))`,
  // OFFSET 0 keeps PostgreSQL from pulling the layers up into one another, which would copy every
  // named value into each reader and grow the query exponentially (it did: minutes for 5 indicators)
  fence: '\nOFFSET 0',
};

/*
 * ClickHouse, down to Debian bookworm's 18.16 (the release the tests run; everything used here is still in
 * current releases). What differs from the others, each checked on 18.16:
 * - Int64 arithmetic wraps silently: the generator proves every Int64 bound below 2^63, and past it works in
 *   Decimal128(0) (38 digits), whose arithmetic throws on overflow instead of wrapping. (No Int128 in 18.16.)
 * - every branch of CASE (multiIf) is evaluated on every row, and a NULL is a default 0 underneath: `intDiv`
 *   by a zero in a branch not taken, or under a NULL, throws. `intDivOrZero` gives the same quotient for the
 *   positive divisors the generator divides by, and 0 where the branch is discarded anyway. No modulo-or-zero:
 *   the remainder is a − q·b. `/` is never used (it is Float64 on integers).
 * - regexes are RE2 over bytes: the cell pattern's non-ASCII symbols (¥ € £ ‰ 元) are literal alternatives,
 *   which match as byte sequences. No regexp_extract with groups: the groups come from one
 *   replaceRegexpOne into a \x01-separated list (RE2 rewrites reach \9; group 10, the closing parenthesis,
 *   is whether the matched text ends with one).
 * - no translate, trim(chars), repeat: replaceAll, anchored replaceRegexpOne, substring of zeros.
 * - a NULL cell reads as '' (a missing value either way), so no array sits under a Nullable.
 * - `abs` of Int64 is UInt64, which has no common type with Int64 in a CASE: cast back.
 */
const chStr = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** the trimmed spaces as RE2 alternatives (multi-byte ones as literal byte sequences) */
const CH_SPACES = '(?: |\\t|\\r|\\n|\u00a0|\u3000|\ufeff)+';
const chReplaceAll = (x: string) => [...FULL].reduce((acc, ch, i) => `replaceAll(${acc}, ${chStr(ch)}, ${chStr(ASCII[i]!)})`, x);
const clickhouse: Dialect = {
  name: 'clickhouse',
  wideLimit: 10n ** 38n,
  wide: (x) => `toDecimal128(${x}, 0)`,
  intDiv: (a, b) => `intDivOrZero(${a}, ${b})`,
  mod: (a, b) => `((${a}) - intDivOrZero(${a}, ${b}) * (${b}))`,
  ident: quoteIdent,
  str: chStr,
  int: (v) => (v >= -(1n << 62n) && v < 1n << 62n ? `toInt64(${v})` : `toDecimal128('${v}', 0)`),
  normalise: (x) =>
    `ifNull(lowerUTF8(replaceRegexpOne(replaceRegexpOne(${chReplaceAll(`toString(${x})`)}, ${chStr('^' + CH_SPACES)}, ''), ${chStr(CH_SPACES + '$')}, '')), '')`,
  match: (t, p) => {
    const groups = Array.from({ length: 9 }, (_, i) => `\\${i + 1}`).join('\x01');
    return `(CASE WHEN match(${t}, ${chStr(p)}) THEN concat(replaceRegexpOne(${t}, ${chStr(p)}, ${chStr(groups)}), '\\x01', (CASE WHEN endsWith(${t}, ')') THEN ')' ELSE '' END)) ELSE '' END)`;
  },
  group: (v, i) => `splitByChar('\\x01', ${v})[${i}]`,
  toBigint: (t) => `toInt64OrZero(${t})`,
  decimal: (s, dec) => (dec === 0 ? `toDecimal128(${s}, 0)` : `(toDecimal128(${s}, ${dec}) / toInt64(${10n ** BigInt(dec)}))`),
  len: (t) => `length(${t})`,
  ltrimZeros: (t) => `replaceRegexpOne(${t}, '^0+', '')`,
  rtrimZeros: (t) => `replaceRegexpOne(${t}, '0+$', '')`,
  // the generator reads a cell's digits only when they fit 18 places; beyond, the (discarded) value is cut
  repeatZeros: (n) => `substring('000000000000000000000000', 1, ${n})`,
  concat: (...xs) => (xs.length === 1 ? xs[0]! : `concat(${xs.join(', ')})`),
  text: (x) => `toString(${x})`,
  trim: (t) => `replaceRegexpOne(replaceRegexpOne(${t}, '^ +', ''), ' +$', '')`,
  matched: (t, p) => `match(${t}, ${chStr(p)})`,
  abs: (x, wide) => (wide ? `abs(${x})` : `toInt64(abs(${x}))`),
  decimalConst: (text, scale) => `toDecimal128(${chStr(text)}, ${scale})`,
  fence: '',
};

export const DIALECTS: Record<DialectName, Dialect | undefined> = { duckdb, postgres, clickhouse };
