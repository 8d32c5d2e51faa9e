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

export const EXAMPLES: Example[] = Object.entries(plans)
  .map(([p, plan]) => ({ name: base(p), plan, csv: dataByName.get(base(p)) }))
  .sort((a, b) => (a.name === '店长' ? -1 : b.name === '店长' ? 1 : a.name.localeCompare(b.name, 'zh')));

export const DEFAULT_EXAMPLE = EXAMPLES[0]!;
