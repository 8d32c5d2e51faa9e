/**
 * `kpi score` input as people have it: values written every way a person writes them, a GBK CSV as
 * Excel saves it (CRLF, no BOM), XLSX sheets by number; the percent-mistake warning; the progress bar
 * (stderr only, only on a terminal).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import { BIN, FIXTURES, kpi, ROOT } from './helpers.js';

const ExcelJS = createRequire(join(ROOT, 'packages/cli/package.json'))('exceljs') as typeof import('exceljs');

const tmp = mkdtempSync(join(tmpdir(), 'kpi-values-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('values as people write them', () => {
  it('reads ¥/￥/RMB amounts, grouping commas, decimals and full-width digits and commas alike', () => {
    const r = kpi(['score', 'money.kpi', '--data', 'values-money.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // every row is 1,200,000 against a target of 1,000,000
    expect(r.stdout.split('\r\n').slice(1, -1)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((id) => `${id},120,120`));
  });

  it('reads 90%, 0.9, ９０％, `90.0 %` and mixed full-width forms alike', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'values-percent.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    // every form reads alike; the column that mixes them is worth a look (KPI0819, SPEC §6), nothing else is said
    expect(r.stderr.split('\n').filter((l) => /warning|error/.test(l)).map((l) => /KPI\d+/.exec(l)?.[0])).toEqual(['KPI0819', 'KPI0819']);
    expect(r.stdout.split('\r\n').slice(1, -1)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => `${id},82,B,1,2,90,50,80`));
  });

  it('warns when a value looks like a percent written without % (95 where the target is 98%), naming row, column and value', () => {
    writeFileSync(join(tmp, 'p98.kpi'), 'plan 准确率考核 {\n  indicator 准确率 weight 100% target 98% scoring linear\n}\n');
    writeFileSync(join(tmp, 'p98.csv'), '工号,准确率\nA,95\nB,0.97\n');
    const r = kpi(['score', 'p98.kpi', '--data', 'p98.csv', '--format', 'json'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^p98\.csv:2 warning KPI0813 `95` in column `准确率`, row 2, reads as 9500%, but the target is 98%\n/);
    expect(r.stderr).toMatch(/help: if it is a percent, write `95%` \(or `0\.95`\)/);
    // the KPI0813 finding names the row of `95` only (KPI0819 lists each way of writing a percent)
    expect(r.stderr.split('\n').find((l) => l.includes('KPI0813'))).not.toMatch(/row 3/);
  });

  it('with --strict the percent warning fails the run: exit 2, nothing written', () => {
    writeFileSync(join(tmp, 'p98s.kpi'), 'plan 准确率考核 {\n  indicator 准确率 weight 100% target 98% scoring linear\n}\n');
    writeFileSync(join(tmp, 'p98s.csv'), '工号,准确率\nA,95\nB,0.97\n');
    const r = kpi(['score', 'p98s.kpi', '--data', 'p98s.csv', '--strict', '-o', 'p98s-out.csv'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/warning KPI0813 `95` in column `准确率`/);
    expect(r.stderr).toMatch(/2 data warnings in `p98s\.csv`; nothing was scored \(`--strict` makes warnings fail\)\n$/);
    expect(existsSync(join(tmp, 'p98s-out.csv'))).toBe(false);
    expect(kpi(['score', 'p98s.kpi', '--data', 'p98s.csv', '-o', 'p98s-out.csv'], { cwd: tmp }).code).toBe(0);
  });
});

describe('files as Excel saves them', () => {
  it('a GBK CSV saved by Excel (CRLF, no BOM) scores identically to its UTF-8 twin, detected or with --encoding', () => {
    const gbk = readFileSync(join(FIXTURES, 'good-gbk.csv'));
    // GBK trail bytes are never 0x0A, so this only changes line ends
    const excel = Buffer.from(gbk.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    expect(excel.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    writeFileSync(join(tmp, '五月-excel.csv'), excel);
    const base = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'json']);
    expect(base.code).toBe(0);
    for (const extra of [[], ['--encoding', 'gbk'], ['--encoding', 'GB18030']]) {
      const r = kpi(['score', 'shop.kpi', '--data', join(tmp, '五月-excel.csv'), '--format', 'json', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(base.stdout);
    }
    const table = kpi(['score', 'shop.kpi', '--data', join(tmp, '五月-excel.csv')]);
    expect(table.stdout).toBe(kpi(['score', 'shop.kpi', '--data', 'good.csv']).stdout);
  });

  it('Excel’s “Unicode Text” (UTF-16LE with BOM, tab-separated, CRLF) scores identically too', () => {
    const text = readFileSync(join(FIXTURES, 'good.csv'), 'utf8').replace(/,/g, '\t').replace(/\n/g, '\r\n');
    writeFileSync(join(tmp, '五月.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = kpi(['score', 'shop.kpi', '--data', join(tmp, '五月.txt'), '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv']).stdout);
  });

  it('a GBK file read as UTF-8 is a data error that suggests --encoding gbk', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'good-gbk.csv', '--encoding', 'utf8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KPI0801 `good-gbk\.csv` is not valid UTF-8 \(bad bytes near byte 0\)\n {2}= help: pass `--encoding gbk` if it was saved by Excel in Chinese\n/);
  });

  it('picks an XLSX sheet by 1-based number as well as by name', () => {
    const byName = kpi(['score', 'shop.kpi', '--data', 'good.xlsx', '--sheet', '五月', '--format', 'csv']);
    const byNumber = kpi(['score', 'shop.kpi', '--data', 'good.xlsx', '--sheet', '2', '--format', 'csv']);
    expect(byName.code).toBe(0);
    expect(byNumber.stdout).toBe(byName.stdout);
  });

  it('leaves no XLSX report behind when the data has errors', () => {
    const out = join(tmp, '结果.xlsx');
    const r = kpi(['score', 'shop.kpi', '--data', 'bad-value.csv', '-o', out]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('kpi score --keep', () => {
  it('copies named data columns after the id into table, CSV (neutralised) and JSON', () => {
    const table = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--keep', '姓名']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('工号  姓名    总分  等级  绩效系数  加分  销售额 得分  流失率 得分  满意度 得分');
    expect(table.stdout.split('\n')[3]).toBe('S002  王芳   82.00  B            1     2           90           50           80');
    const csv = kpi(['score', 'shop.kpi', '--data', 'injection.csv', '--keep', '姓名', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').slice(1, -1).map((l) => l.split(',')[1])).toEqual(["'=1+2", "'@SUM(A1)", '丙', '丁']);
    const json = JSON.parse(kpi(['score', 'shop.kpi', '--data', 'good.csv', '--keep', '姓名', '--format', 'json']).stdout) as { id: string; columns: Record<string, string> }[];
    expect(json.map((x) => [x.id, x.columns])).toEqual([
      ['S001', { 姓名: '张伟' }],
      ['S002', { 姓名: '王芳' }],
      ['S003', { 姓名: '李娜' }],
      ['S004', { 姓名: '刘洋' }],
    ]);
  });

  it('puts the kept columns into the XLSX report as text, with Chinese headers', async () => {
    const out = join(tmp, '带姓名.xlsx');
    const r = kpi(['score', 'shop.kpi', '--data', 'good.xlsx', '--sheet', '五月', '--keep', '姓名', '-o', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['工号', '姓名', '总分']);
    expect((ws.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['S002', '王芳', 82]);
  });

  it('a --keep column that is not in the data is a usage error listing the columns', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--keep', '姓名，部门']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error KPI0006 `部门` given with `--keep` is not a column of `good.csv`\n  = help: its columns are `工号`, `姓名`, `销售额`, `流失率`, `满意度`, `创新`\n');
  });
});

describe('mistakes a newcomer makes', () => {
  it('a data file given without --data gets the corrected command', () => {
    const r = kpi(['score', 'shop.kpi', 'good.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error KPI0006 required option '-d, --data <file>' not specified\n  = help: name the data file with `--data`: `kpi score shop.kpi --data good.csv`\n");
    const ex = kpi(['explain', 'shop.kpi', 'good.csv', '--id', 'S001']);
    expect(ex.code).toBe(2);
    expect(ex.stderr).toMatch(/`kpi explain shop\.kpi --data good\.csv`/);
    const extra = kpi(['score', 'shop.kpi', '--data', 'good.csv', 'more.kpi']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^error KPI0006 unexpected argument `more\.kpi`\n/);
  });

  it('a data file given to check, test or fmt is refused; a glob takes only the .kpi files it matches', () => {
    for (const cmd of ['check', 'test', 'fmt']) {
      const r = kpi([cmd, 'good.csv']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('good.csv error KPI0002 `good.csv` is a data file, not a plan\n  = help: this command takes plan files (.kpi); score data with `kpi score PLAN.kpi --data good.csv`\n');
    }
    const all = kpi(['check', 'examples/*'], { cwd: ROOT });
    expect(all.stdout).toMatch(/ in 12 files\n$/);
    const data = kpi(['check', 'examples/data/*'], { cwd: ROOT });
    expect(data.code).toBe(2);
    expect(data.stderr).toBe('error KPI0004 no plan files (.kpi) match `examples/data/*`\n');
  });

  it('explain offers the id that differs only in case, width or spaces', () => {
    for (const id of ['s002', 'Ｓ００２']) {
      const r = kpi(['explain', 'shop.kpi', '--data', 'good.csv', '--id', id]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`KPI0816 no row has id \`${id}\`\n {2}= help: did you mean \`S002\`\\?\n`));
    }
  });
});

describe('a table wider than the terminal', () => {
  const onTty = (cols: number) =>
    spawnSync('script', ['-qec', `stty cols ${cols}; ${[process.execPath, BIN, 'score', 'shop.kpi', '--data', 'good.csv'].map((a) => JSON.stringify(a)).join(' ')}`, '/dev/null'], {
      cwd: FIXTURES,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', NO_COLOR: '1' },
      timeout: 60_000,
    });

  it.skipIf(!hasScript)('gets a note pointing at -o 结果.xlsx; a table that fits gets none', () => {
    const narrow = onTty(40);
    expect(narrow.status).toBe(0);
    expect(narrow.stdout).toMatch(/note: the table is \d+ columns wide and the terminal 40; for a spreadsheet: -o 结果\.xlsx \(or --format csv\)/);
    const wide = onTty(200);
    expect(wide.stdout).toMatch(/S004 {3}93\.00/);
    expect(wide.stdout).not.toMatch(/note:/);
  });
});

describe('output paths', () => {
  it('a missing folder or a folder given as the output is a usage error that names it, not the temp file', () => {
    const missing = kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', join(tmp, 'no-such-dir', '结果.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`error KPI0952 cannot write \`${join(tmp, 'no-such-dir', '结果.csv')}\`: the folder \`${join(tmp, 'no-such-dir')}\` does not exist\n`);
    const folder = kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', tmp]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^error KPI0952 cannot write `.*`: it is a folder\n/);
    const compile = kpi(['compile', 'shop.kpi', '-o', join(tmp, 'no-such-dir', 'x.mjs')]);
    expect(compile.code).toBe(2);
    expect(compile.stderr).toMatch(/the folder `.*no-such-dir` does not exist/);
  });
});

describe('progress bar', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const fakeIo = (isTTY: boolean, env: Record<string, string> = {}) => {
    const written: string[] = [];
    const stderr = { isTTY, write: (s: string) => (written.push(s), true) };
    return { io: { stdout: { write: () => true }, stderr, env, cwd: '/' }, written };
  };

  it('draws on a TTY only after a second, at most every 200 ms, and clears its line when done', async () => {
    const { Progress } = (await import(pathToFileURL(join(ROOT, 'packages/cli/dist/progress.js')).href)) as typeof import('../../packages/cli/src/progress.js');
    vi.useFakeTimers({ now: 0 });
    const { io, written } = fakeIo(true);
    const p = new Progress(io as never, 'ui.progress.scoring');
    p.tick(1000, 10, 100);
    expect(written).toEqual([]);
    vi.setSystemTime(1500);
    p.tick(150_000, 50, 100);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\rscoring \[█{12}░{12}\] 50% {2}150,000 rows {2}100,000 rows\/s\u001b\[K$/);
    vi.setSystemTime(1600);
    p.tick(160_000, 55, 100);
    expect(written).toHaveLength(1);
    vi.setSystemTime(1800);
    p.tick(180_000, 100, 100);
    expect(written[1]).toMatch(/\[█{24}\] 100%/);
    p.done();
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('stays silent when stderr is not a TTY or CI is set', async () => {
    const { Progress } = (await import(pathToFileURL(join(ROOT, 'packages/cli/dist/progress.js')).href)) as typeof import('../../packages/cli/src/progress.js');
    vi.useFakeTimers({ now: 0 });
    for (const { io, written } of [fakeIo(false), fakeIo(true, { CI: 'true' })]) {
      const p = new Progress(io as never, 'ui.progress.scoring');
      vi.setSystemTime(5000);
      p.tick(1, 1, 2);
      p.done();
      expect(written).toEqual([]);
    }
  });

  it('says what is going on and counts rows in the run\'s language (ui.progress.*)', async () => {
    const { Progress } = (await import(pathToFileURL(join(ROOT, 'packages/cli/dist/progress.js')).href)) as typeof import('../../packages/cli/src/progress.js');
    const lineOf = (lang: 'zh' | 'en' | undefined, label: 'ui.progress.scoring' | 'ui.progress.checking-ids') => {
      vi.useFakeTimers({ now: 0 });
      const { io, written } = fakeIo(true);
      const p = new Progress({ ...io, ...(lang ? { lang } : {}) } as never, label);
      vi.setSystemTime(2000);
      p.tick(12_345, 50, 100);
      return written.join('');
    };
    expect(lineOf('zh', 'ui.progress.scoring')).toBe('\r计分中 [████████████░░░░░░░░░░░░] 50%  12,345 行  6,173 行/秒\u001b[K');
    expect(lineOf('zh', 'ui.progress.checking-ids')).toMatch(/^\r核对编号 \[/);
    // English as before, also when no language is set
    const en = '\rscoring [████████████░░░░░░░░░░░░] 50%  12,345 rows  6,173 rows/s\u001b[K';
    expect(lineOf('en', 'ui.progress.scoring')).toBe(en);
    expect(lineOf(undefined, 'ui.progress.scoring')).toBe(en);
    expect(lineOf('en', 'ui.progress.checking-ids')).toMatch(/^\rchecking ids \[/);
  });

  describe('on a real run of 300,000 rows', () => {
    const big = join(tmp, 'big.csv');
    const lines = ['工号,姓名,销售额,流失率,满意度,创新'];
    // the name cell quoted: the rows take the library CSV parser, slower than the raw reader (issue 14), so
    // that the run lasts past the progress bar's first second and can be interrupted half-way
    for (let i = 0; i < 300_000; i++) lines.push(`E${i},"x",${80 + (i % 50)}%,${1 + (i % 9)}%,${1 + (i % 5)},${i % 3}`);

    it.skipIf(!hasScript)('shows the bar on a terminal’s stderr, keeps it out of the report, and clears it', () => {
      writeFileSync(big, `${lines.join('\n')}\n`);
      const out = join(tmp, 'big-tty.csv');
      const cmd = [process.execPath, BIN, 'score', join(FIXTURES, 'shop.kpi'), '--data', big, '--format', 'csv', '-o', out].map((a) => JSON.stringify(a)).join(' ');
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', NO_COLOR: '1' };
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env, timeout: 120_000 });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/\rscoring \[[█░]{24}\] \d+% {2}[\d,]+ rows {2}[\d,]+ rows\/s\u001b\[K/);
      expect(r.stdout).toMatch(/\r\u001b\[K✓ scored 300,?000 rows → /);
      const report = readFileSync(out, 'utf8');
      expect(report).not.toMatch(/scoring|\u001b/);
      expect(report.split('\r\n')).toHaveLength(300_002);
    });

    it('Ctrl-C in the middle ends the run at once and leaves the old report untouched; the next run clears the temp file', async () => {
      if (!existsSync(big)) writeFileSync(big, `${lines.join('\n')}\n`);
      const dir = mkdtempSync(join(tmp, 'sigint-'));
      writeFileSync(join(dir, 'out.csv'), 'old report\n');
      const child = spawn(process.execPath, [BIN, 'score', join(FIXTURES, 'shop.kpi'), '--data', big, '-o', join(dir, 'out.csv')], { stdio: 'ignore' });
      const exited = new Promise<string | null>((res) => child.on('exit', (_code, signal) => res(signal)));
      // wait until the temp file exists, i.e. the run is writing
      for (let i = 0; i < 400 && !readdirSync(dir).some((f) => f.endsWith('.tmp')); i++) await new Promise((r) => setTimeout(r, 25));
      expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
      child.kill('SIGINT');
      // no JS handler can be starved by a busy run (issue 13): the signal ends the process
      expect(await exited).toBe('SIGINT');
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('old report\n');
      // the killed run's temp file goes with the next write beside the same target
      expect(kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', join(dir, 'out.csv')]).code).toBe(0);
      expect(readdirSync(dir)).toEqual(['out.csv']);
    });

    it('writes nothing but the final line to a stderr that is not a terminal', () => {
      if (!existsSync(big)) writeFileSync(big, `${lines.join('\n')}\n`);
      const out = join(tmp, 'big-pipe.csv');
      const r = kpi(['score', 'shop.kpi', '--data', big, '-o', out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`✓ scored 300000 rows → ${out}\n`);
    });
  });
});
