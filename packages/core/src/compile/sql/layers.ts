/**
 * Stacking the generator's layers into one query, each layer selecting only the columns read above it.
 *
 * Why not `SELECT *, …` all the way up: every layer would then carry every column named below it, and
 * ClickHouse (18.16, the release CI runs) analyses a stack of subqueries in time that grows with the cube of
 * its depth and with its width: a random plan of the property test with 84 layers took 40 s to analyse on an
 * empty table. Carrying only the live columns keeps each layer narrow (and the query text smaller on every
 * engine). Liveness is read from the expressions' text: every `k_…` name outside string literals and quoted
 * identifiers, kept only where a layer below really provides it.
 */
import type { Dialect } from './dialect.js';

/** [alias, expression] pairs of one layer */
export type Pairs = [string, string][];
/** a wrapping query (a GROUP BY) and the columns it provides */
export interface Wrap {
  wrap: (sql: string) => string;
  provides: string[];
}
export type Layer = Pairs | Wrap;

/** the `k_…` names an expression reads (string literals and quoted identifiers skipped) */
function namesRead(D: Dialect, expr: string): string[] {
  const literals = D.name === 'clickhouse' ? /'(?:[^'\\]|\\.)*'|"(?:[^"]|"")*"/g : /'(?:[^']|'')*'|"(?:[^"]|"")*"/g;
  return expr.replace(literals, ' ').match(/\bk_\w+/g) ?? [];
}

/**
 * The query: `base` (the first SELECT, naming `baseNames`), then `layers` bottom up, then `top` reading
 * `topReads` (the output list, ORDER BY). Below the topmost wrap every column is carried (the wrap's own
 * reads are not analysed); above it only the live ones.
 */
export function stackLayers(D: Dialect, base: string, baseNames: string[], layers: Layer[], topReads: string[]): string {
  // what each layer can read: the names provided below it, in the order they were made
  const avail: string[][] = [];
  let below: string[] = baseNames;
  for (const l of layers) {
    avail.push(below);
    below = 'wrap' in l ? l.provides : [...below, ...l.map(([a]) => a)];
  }
  // what each layer must pass on and compute: from the top down
  const lastWrap = layers.reduce((acc, l, i) => ('wrap' in l ? i : acc), -1);
  const plan: { pass: string[]; defs: Pairs }[] = new Array(layers.length);
  let live = new Set(topReads.flatMap((e) => namesRead(D, e)));
  for (let i = layers.length - 1; i > lastWrap; i--) {
    const l = layers[i] as Pairs;
    const defs = l.filter(([a]) => live.has(a));
    const own = new Set(l.map(([a]) => a));
    const need = new Set([...live].filter((n) => !own.has(n)));
    for (const [, e] of defs) for (const n of namesRead(D, e)) need.add(n);
    plan[i] = { pass: avail[i]!.filter((n) => need.has(n)), defs };
    live = need;
  }
  let sql = base;
  let k = 0;
  layers.forEach((l, i) => {
    if ('wrap' in l) {
      sql = l.wrap(sql);
      return;
    }
    const p = plan[i];
    const defs = p ? p.defs : l;
    if (!defs.length) return;
    const list = [p ? p.pass.join(', ') : '*', ...defs.map(([a, e]) => `${e} AS ${a}`)].filter((s) => s !== '');
    sql = `SELECT ${list.join(',\n  ')}\nFROM (\n${sql}${D.fence}\n) AS k_l${k++}`;
  });
  return sql;
}
