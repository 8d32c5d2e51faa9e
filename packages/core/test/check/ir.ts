/**
 * Tiny IR builders for checker unit tests that do not need the parser. Every node gets a distinct
 * fake span so `related` and fix edits can be told apart; the source text is padding of that length.
 */
import type { Group, Indicator, Method, Name, NumLit, Plan, PlanFile, TestCase } from '../../src/ir/schema.js';
import { SourceFile } from '../../src/source/span.js';
import { dec } from '../../src/numbers/decimal.js';

let pos = 0;
const sp = () => {
  const start = pos;
  pos += 10;
  return { start, end: start + 5 };
};

export const name = (text: string): Name => ({ text, span: sp() });
/** `'70%'` → percent literal 0.7; `'4'` → plain 4 */
export const num = (text: string): NumLit => {
  const percent = text.endsWith('%');
  const raw = percent ? text.slice(0, -1) : text;
  const value = percent ? dec.toRational(dec.parse(raw)!).div(dec.toRational('100')).toDecimalString(20) : dec.parse(raw)!;
  return { value, percent, span: sp() };
};

export const ind = (n: string, weight: string | undefined, method: Method | undefined, extra: Partial<Indicator> = {}): Indicator => ({
  kind: 'indicator',
  name: name(n),
  ...(weight ? { weight: num(weight) } : {}),
  ...(method ? { method } : {}),
  lower: false,
  span: sp(),
  ...extra,
});
export const group = (n: string, weight: string, items: (Indicator | Group)[]): Group => ({
  kind: 'group',
  name: name(n),
  weight: num(weight),
  items,
  span: sp(),
});
export const linear = (): Method => ({ kind: 'linear', span: sp() });
export const rating = (lo: string, hi: string, raters?: [string, string][]): Method => ({
  kind: 'rating',
  lo: num(lo),
  hi: num(hi),
  ...(raters ? { raters: raters.map(([n, w]) => ({ name: name(n), weight: num(w), span: sp() })) } : {}),
  span: sp(),
});

export const plan = (n: string, items: (Indicator | Group)[], extra: Partial<Plan> = {}): Plan => ({
  kind: 'plan',
  name: name(n),
  settings: {},
  items,
  metrics: [],
  bonuses: [],
  vetoes: [],
  tests: [],
  span: sp(),
  ...extra,
});
export const test = (n: string, given: [string, string][], expects: [string, string][]): TestCase => ({
  kind: 'test',
  name: n,
  nameSpan: sp(),
  given: given.map(([k, v]) => ({ key: name(k), value: num(v), span: sp() })),
  expects: expects.map(([k, v]) => ({ subject: name(k), value: /^[\d.]+%?$/.test(v) ? num(v) : name(v), span: sp() })),
  span: sp(),
});

export const fileOf = (...plans: Plan[]): { file: PlanFile; source: SourceFile } => ({
  file: { kind: 'file', plans, span: { start: 0, end: pos } },
  source: new SourceFile('t.kpi', ' '.repeat(pos + 10)),
});
