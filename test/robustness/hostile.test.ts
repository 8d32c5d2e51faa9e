/**
 * Issue 13, "hostile plans and files": every numbered finding of the probe as a regression test through the
 * BUILT CLI as a subprocess (item 3's fix, no self-re-spawn, came with issue 14's pipeline). The table in
 * docs/bad-inputs.md ("Hostile plans and files") lists them with the same numbers; items 1 and 10 also
 * run in real Chromium (playground/test/hostile.test.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ensureBuilt, kpi, ROOT } from '../cli/helpers.js';

const ExcelJS = createRequire(join(ROOT, 'packages/cli/package.json'))('exceljs') as typeof import('exceljs');
const root = mkdtempSync(join(tmpdir(), 'kpi-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
/** a fresh directory with shop.kpi and good.csv */
function caseDir(): string {
  const d = join(root, `c${n++}`);
  rmSync(d, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', d]);
  copyFileSync(join(FIXTURES, 'shop.kpi'), join(d, 'shop.kpi'));
  copyFileSync(join(FIXTURES, 'good.csv'), join(d, 'good.csv'));
  return d;
}
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const noCrash = (s: string) => {
  expect(s).not.toMatch(/internal error|bug in kpi|Maximum call stack|Maximum BigInt|\n\s+at /);
};

/** `metric m1 = m0 * m0` … `m<levels>` */
const chainPlan = (levels: number) =>
  ['plan 爆炸 {', '  metric m0 = x', ...Array.from({ length: levels }, (_, i) => `  metric m${i + 1} = m${i} * m${i}`), `  indicator m${levels} weight 100% target 100 scoring linear`, '}', ''].join('\n');

describe('1. exact arithmetic is bounded', () => {
  it.each([20, 60])('a %i-level chain of squares is KPI0950 in check, score and test — at once, no internal error', (levels) => {
    const d = caseDir();
    writeFileSync(join(d, 'chain.kpi'), chainPlan(levels));
    writeFileSync(join(d, 'x.csv'), '工号,x\nS1,3\nS2,1.5\n');
    for (const args of [['check', 'chain.kpi'], ['score', 'chain.kpi', '--data', 'x.csv'], ['test', 'chain.kpi'], ['compile', 'chain.kpi', '--target', 'js', '-o', 'chain.js']]) {
      const t0 = Date.now();
      const r = kpi(args, { cwd: d });
      expect(Date.now() - t0, args.join(' ')).toBeLessThan(20_000);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(1);
      expect(r.stdout + r.stderr).toMatch(/chain\.kpi:9:15 error KPI0950 metric `m7` can grow too large/);
      noCrash(r.stdout + r.stderr);
    }
  });

  it('a plan within the bound with extreme data: KPI0951 for the row, in bounded time', () => {
    const d = caseDir();
    writeFileSync(join(d, 'p.kpi'), 'plan 规模 {\n  metric 规模 = x * x * x * x * x * x * x * x * x\n  indicator 规模 weight 100% target 100 scoring linear\n}\n');
    writeFileSync(join(d, 'x.csv'), '工号,x\nS1,1e300\nS2,3\n');
    const t0 = Date.now();
    const r = kpi(['score', 'p.kpi', '--data', 'x.csv', '-o', 'out.csv'], { cwd: d });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.csv:2 error KPI0951 row 2 \(`S1`\): an exact intermediate value of this row grew beyond 8256 bits/);
    expect(r.stderr).not.toMatch(/row 3/);
    expect(existsSync(join(d, 'out.csv'))).toBe(false);
    noCrash(r.stderr);
  });
});

