import { mkdtempSync, readFileSync, existsSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, golden, kpi, ROOT } from './helpers.js';

describe('kpi check', () => {
  it('exits 0 with a summary line for a clean plan', () => {
    const r = kpi(['check', 'shop.kpi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no problems in 1 file\n');
  });

  it('prints every finding with a code frame and exits 1 on errors (terminal golden)', () => {
    const r = kpi(['check', 'broken.kpi', 'warn.kpi', 'shop.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    golden('check-terminal.txt', r.stdout);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 error, 1 warning in 3 files');
  });

  it.each(['json', 'github', 'sarif', 'junit'])('renders --format %s (golden)', (format) => {
    const r = kpi(['check', '--format', format, 'broken.kpi', 'warn.kpi']);
    expect(r.code).toBe(1);
    if (format === 'sarif') {
      // the rules list is the whole catalogue, which grows: golden the results, check the rules they use
      const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex?: number }[] }[] };
      expect(sarif.version).toBe('2.1.0');
      const run = sarif.runs[0]!;
      const ids = run.tool.driver.rules.map((x) => x.id);
      for (const res of run.results) expect(ids).toContain(res.ruleId);
      golden('check-sarif-results.json', `${JSON.stringify(run.results.map(({ ruleIndex: _, ...rest }: { ruleIndex?: number }) => rest), null, 2)}\n`);
      return;
    }
    golden(`check-${format}.${format === 'github' ? 'txt' : format === 'junit' ? 'xml' : 'json'}`, r.stdout);
    if (format === 'json') expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('passes warnings unless --strict', () => {
    expect(kpi(['check', 'warn.kpi']).code).toBe(0);
    expect(kpi(['check', '--strict', 'warn.kpi']).code).toBe(1);
  });

  it('colours only when asked: NO_COLOR off a TTY gives plain text, FORCE_COLOR gives ANSI', () => {
    const plain = kpi(['check', 'warn.kpi']);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const forced = kpi(['check', 'warn.kpi'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.stdout).toMatch(/\u001b\[/);
  });

  it('expands directories and globs', () => {
    const r = kpi(['check', 'examples/*.kpi'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/in 6 files\n$/);
    const d = kpi(['check', 'examples'], { cwd: ROOT });
    expect(d.stdout).toMatch(/^examples\/broken\/\S+\.kpi:\d+:\d+ error KPI/m);
    expect(d.code).toBe(1);
    const g = kpi(['check', 'sho*.kpi', 'two-plans.kpi']);
    expect(g.stdout).toBe('no problems in 2 files\n');
  });

  it('exits 2 with a clear message for a missing file, never a stack trace', () => {
    const r = kpi(['check', 'nope.kpi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: cannot find `nope.kpi`\n');
  });

  it('exits 2 on a usage error', () => {
    expect(kpi(['check']).code).toBe(2);
    expect(kpi(['check', '--format', 'xml', 'shop.kpi']).code).toBe(2);
    expect(kpi(['frobnicate']).code).toBe(2);
  });
});

describe('kpi --help and --version', () => {
  it('prints the version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    const r = kpi(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it.each(['check', 'test', 'score', 'explain', 'fmt', 'compile', 'init'])('shows an example in `kpi %s --help`', (cmd) => {
    const r = kpi([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ kpi /);
  });
});

describe('kpi init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-init-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scaffolds a plan that checks clean, a workflow, sample data and a README', () => {
    const r = kpi(['init', 'repo'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const f of ['店长.kpi', 'data/店长.csv', '.github/workflows/kpi.yml', 'README.md']) expect(existsSync(join(dir, 'repo', f))).toBe(true);
    const wf = readFileSync(join(dir, 'repo', '.github/workflows/kpi.yml'), 'utf8');
    expect(wf).toMatch(/npx kpi check --format github/);
    expect(wf).toMatch(/npx kpi test/);
    const c = kpi(['check', '.'], { cwd: join(dir, 'repo') });
    expect(c.stdout).toBe('no problems in 1 file\n');
    expect(c.code).toBe(0);
  });

  it('keeps existing files unless --force', () => {
    const r = kpi(['init', 'repo'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept\s+repo\/店长.kpi/);
  });

  void FIXTURES;
  void cpSync;
});
