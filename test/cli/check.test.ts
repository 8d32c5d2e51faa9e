import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, golden, kpi, ROOT } from './helpers.js';

/** util-linux `script` runs a command on a pseudo-terminal */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

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

  it('writes SARIF 2.1.0: schema, version, one run with the tool and its rules, results with rule, level and 1-based regions', () => {
    const r = kpi(['check', '--format', 'sarif', 'broken.kpi', 'warn.kpi', 'shop.kpi']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Record<string, unknown> & { runs: Record<string, unknown>[] };
    expect(log.$schema).toMatch(/sarif-2\.1\.0.*\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0] as {
      tool: { driver: { name: string; version?: string; rules: { id: string; shortDescription: { text: string }; defaultConfiguration?: { level: string } }[] } };
      columnKind?: string;
      results: {
        ruleId: string;
        ruleIndex?: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number } } }[];
      }[];
    };
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(run.tool.driver).toMatchObject({ name: 'kpi', version: pkg.version });
    const rules = run.tool.driver.rules;
    expect(new Set(rules.map((x) => x.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^KPI\d{4}$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      if (rule.defaultConfiguration) expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    expect(['unicodeCodePoints', 'utf16CodeUnits']).toContain(run.columnKind ?? 'utf16CodeUnits');
    expect(run.results.map((x) => [x.ruleId, x.level])).toEqual([
      ['KPI0402', 'error'],
      ['KPI0602', 'warning'],
    ]);
    for (const res of run.results) {
      if (res.ruleIndex !== undefined) expect(rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations).toHaveLength(1);
      const { artifactLocation, region } = res.locations[0]!.physicalLocation;
      expect(artifactLocation.uri).toMatch(/^(broken|warn)\.kpi$/);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine ?? region.startLine).toBeGreaterThanOrEqual(region.startLine);
      if ((region.endLine ?? region.startLine) === region.startLine) expect(region.endColumn!).toBeGreaterThan(region.startColumn!);
    }
    // broken.kpi:4:35 is the `0` of `target 0`; SARIF's endColumn is exclusive
    expect(run.results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 4, startColumn: 35, endLine: 4, endColumn: 36 });
  });

  it('SARIF for every broken example keeps the 2.1.0 constraints on regions, related locations and fixes', () => {
    const r = kpi(['check', '--format', 'sarif', 'examples/broken'], { cwd: ROOT });
    expect(r.code).toBe(1);
    interface Region {
      startLine: number;
      startColumn?: number;
      endLine?: number;
      endColumn?: number;
    }
    const validRegion = (g: Region) => {
      expect(Number.isInteger(g.startLine) && g.startLine >= 1).toBe(true);
      for (const k of ['startColumn', 'endLine', 'endColumn'] as const) if (g[k] !== undefined) expect(Number.isInteger(g[k]) && g[k]! >= 1).toBe(true);
    };
    const run = (JSON.parse(r.stdout) as { runs: { results: Record<string, unknown>[] }[] }).runs[0]!;
    let related = 0;
    let fixes = 0;
    for (const res of run.results as {
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region?: Region } }[];
      relatedLocations?: { id: number; message: { text: string }; physicalLocation: { region?: Region } }[];
      fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Region; insertedContent: { text: string } }[] }[] }[];
    }[]) {
      expect(['none', 'note', 'warning', 'error']).toContain(res.level);
      // URIs are percent-encoded (CJK file names)
      expect(res.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^examples\/broken\/[A-Za-z0-9%._-]+\.kpi$/);
      validRegion(res.locations[0]!.physicalLocation.region!);
      const ids = (res.relatedLocations ?? []).map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const x of res.relatedLocations ?? []) {
        related++;
        expect(Number.isInteger(x.id) && x.id >= 0).toBe(true);
        expect(x.message.text.length).toBeGreaterThan(0);
        if (x.physicalLocation.region) validRegion(x.physicalLocation.region);
      }
      for (const f of res.fixes ?? []) {
        fixes++;
        expect(f.artifactChanges.length).toBeGreaterThanOrEqual(1);
        for (const ch of f.artifactChanges) {
          expect(ch.replacements.length).toBeGreaterThanOrEqual(1);
          for (const rep of ch.replacements) {
            validRegion(rep.deletedRegion);
            expect(typeof rep.insertedContent.text).toBe('string');
          }
        }
      }
    }
    expect(related).toBeGreaterThan(5);
    expect(fixes).toBeGreaterThan(3);
  });

  it('--format github prints one workflow command per finding, and nothing for clean files', () => {
    const r = kpi(['check', '--format', 'github', 'broken.kpi', 'warn.kpi']);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split('::').slice(0, 2).join('::'))).toEqual([
      '::error file=broken.kpi,line=4,col=35,endLine=4,endColumn=35,title=KPI0402',
      '::warning file=warn.kpi,line=3,col=23,endLine=3,endColumn=24,title=KPI0602',
    ]);
    const clean = kpi(['check', '--format', 'github', 'shop.kpi']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('refuses a plan file that is not UTF-8 with one message (exit 2), not a screen of garbled names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-gbk-'));
    try {
      // `plan 小店 {}` saved as GBK
      writeFileSync(join(dir, 'gbk.kpi'), Buffer.concat([Buffer.from('plan '), Buffer.from([0xd0, 0xa1, 0xb5, 0xea]), Buffer.from(' {\n}\n')]));
      const r = kpi(['check', 'gbk.kpi'], { cwd: dir });
      expect(r.code).toBe(2);
      // one coded finding for the file, in the report like any other (issue 13: other files are still checked)
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^gbk.kpi error KPI0953 `gbk.kpi` is GBK .*, not UTF-8\n {2}= help: plan files are UTF-8: .*iconv -f gbk -t utf-8 gbk.kpi > fixed.kpi`\n\n1 error in 1 file\n$/);
      // a UTF-8 BOM (Notepad) is fine
      writeFileSync(join(dir, 'bom.kpi'), `\ufeff${readFileSync(join(FIXTURES, 'shop.kpi'), 'utf8')}`);
      expect(kpi(['check', 'bom.kpi'], { cwd: dir }).stdout).toBe('no problems in 1 file\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes warnings unless --strict', () => {
    expect(kpi(['check', 'warn.kpi']).code).toBe(0);
    expect(kpi(['check', '--strict', 'warn.kpi']).code).toBe(1);
  });

  describe('a warning repeated many times in a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-many-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    /** `light` indicators of 4% (each KPI0602: lighter than 5%) and one that makes the sum 100% */
    const planWith = (light: number, extra = '') => {
      const rows = Array.from({ length: light }, (_, i) => `  indicator 指标${i} weight 4% target 1 scoring linear${extra}`);
      rows.push(`  indicator 其余 weight ${100 - 4 * light}% target 1 scoring linear${extra}`);
      return `plan 多 {\n${rows.join('\n')}\n}\n`;
    };
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return name;
    };
    const lines = (out: string, code: string) => out.split('\n').filter((l) => new RegExp(`^\\S+:\\d+:\\d+ \\w+ ${code} `).test(l)).length;

    it('shows all of a code up to 20 in a file; above that its first 10, then how many more and how to see them', () => {
      const twenty = kpi(['check', file('twenty.kpi', planWith(20))], { cwd: dir });
      expect(twenty.code).toBe(0);
      expect(lines(twenty.stdout, 'KPI0602')).toBe(20);
      expect(twenty.stdout).not.toContain('not shown');

      const many = kpi(['check', file('many.kpi', planWith(21))], { cwd: dir });
      expect(many.code).toBe(0);
      expect(lines(many.stdout, 'KPI0602')).toBe(10);
      // the first ten, in the order of the file
      const named = many.stdout.split('\n').filter((l) => l.includes(' warning KPI0602 ')).map((l) => /`(指标\d+)`/.exec(l)![1]);
      expect(named).toEqual(Array.from({ length: 10 }, (_, i) => `指标${i}`));
      expect(many.stdout).toContain('… and 11 more KPI0602 warnings in `many.kpi`, not shown (`--all` shows every one)\n');
      // the summary counts every finding
      expect(many.stdout.trimEnd().split('\n').at(-1)).toBe('22 warnings in 1 file');

      const zh = kpi(['check', '--lang', 'zh', 'many.kpi'], { cwd: dir });
      expect(zh.stdout).toContain('…… `many.kpi` 中还有 11 个 KPI0602 警告未显示（加 `--all` 显示全部）\n');
    });

    it('--all shows every one, and machine formats always carry every finding', () => {
      const all = kpi(['check', '--all', 'many.kpi'], { cwd: dir });
      expect(lines(all.stdout, 'KPI0602')).toBe(21);
      expect(all.stdout).not.toContain('not shown');
      const json = JSON.parse(kpi(['check', '--format', 'json', 'many.kpi'], { cwd: dir }).stdout) as { code: string }[];
      expect(json.filter((d) => d.code === 'KPI0602')).toHaveLength(21);
      const github = kpi(['check', '--format', 'github', 'many.kpi'], { cwd: dir }).stdout;
      expect(github.split('\n').filter((l) => l.includes('KPI0602'))).toHaveLength(21);
    });

    it('names a file with control characters as the findings do, never sending them to the terminal', () => {
      const name = file('evil\u001b[31m.kpi', planWith(21));
      const r = kpi(['check', name], { cwd: dir });
      expect(r.stdout).not.toContain('\u001b');
      expect(r.stdout).toContain('… and 11 more KPI0602 warnings in `evil␛[31m.kpi`, not shown');
      expect(r.stdout).toContain('evil␛[31m.kpi:2:24 warning KPI0602');
    });

    it('counts and cuts only the warnings shown: those a plan accepts with `allow` take no place among the first ten', () => {
      const accepted = planWith(21).replace('plan 多 {', 'plan 甲 {\n  allow KPI0602 "岗位职责细"\n  allow KPI0601 "岗位职责多"');
      const r = kpi(['check', file('two.kpi', `${accepted}\n${planWith(21)}`)], { cwd: dir });
      expect(r.code).toBe(0);
      // plan 多 comes second in the file: its first ten are shown
      expect(lines(r.stdout, 'KPI0602')).toBe(10);
      expect(r.stdout).toContain('… and 11 more KPI0602 warnings in `two.kpi`, not shown');
    });

    it('shows every error, however many of one code', () => {
      const r = kpi(['check', file('caps.kpi', planWith(24, ' cap 90%'))], { cwd: dir });
      expect(r.code).toBe(1);
      expect(lines(r.stdout, 'KPI0403')).toBe(25);
      expect(r.stdout).not.toMatch(/more KPI0403/);
    });

    it('--max-warnings N fails (exit 1) with more than N warnings, and says so beside a machine format', () => {
      // many.kpi: 21 KPI0602 and one KPI0601 (22 indicators in one scope): 22 warnings
      expect(kpi(['check', '--max-warnings', '22', 'many.kpi'], { cwd: dir }).code).toBe(0);
      const over = kpi(['check', '--max-warnings', '21', 'many.kpi'], { cwd: dir });
      expect(over.code).toBe(1);
      expect(over.stdout.trimEnd().split('\n').slice(-2)).toEqual(['22 warnings in 1 file', '22 warnings: more than `--max-warnings 21` allows']);
      const json = kpi(['check', '--format', 'json', '--max-warnings', '0', 'many.kpi'], { cwd: dir });
      expect(json.code).toBe(1);
      expect(() => JSON.parse(json.stdout)).not.toThrow();
      expect(json.stderr).toBe('22 warnings: more than `--max-warnings 0` allows\n');
      const zh = kpi(['check', '--lang', 'zh', '--max-warnings', '5', 'many.kpi'], { cwd: dir });
      expect(zh.stdout.trimEnd().split('\n').at(-1)).toBe('22 个警告，超过 `--max-warnings 5` 的上限');
      // a clean plan passes any limit, and --strict still fails on one warning
      expect(kpi(['check', '--max-warnings', '0', 'shop.kpi']).code).toBe(0);
      expect(kpi(['check', '--strict', '--max-warnings', '100', 'many.kpi'], { cwd: dir }).code).toBe(1);
    });

    it('--max-warnings that is not a whole number of 0 or more is a usage error (exit 2, KPI0006), before any file is read', () => {
      for (const bad of ['-1', 'abc', '1.5', '']) {
        const r = kpi(['check', '--max-warnings', bad, 'nope.kpi']);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`error KPI0006 \`--max-warnings\` must be a whole number, 0 or more, not \`${bad}\``);
        expect(r.stderr).not.toContain('KPI0001');
      }
    });
  });

  it('colours only when asked: NO_COLOR off a TTY gives plain text, FORCE_COLOR gives ANSI', () => {
    const plain = kpi(['check', 'warn.kpi']);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const forced = kpi(['check', 'warn.kpi'], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(forced.stdout).toMatch(/\u001b\[/);
  });

  it.skipIf(!hasScript)('colours on a terminal (a pseudo-TTY), and not when NO_COLOR is set there', () => {
    const onTty = (env: Record<string, string>) =>
      spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} check warn.kpi`, '/dev/null'], {
        cwd: FIXTURES,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', ...env },
        timeout: 60_000,
      });
    const tty = onTty({});
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/\u001b\[\d+m/);
    expect(tty.stdout).toMatch(/1 warning in 1 file/);
    const plain = onTty({ NO_COLOR: '1' });
    expect(plain.stdout).toMatch(/warn\.kpi:3:23 warning KPI0602/);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });

  it('expands directories and globs', () => {
    const r = kpi(['check', 'examples/*.kpi'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/in 12 files\n$/);
    const d = kpi(['check', 'examples'], { cwd: ROOT });
    expect(d.stdout).toMatch(/^examples\/broken\/\S+\.kpi:\d+:\d+ error KPI/m);
    expect(d.code).toBe(1);
    const g = kpi(['check', 'sho*.kpi', 'two-plans.kpi']);
    expect(g.stdout).toBe('no problems in 2 files\n');
  });

  it('reads a file reached twice (a symlinked folder, a glob and the path itself) once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-links-'));
    try {
      mkdirSync(join(dir, 'a'));
      writeFileSync(join(dir, 'a', 'shop.kpi'), readFileSync(join(FIXTURES, 'shop.kpi')));
      symlinkSync('..', join(dir, 'a', 'up'));
      const r = kpi(['check', '.', 'a/**/*.kpi', './a/shop.kpi'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('no problems in 1 file\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a clear message for a missing file, never a stack trace', () => {
    const r = kpi(['check', 'nope.kpi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nope.kpi error KPI0001 cannot find `nope.kpi`\n  = help: check the name and the folder you run `kpi` in\n');
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

  it("turns on Node's compile cache (Node >= 22.1) in kpi's own checked folder for every command but `score`, and not for `--version`", () => {
    const cacheRoot = mkdtempSync(join(tmpdir(), 'kpi-node-cache-'));
    const spy = { NODE_OPTIONS: `--import=${pathToFileURL(join(FIXTURES, 'compile-cache-spy.mjs')).href}`, NODE_COMPILE_CACHE: cacheRoot };
    // not Node's default, os.tmpdir()/node-compile-cache, which every user of the machine shares
    const called = (r: { stderr: string }) => r.stderr.split('\n').filter((l) => l === `[spy] enableCompileCache ${join(cacheRoot, 'kpi', 'node')}`).length;
    const check = kpi(['check', 'shop.kpi'], { env: spy });
    expect(check.code, check.stderr).toBe(0);
    expect(called(check)).toBe(1);
    expect(called(kpi(['fmt', '--check', 'shop.kpi'], { env: spy }))).toBe(1);
    // score sets V8 heap flags first, which would make the cache reject what check wrote, and the other way round
    const score = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv'], { env: spy });
    expect(score.code, score.stderr).toBe(0);
    expect(called(score)).toBe(0);
    expect(called(kpi(['--version'], { env: spy }))).toBe(0);
    // a folder others may write is not used at all
    chmodSync(cacheRoot, 0o777);
    const open = kpi(['check', 'shop.kpi'], { env: spy });
    expect(open.stderr).not.toMatch(/\[spy\] enableCompileCache/);
    rmSync(cacheRoot, { recursive: true, force: true });
  });

  it('kpi check loads the parser and the checker, not the compiler, the SQL generator, the decision tools or the spreadsheet and language-server libraries', () => {
    const spyDir = mkdtempSync(join(tmpdir(), 'kpi-spy-'));
    const log = join(spyDir, 'modules.txt');
    const r = kpi(['check', 'shop.kpi'], { env: { NODE_OPTIONS: `--import=${pathToFileURL(join(FIXTURES, 'module-spy.mjs')).href}`, KPI_MODULE_SPY: log } });
    expect(r.code, r.stderr).toBe(0);
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((u) => u.slice(u.indexOf('/packages/') + 1));
    rmSync(spyDir, { recursive: true, force: true });
    expect(loaded).toContain('packages/core/dist/parser/fast.js');
    expect(loaded).toContain('packages/core/dist/check/index.js');
    expect(loaded.filter((m) => /core\/dist\/(compile|decide|run)\/|exceljs|vscode-languageserver/.test(m))).toEqual([]);
  });

  it('ends the process when the command is done, with its exit code, not when work left on the event loop by others is', () => {
    // a preload that keeps the loop alive for 30 s (an agent's timer); kpi itself also leaves V8 background work
    // (optimising compiles, marking) that Node would otherwise wait for at the end of the loop
    const env = { NODE_OPTIONS: `--import=${pathToFileURL(join(FIXTURES, 'linger.mjs')).href}` };
    for (const [args, code] of [[['check', 'shop.kpi'], 0], [['check', 'broken.kpi', '--format', 'json'], 1], [['test', 'failing.kpi'], 1]] as const) {
      const t0 = performance.now();
      const r = kpi([...args], { env });
      const seconds = (performance.now() - t0) / 1000;
      expect(r.code, r.stderr).toBe(code);
      expect(seconds, args.join(' ')).toBeLessThan(20);
      expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0);
    }
  });

  it('a bare `kpi` prints the help on stderr and exits 2; `kpi help CMD` exits 0', () => {
    const bare = kpi([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: kpi \[options\] \[command\]/);
    const help = kpi(['help', 'score']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kpi score \[options\] <plan>/);
  });

  it.each(['check', 'test', 'score', 'explain', 'fmt', 'compile', 'init', 'diff', 'solve'])('shows an example in `kpi %s --help`', (cmd) => {
    const r = kpi([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ kpi /);
  });
});

describe('kpi init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-init-'));
  const repo = join(dir, 'repo');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scaffolds a commented plan, sample data, a CI workflow, package.json and a README', () => {
    const r = kpi(['init', 'repo'], { cwd: dir });
    expect(r.code).toBe(0);
    const files = ['店长.kpi', 'data/店长.csv', '.github/workflows/kpi.yml', 'package.json', '.gitignore', 'README.md'];
    expect(r.stdout.split('\n').filter((l) => l.startsWith('created'))).toEqual(files.map((f) => `created repo/${f}`));
    expect(r.stdout).toMatch(/\nNext: cd repo && kpi check \. && kpi test \. && kpi score 店长\.kpi --data data\/店长\.csv\n/);
    const plan = readFileSync(join(repo, '店长.kpi'), 'utf8');
    expect(plan.match(/^\s*#/gm)!.length).toBeGreaterThanOrEqual(8);
    // the workflow installs kpi from package.json, then annotates findings and runs the plan tests
    const wf = readFileSync(join(repo, '.github/workflows/kpi.yml'), 'utf8');
    const steps = [...wf.matchAll(/^\s+- (?:run|uses): (.*)$/gm)].map((m) => m[1]);
    expect(steps).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm install --no-audit --no-fund',
      'npx kpi check --format github .',
      'npx kpi test --format github .',
      // the pull-request job that posts `kpi diff` (its script is run in test/cli/decide.test.ts)
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm install --no-audit --no-fund',
    ]);
    expect(wf).not.toMatch(/\t/);
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { private: boolean; devDependencies: Record<string, string> };
    const cli = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { name: string; version: string };
    expect(pkg.private).toBe(true);
    expect(pkg.devDependencies).toEqual({ [cli.name]: `^${cli.version}` });
  });

  it('the scaffold is clean: it checks with no findings, its tests pass, it is formatted, and its sample data scores', () => {
    const c = kpi(['check', '.'], { cwd: repo });
    expect(c.stdout).toBe('no problems in 1 file\n');
    expect(c.code).toBe(0);
    // what the workflow runs
    const gh = kpi(['check', '--format', 'github', '.'], { cwd: repo });
    expect(gh.code).toBe(0);
    expect(gh.stdout).toBe('');
    const t = kpi(['test', '--format', 'github', '.'], { cwd: repo });
    expect(t.stdout).not.toMatch(/::/);
    expect(t.code).toBe(0);
    expect(t.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed');
    expect(kpi(['fmt', '--check', '.'], { cwd: repo }).code).toBe(0);
    const s = kpi(['score', '店长.kpi', '--data', 'data/店长.csv', '--format', 'json'], { cwd: repo });
    expect(s.code).toBe(0);
    expect(s.stderr).toBe('');
    expect((JSON.parse(s.stdout) as { id: string; total: number }[]).map((x) => x.id)).toEqual(['S001', 'S002', 'S003', 'S004']);
  });

  it('keeps existing files unless --force', () => {
    writeFileSync(join(repo, '店长.kpi'), '# mine\n');
    const r = kpi(['init', 'repo'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept\s+repo\/店长.kpi/);
    expect(readFileSync(join(repo, '店长.kpi'), 'utf8')).toBe('# mine\n');
    expect(kpi(['init', '--force', 'repo'], { cwd: dir }).stdout).toMatch(/created repo\/店长.kpi/);
    expect(readFileSync(join(repo, '店长.kpi'), 'utf8')).toMatch(/^# 店长月度考核/);
  });

  it('in a folder whose package.json does not bring kpi, says how to add it for the workflow', () => {
    mkdirSync(join(dir, 'existing'));
    writeFileSync(join(dir, 'existing', 'package.json'), '{"name":"hr-plans"}\n');
    const r = kpi(['init', 'existing'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept {4}existing\/package\.json \(exists; --force to overwrite\)\n {8}the CI workflow needs kpi from it: run `npm install --save-dev @kpi\/cli` there\n/);
    expect(r.stdout).not.toMatch(/package\.json lists kpi/);
    expect(readFileSync(join(dir, 'existing', 'package.json'), 'utf8')).toBe('{"name":"hr-plans"}\n');
  });

  it('says what it did in the language of the run (SPEC §8): the words from the catalogue, the paths in one column', () => {
    const zh = kpi(['init', 'zh-repo', '--lang', 'zh'], { cwd: dir });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(
      [
        ...['店长.kpi', 'data/店长.csv', '.github/workflows/kpi.yml', 'package.json', '.gitignore', 'README.md'].map((f) => `已创建  zh-repo/${f}`),
        '',
        '下一步：cd zh-repo && kpi check . && kpi test . && kpi score 店长.kpi --data data/店长.csv',
        '（package.json 已把 kpi 列为开发依赖：在该目录运行 `npm install` 后，`npx kpi` 即可使用，CI 工作流也用它运行 kpi）',
        '',
      ].join('\n'),
    );
    // a file kept, and the note under it, in Chinese; LANG=zh_CN.UTF-8 chooses the same
    mkdirSync(join(dir, 'zh-existing'));
    writeFileSync(join(dir, 'zh-existing', 'package.json'), '{"name":"hr-plans"}\n');
    const kept = kpi(['init', 'zh-existing'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    expect(kept.stdout).toMatch(/^已保留  zh-existing\/package\.json（文件已存在；加 --force 可覆盖）\n {8}CI 工作流要从这个 package\.json 安装 kpi：请在该目录运行 `npm install --save-dev @kpi\/cli`\n/m);
    expect(kept.stdout).not.toMatch(/开发依赖/);
    // a tarball copied into vendor/: `copied` in both languages, the path in the same column
    writeFileSync(join(dir, 'kpi-cli-9.9.9.tgz'), '');
    expect(kpi(['init', 'zh-vendored', '--cli', 'kpi-cli-9.9.9.tgz', '--lang', 'zh'], { cwd: dir }).stdout).toMatch(/^已复制  zh-vendored\/vendor\/kpi-cli-9\.9\.9\.tgz\n已创建  zh-vendored\/店长\.kpi\n/);
    expect(kpi(['init', 'en-vendored', '--cli', 'kpi-cli-9.9.9.tgz'], { cwd: dir }).stdout).toMatch(/^copied  en-vendored\/vendor\/kpi-cli-9\.9\.9\.tgz\ncreated en-vendored\/店长\.kpi\n/);
    // English as it always was
    const en = kpi(['init', 'en-repo', '--lang', 'en'], { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    expect(en.stdout).toMatch(/^created en-repo\/店长\.kpi\n/);
    expect(en.stdout).toMatch(/\nNext: cd en-repo && kpi check \. && kpi test \. && kpi score 店长\.kpi --data data\/店长\.csv\n\(package\.json lists kpi as a dev dependency: `npm install` there gives `npx kpi` and the CI workflow its command\)\n$/);
  });

  it('exits 2 when the target exists and is not a directory', () => {
    writeFileSync(join(dir, 'file'), '');
    const r = kpi(['init', 'file'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error KPI0952 `file` exists and is not a directory\n');
  });
});