describe('2. signals end a busy run at once; its temp file is removed by the next run', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s', async (signal) => {
    ensureBuilt();
    const d = caseDir();
    const lines = ['工号,姓名,销售额,流失率,满意度,创新'];
    for (let i = 0; i < 200_000; i++) lines.push(`E${i},员工${i},${80 + (i % 50)}%,${i % 9}%,${1 + (i % 5)},${i % 3}`);
    writeFileSync(join(d, 'big.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(d, 'r.csv'), 'last month\n');
    const before = sha(join(d, 'r.csv'));
    const child = spawn(process.execPath, [BIN, 'score', 'shop.kpi', '--data', 'big.csv', '-o', 'r.csv'], { cwd: d, stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: string | null }>((res) => child.on('exit', (code, sig) => res({ code, signal: sig })));
    const temps = () => readdirSync(d).filter((f) => f.startsWith('.r.csv.') && f.endsWith('.tmp'));
    const t0 = Date.now();
    while (temps().length === 0 && Date.now() - t0 < 30_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    expect(temps()).toHaveLength(1);
    const killedAt = Date.now();
    child.kill(signal);
    // no JS handler: the system ends the process (a JS handler would wait for the busy event loop)
    expect(await exited).toEqual({ code: null, signal });
    expect(Date.now() - killedAt).toBeLessThan(2_000);
    expect(sha(join(d, 'r.csv'))).toBe(before);
    // the next write beside r.csv removes the dead run's temp file
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', 'r.csv'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(temps()).toEqual([]);
  }, 120_000);
});

describe('3. a data file of 16 MB or more is scored in the process the user started: kill -9 leaves nothing behind', () => {
  it('no child process while scoring 17 MB, and nothing written after the kill', async () => {
    ensureBuilt();
    const d = caseDir();
    const lines = ['工号,姓名,销售额,流失率,满意度,创新'];
    for (let i = 0; lines.length * 40 < 17.5 * 1024 * 1024; i++) lines.push(`E${String(i).padStart(9, '0')},员工${i % 1000},${80 + (i % 50)}.5%,${i % 9}.25%,${1 + (i % 5)},${i % 3}`);
    writeFileSync(join(d, 'big.csv'), `${lines.join('\n')}\n`);
    expect(statSync(join(d, 'big.csv')).size).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    const child = spawn(process.execPath, [BIN, 'score', 'shop.kpi', '--data', 'big.csv', '-o', 'out.csv'], { cwd: d, stdio: 'ignore' });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    const temps = () => readdirSync(d).filter((f) => f.startsWith('.out.csv.') && f.endsWith('.tmp'));
    const t0 = Date.now();
    // scoring has begun once its temp file exists; by then a re-spawning build had started its child
    while (temps().length === 0 && Date.now() - t0 < 30_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    expect(child.exitCode).toBeNull();
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim();
    expect(children).toBe('');
    child.kill('SIGKILL');
    await exited;
    // the old build's orphan replaced out.csv ~15 s after the kill; give anything left 5 s to show itself
    await new Promise((r) => setTimeout(r, 5_000));
    expect(existsSync(join(d, 'out.csv'))).toBe(false);
  }, 120_000);
});

/** a zip archive of the given parts (deflated), or with lying declared sizes */
function zip(parts: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const comp = deflateRawSync(p.data);
    const size = p.declared ?? p.data.length;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    central.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('4. an XLSX is checked before it is inflated', () => {
  it('shared strings that unpack to 64 MB from a small file: KPI0830, nothing inflated', () => {
    const d = caseDir();
    writeFileSync(join(d, 'bomb.xlsx'), zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/sharedStrings.xml', data: Buffer.alloc(64 * 1024 * 1024, 0x41) }]));
    expect(statSync(join(d, 'bomb.xlsx')).size).toBeLessThan(1024 * 1024);
    const r = kpi(['score', 'shop.kpi', '--data', 'bomb.xlsx', '-o', 'out.csv'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bomb\.xlsx error KPI0830 `bomb\.xlsx` would unpack to more than 32 MB \(part `xl\/sharedStrings\.xml` alone is 64 MB\)/);
    expect(existsSync(join(d, 'out.csv'))).toBe(false);
    noCrash(r.stderr);
  });

  it('a zip header that lies about the size: KPI0830, inflated only up to the declared size', () => {
    const d = caseDir();
    writeFileSync(join(d, 'liar.xlsx'), zip([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x41), declared: 1000 }]));
    const r = kpi(['score', 'shop.kpi', '--data', 'liar.xlsx'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KPI0830 part `xl\/sharedStrings\.xml` of `liar\.xlsx` unpacks to more than the 0\.0 MB its zip header declares/);
    expect(r.stderr).not.toMatch(/size mismatch|Bug:/);
  });
});

describe('5. a hidden sheet is not scored silently', () => {
  it('the first visible sheet is read, with KPI0831; --sheet may still name the hidden one', async () => {
    const d = caseDir();
    const wb = new ExcelJS.Workbook();
    const decoy = wb.addWorksheet('草稿', { state: 'hidden' });
    const real = wb.addWorksheet('五月');
    const head = ['工号', '姓名', '销售额', '流失率', '满意度', '创新'];
    decoy.addRow(head);
    decoy.addRow(['S001', '张伟', '10%', '50%', 1, 0]);
    real.addRow(head);
    real.addRow(['S001', '张伟', '100%', '5%', 5, 0]);
    await wb.xlsx.writeFile(join(d, 'h.xlsx'));
    const r = kpi(['score', 'shop.kpi', '--data', 'h.xlsx', '--format', 'csv'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/h\.xlsx warning KPI0831 skipped hidden sheet `草稿` of `h\.xlsx`; read `五月`, the first visible one/);
    expect(r.stdout).toMatch(/S001,100,A/);
    const hidden = kpi(['score', 'shop.kpi', '--data', 'h.xlsx', '--sheet', '草稿', '--format', 'csv'], { cwd: d });
    expect(hidden.stdout).toMatch(/S001,/);
    expect(hidden.stdout).not.toMatch(/S001,100,/);
  });
});

describe('6. JSON nested 10,000 deep in a cell', () => {
  it('is KPI0832 with its line and column, no stack overflow', () => {
    const d = caseDir();
    writeFileSync(join(d, 'deep.json'), `[{"工号":"S001","销售额":"100%","流失率":"5%","满意度":5,"备注":${'['.repeat(10_000)}${']'.repeat(10_000)}}]`);
    const r = kpi(['score', 'shop.kpi', '--data', 'deep.json'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/deep\.json error KPI0832 the JSON data file nests arrays or objects more than 64 deep \(line 1, column 114\)/);
    noCrash(r.stderr);
  });
});

describe('7. a huge single-line CSV header', () => {
  it('5 MB in one header cell: the missing columns are reported quickly (did-you-mean is bounded by length)', () => {
    const d = caseDir();
    writeFileSync(join(d, 'wide.csv'), `工号,${'销'.repeat(5_000_000)}\nS001,1\n`);
    const t0 = Date.now();
    const r = kpi(['score', 'shop.kpi', '--data', 'wide.csv'], { cwd: d });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/KPI0804/g)).toHaveLength(3);
    noCrash(r.stderr);
  });
});

describe('8. write errors are coded; a stdout run needs no $TMPDIR', () => {
  it('a full disk (/dev/full) is KPI0952, not an internal error', () => {
    if (!existsSync('/dev/full')) return;
    const d = caseDir();
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv', '-o', '/dev/full'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/full error KPI0952 cannot write `\/dev\/full`: the disk is full/);
    noCrash(r.stderr);
  });

  it('a missing folder is KPI0952 naming the file as given, never a temp file', () => {
    const d = caseDir();
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', 'nope/out.csv'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\/out\.csv error KPI0952 cannot write `nope\/out\.csv`: the folder .*nope` does not exist/);
    expect(r.stderr).not.toMatch(/\.tmp/);
  });

  it('stdout with an unusable $TMPDIR scores as usual', () => {
    const d = caseDir();
    const plain = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv'], { cwd: d });
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv'], { cwd: d, env: { TMPDIR: join(d, 'no-such-dir') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stdout.split('\n').length).toBeGreaterThan(4);
  });
});

describe('9. lookalike ids are one person', () => {
  const data = '工号,姓名,销售额,流失率,满意度,创新\nS001,张伟,100%,4%,5,1\nS001\u200b,王芳,90%,5%,4,1\nＳ００１,李娜,90%,5%,4,1\nS002,刘洋,90%,5%,4,1\n';
  it('score: KPI0808 for the zero-width and the full-width twin, the invisible character shown', () => {
    const d = caseDir();
    writeFileSync(join(d, 'look.csv'), data);
    const r = kpi(['score', 'shop.kpi', '--data', 'look.csv'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/look\.csv:3 error KPI0808 id `S001⟨U\+200B⟩` in row 3 was already used in row 2/);
    expect(r.stderr).toMatch(/look\.csv:4 error KPI0808 id `Ｓ００１` in row 4 was already used in row 2/);
  });
  it('explain --id S001 does not pick one silently', () => {
    const d = caseDir();
    writeFileSync(join(d, 'look.csv'), data);
    const r = kpi(['explain', 'shop.kpi', '--data', 'look.csv', '--id', 'S001'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KPI0808 id `S001` is in 3 rows: row 2 \(`S001`\), row 3 \(`S001⟨U\+200B⟩`\), row 4 \(`Ｓ００１`\)/);
    expect(r.stdout).toBe('');
    const ok = kpi(['explain', 'shop.kpi', '--data', 'look.csv', '--id', 'S002'], { cwd: d });
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('11–12. -o keeps the mode, follows symlinks and writes into special files like cp', () => {
  it('a 0600 report stays 0600 (score, compile, fmt)', () => {
    const d = caseDir();
    for (const [file, args] of [
      ['r.csv', ['score', 'shop.kpi', '--data', 'good.csv', '-o', 'r.csv']],
      ['r.js', ['compile', 'shop.kpi', '--target', 'js', '-o', 'r.js']],
    ] as const) {
      writeFileSync(join(d, file), 'old\n');
      chmodSync(join(d, file), 0o600);
      const r = kpi([...args], { cwd: d });
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(join(d, file)).mode & 0o777, file).toBe(0o600);
      expect(readFileSync(join(d, file), 'utf8')).not.toBe('old\n');
    }
    writeFileSync(join(d, 'u.kpi'), 'plan 小店 {\n  indicator a   weight 100% target 1 scoring linear\n}\n');
    chmodSync(join(d, 'u.kpi'), 0o600);
    expect(kpi(['fmt', 'u.kpi'], { cwd: d }).code).toBe(0);
    expect(statSync(join(d, 'u.kpi')).mode & 0o777).toBe(0o600);
  });

  it('a symlink stays a symlink; the file it points at is replaced', () => {
    const d = caseDir();
    writeFileSync(join(d, 'real.csv'), 'old\n');
    symlinkSync('real.csv', join(d, 'link.csv'));
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', 'link.csv'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real.csv'), 'utf8')).toMatch(/^\ufeff工号/);
  });

  it('a FIFO is written into, not replaced by a regular file', async () => {
    const d = caseDir();
    if (spawnSync('mkfifo', [join(d, 'f')]).status !== 0) return;
    const reader = spawn('cat', [join(d, 'f')]);
    let got = '';
    reader.stdout.on('data', (b: Buffer) => (got += b.toString()));
    const done = new Promise((res) => reader.on('exit', res));
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv', '-o', 'f'], { cwd: d });
    await done;
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(d, 'f')).isFIFO()).toBe(true);
    expect(got).toMatch(/S001,105,A/);
  });

  it('-o /dev/null (as root) leaves the device a device', () => {
    if (process.getuid?.() !== 0) return;
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv', '-o', '/dev/null'], { cwd: caseDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('13. 33 nested groups', () => {
  it('are one KPI0108, without follow-on errors', () => {
    const d = caseDir();
    const lines = ['plan 深 {'];
    for (let i = 0; i < 33; i++) lines.push(`${'  '.repeat(i + 1)}group g${i} weight 100% {`);
    lines.push(`${'  '.repeat(34)}indicator a weight 100% target 100 scoring linear`);
    for (let i = 32; i >= 0; i--) lines.push(`${'  '.repeat(i + 1)}}`);
    lines.push('}');
    writeFileSync(join(d, 'deep.kpi'), `${lines.join('\n')}\n`);
    const r = kpi(['check', '--format', 'json', 'deep.kpi'], { cwd: d });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { code: string }[]).map((x) => x.code)).toEqual(['KPI0108']);
  });
});

describe('14. kpi check with an unreadable file among others', () => {
  it.each(['json', 'sarif', 'terminal'])('--format %s: a coded finding per unreadable file, the others still checked, exit 2', (format) => {
    const d = caseDir();
    writeFileSync(join(d, 'logo.kpi'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(d, 'gbk.kpi'), Buffer.from([0x70, 0x6c, 0x61, 0x6e, 0x20, 0xd0, 0xa1, 0xb5, 0xea, 0x20, 0x7b, 0x7d]));
    copyFileSync(join(FIXTURES, 'broken.kpi'), join(d, 'broken.kpi'));
    const r = kpi(['check', '--format', format, 'broken.kpi', 'gbk.kpi', 'logo.kpi', 'shop.kpi'], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/KPI0953/);
    expect(r.stdout).toMatch(/`logo\.kpi` is a binary file, not a plan/);
    expect(r.stdout).not.toMatch(/`logo\.kpi` is GBK/);
    expect(r.stdout).toMatch(/`gbk\.kpi` is GBK/);
    expect(r.stdout).toMatch(/KPI0402/); // broken.kpi's own finding is kept
    if (format === 'json') expect(new Set((JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file))).toEqual(new Set(['broken.kpi', 'gbk.kpi', 'logo.kpi']));
  });
});
