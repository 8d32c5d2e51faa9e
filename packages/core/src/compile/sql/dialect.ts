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
  /** integer to text (for messages) */
  text(x: string): string;
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
};

export const DIALECTS: Record<DialectName, Dialect | undefined> = { duckdb, postgres, clickhouse: undefined };
