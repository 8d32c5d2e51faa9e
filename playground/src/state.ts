/** The page's state: what the user has (plan text lives in the Monaco model), and the engine's last answer. */
import type { Curve } from './engine/curves.js';
import type { Lang, ResultColumn, TableData, UpdateResult } from './engine/protocol.js';

export interface Baseline {
  columns: ResultColumn[];
  /** result cells per person id */
  byId: Map<string, (number | string | null)[]>;
}

export const state = {
  lang: 'zh' as Lang,
  /** the example the work started from (for the picker and "reset") */
  example: undefined as string | undefined,
  table: { columns: [], rows: [] } as TableData,
  selected: null as number | null,
  result: undefined as UpdateResult | undefined,
  curves: [] as Curve[],
  baseline: undefined as Baseline | undefined,
  /** the engine ran over its time budget on the current text */
  timedOut: false,
  timing: { analyseMs: 0, scoreMs: 0, testsMs: 0, renderMs: 0, chartsMs: 0, roundTripMs: 0, totalMs: 0, at: 0, seq: 0, chartsSeq: 0 },
};
