/** The plans in examples/ and their sample data, bundled at build time (Vite `?raw` glob). */
const plans = import.meta.glob('../../examples/*.kpi', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const data = import.meta.glob('../../examples/data/*.csv', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Example {
  name: string;
  plan: string;
  csv?: string;
}

const base = (p: string) => p.replace(/^.*\//, '').replace(/\.(kpi|csv)$/, '');
const dataByName = new Map(Object.entries(data).map(([p, t]) => [base(p), t]));

/**
 * Plans with several periods per person (`period 月份`, SPEC §7 cycles) need the whole-table money pipeline,
 * which the playground's table does not run yet (one row per person): they stay out of the picker.
 */
const needsCycles = (plan: string) => /^\s*period\s/m.test(plan);

export const EXAMPLES: Example[] = Object.entries(plans)
  .filter(([, plan]) => !needsCycles(plan))
  .map(([p, plan]) => ({ name: base(p), plan, csv: dataByName.get(base(p)) }))
  .sort((a, b) => (a.name === '店长' ? -1 : b.name === '店长' ? 1 : a.name.localeCompare(b.name, 'zh')));

export const DEFAULT_EXAMPLE = EXAMPLES[0]!;
