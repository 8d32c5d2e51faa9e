/**
 * Data for `kpi diff --data` and `kpi solve`: one pass over a data file, each row bound for one or more
 * compiled plans (two versions of a plan read different columns), with the same binder, row errors and
 * messages as `kpi score`. Any data error is printed and ends the run with exit 2 (`DataFailed`).
 */
import { resolve } from 'node:path';
import { createBinder, percentHintsOf, type Diagnostic, type Plan, type RowResult } from '@kpi/core';
import type { Compiled } from './engine.js';
import { openTable, DataError } from './data/read.js';
import { EXIT, type Io } from './io.js';
import { ErrorLog, maxErrorsOf, printDataOutcome, rowErrorDiagnostics, type DataOptions, type DataOutcome } from './commands/score.js';
import { printDiagnostics, printHint } from './report.js';

export interface BoundPerson {
  id: string;
  row: number;
  /** per plan: input values aligned with its compiled inputs */
  values: number[][];
  /** per plan: its result */
  results: RowResult[];
}

/** the data failed: the errors were printed; exit with this code */
export class DataFailed extends Error {
  constructor(readonly exitCode: number) {
    super('data errors');
  }
}

export async function readPeople(
  io: Io,
  opts: DataOptions & { data: string; idColumn?: string },
  plans: { plan: Plan; compiled: Compiled }[],
  outcome: DataOutcome,
  only?: (id: string) => boolean,
): Promise<BoundPerson[]> {
  const errors = new ErrorLog(maxErrorsOf(opts.maxErrors));
  const dataName = opts.data;
  const idColumn = opts.idColumn ?? opts.id;
  try {
    const source = await openTable(resolve(io.cwd, opts.data), { displayName: dataName, ...(io.lang ? { lang: io.lang } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}), ...(opts.sheet ? { sheet: opts.sheet } : {}) });
    const binders = plans.map((p) => createBinder(source.header, p.compiled.inputs, { fileName: dataName, percentHints: percentHintsOf(p.plan), ...(idColumn !== undefined ? { idColumn } : {}) }));
    const bad = binders.filter((b) => !b.ok);
    if (bad.length) {
      for (const b of bad) errors.add(b.diagnostics);
      printDataOutcome(io, errors, [], dataName, outcome);
      printHint(io, source.hint);
      throw new DataFailed(EXIT.USAGE);
    }
    const people: BoundPerson[] = [];
    for await (const batch of source.rows) {
      for (const { cells, row } of batch) {
        const person: BoundPerson = { id: '', row, values: [], results: [] };
        let skip = false;
        for (let i = 0; i < plans.length && !skip; i++) {
          const idCell = cells[binders[i]!.idIndex];
          if (only && !only(String(idCell ?? '').trim())) {
            skip = true;
            break;
          }
          const bound = binders[i]!.bindRow(cells, row);
          if (!bound) {
            skip = true;
            break;
          }
          person.id = bound.id;
          if (bound.errors.length) {
            errors.add(bound.errors);
            skip = true;
            break;
          }
          const out = plans[i]!.compiled.score(bound.values);
          if (!out.ok) {
            errors.add(rowErrorDiagnostics(dataName, row, bound.id, out.errors));
            skip = true;
            break;
          }
          person.values.push(Array.from(bound.values as ArrayLike<number>));
          person.results.push(out.result);
        }
        if (!skip) people.push(person);
      }
    }
    // looking for one person, the other rows are not bound: "no data rows" is not a finding then
    const tail = binders.flatMap((b) => b.finish()).filter((d) => !(only && d.code === 'KPI0803'));
    errors.add(tail);
    const warnings: Diagnostic[] = [...binders.flatMap((b) => b.diagnostics), ...tail].filter((d) => d.severity !== 'error');
    if (errors.total) {
      printDataOutcome(io, errors, dedupe(warnings), dataName, outcome);
      throw new DataFailed(EXIT.USAGE);
    }
    printDiagnostics(io, io.stderr, dedupe(warnings));
    return people;
  } catch (e) {
    if (e instanceof DataError) {
      errors.add([e.diagnostic]);
      printDataOutcome(io, errors, [], dataName, outcome);
      throw new DataFailed(EXIT.USAGE);
    }
    throw e;
  }
}

/** two plans read the same column: one warning about it, not two */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}\u0000${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
