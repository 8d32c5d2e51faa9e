/**
 * The forced distribution's ranking (money/distribution.ts) in SQL: within each group `k_grp`, people in
 * the order (not vetoed first, total descending, file order), giving
 *   k_dn     the group's size
 *   k_drank  the 0-based position in that order
 *   k_dfirst the 0-based position of the first person with the same vetoed flag and total (equal totals
 *            share the grade of the best-ranked of them)
 * DuckDB and PostgreSQL: window functions. ClickHouse (18.16 has none): each group's people as one sorted
 * array (arraySort over groupArray), the positions read off it with arrayEnumerate, the run starts of equal
 * totals by a running sum, and ARRAY JOIN back to one row per person, joined to the rows by id.
 */
import type { Dialect } from './dialect.js';

/** `tot`: the total as the ranking key (an Int64 in ClickHouse) */
export function rankWrap(D: Dialect, tot: string): (sql: string) => string {
  if (D.name !== 'clickhouse') {
    const key = 'PARTITION BY k_grp ORDER BY k_vet, k_tot DESC';
    return (sql) =>
      `SELECT *,\n  count(*) OVER (PARTITION BY k_grp) AS k_dn,\n  (row_number() OVER (${key}, k_ord) - 1) AS k_drank,\n  (rank() OVER (${key}) - 1) AS k_dfirst\nFROM (\n${sql}${D.fence}\n) AS k_rk`;
  }
  return (sql) => {
    // s: the group sorted; st[i]: 1 where a run of equal (vetoed, total) starts; starts: those positions;
    // run[i]: the run of person i (running sum of st)
    const sorted = `arraySort(x -> (x.1, -x.2, x.3), groupArray((toUInt8(k_vet), ${tot}, k_ord, k_id)))`;
    const ranks = `SELECT k_id, k_dn, toInt64(k_i - 1) AS k_drank, toInt64(k_f - 1) AS k_dfirst FROM (
  SELECT toInt64(length(k_s)) AS k_dn, arrayMap(x -> x.4, k_s) AS k_ids, arrayEnumerate(k_s) AS k_e,
    arrayMap(i -> (i = 1 OR k_s[i].1 != k_s[i - 1].1 OR k_s[i].2 != k_s[i - 1].2) ? 1 : 0, k_e) AS k_st,
    arrayFilter(i -> k_st[i] = 1, k_e) AS k_starts,
    arrayMap(i -> k_starts[i], arrayCumSum(k_st)) AS k_fs
  FROM (SELECT ${sorted} AS k_s FROM (\n${sql}\n) GROUP BY k_grp)
) ARRAY JOIN k_ids AS k_id, k_e AS k_i, k_fs AS k_f`;
    return `SELECT * FROM (\n${sql}\n) AS k_rk ANY LEFT JOIN (\n${ranks}\n) AS k_rj USING k_id`;
  };
}
