/**
 * grammar/diagnostics/<CODE>.md pages: every catalogue code has one, and each page's examples are real.
 *
 * A page has a `## Wrong` and a `## Right` section. How they are verified depends on the code's phase:
 * - KPI01xx–KPI07xx (syntax and checker): the ```kpi block under "Wrong" produces the code with analyze();
 *   the one under "Right" produces no diagnostic at all.
 * - KPI00xx (command line), KPI08xx (data) and KPI09xx (run): a section holds a ```kpi plan, a data block (```csv, or ```json
 *   for JSON data) and a ```sh line with the command a user runs (`kpi score 店长.kpi --data 五月.csv`).
 *   The plan and the data are written under the names the command uses, into a temp dir, and the BUILT
 *   CLI runs there as a subprocess. Wrong: the output (stdout + stderr) names the code, and the exit code
 *   is non-zero for an error (0 for a warning: warnings alone do not fail). Right: exit 0 and no code at
 *   all in the output. A `--data` file ending in `.xlsx` is built from the section's ```csv blocks, one
 *   sheet per block, named by `sheet=NAME` in the block's info string. "Right" may leave out a block that
 *   does not change: it then uses the one of "Wrong".
 * - Codes the CLI cannot reach because the checker stops first (COMPILE_ONLY) hold only a ```kpi block:
 *   the wrong plan's compilePlan() diagnostics contain the code; the right plan is clean and compiles.
 * - A page whose example cannot be run is marked `<!-- examples: described, not run (reason) -->` and
 *   must be listed in DESCRIBED.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../packages/core/src/check/index.js';
import { compilePlan } from '../packages/core/src/compile/index.js';
import { runPlanTests } from '../packages/core/src/run/tests.js';
import { CATALOGUE } from '../packages/core/src/diagnostics/catalogue.js';
import { ensureBuilt, kpi, ROOT, type Run } from './cli/helpers.js';

const dir = join(import.meta.dirname, '../grammar/diagnostics');
const pagePath = (code: string) => join(dir, `${code}.md`);
const page = (code: string) => readFileSync(pagePath(code), 'utf8');

/** run codes whose wrong plan never gets past the checker: shown with compilePlan() (API, not the CLI) */
const COMPILE_ONLY = ['KPI0910', 'KPI0912', 'KPI0913', 'KPI0914'];
/** codes the CLI reports without printing the code itself: the code is checked on the API's diagnostics */
const NOT_PRINTED: Record<string, string> = {};
/** pages whose examples are described in prose, not run */
const DESCRIBED: string[] = ['KPI0002', 'KPI0830', 'KPI0831', 'KPI0953'];
const DESCRIBED_MARK = /<!-- examples: described, not run \((.+?)\) -->/;

const codes = [...CATALOGUE.keys()].sort();
// KPI10xx (SPEC §7 money and cycles): 1001–1049 are plan checks, 1050–1099 data and runs; KPI11xx the SQL target
const planCodes = codes.filter((c) => /^KPI0[1-7]|^KPI10[0-4]/.test(c));
const cliCodes = codes.filter((c) => /^KPI0[089]|^KPI10[5-9]|^KPI11/.test(c) && !COMPILE_ONLY.includes(c) && !DESCRIBED.includes(c));

interface Block {
  lang: string;
  info: string;
  body: string;
}

/** the text of a `## heading` section, up to the next `## ` heading */
export function section(md: string, heading: string): string | undefined {
  const m = new RegExp(`^## ${heading}[ \\t]*$`, 'm').exec(md);
  if (!m) return undefined;
  const rest = md.slice(m.index + m[0].length);
  const next = rest.search(/^## /m);
  return next < 0 ? rest : rest.slice(0, next);
}

/** fenced code blocks of a section, with their language and the rest of the info string */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^```(\S*)[ \t]*([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ lang: m[1]!, info: m[2]!.trim(), body: m[3]! });
  return out;
}

/** the first ```kpi block of the `## heading` section */
export function exampleUnder(md: string, heading: string): string | undefined {
  const s = section(md, heading);
  return s === undefined ? undefined : blocks(s).find((b) => b.lang === 'kpi')?.body;
}

interface Example {
  plan?: string;
  /** ```csv blocks (several only for an XLSX workbook) or one ```json block */
  data: Block[];
  sh?: string;
}

function exampleOf(md: string, heading: string, base?: Example): Example {
  const bs = blocks(section(md, heading) ?? '');
  const data = bs.filter((b) => b.lang === 'csv' || b.lang === 'json');
  const plan = bs.find((b) => b.lang === 'kpi')?.body ?? base?.plan;
  const sh = bs.find((b) => b.lang === 'sh')?.body.trim() ?? base?.sh;
  const ex: Example = { data: data.length ? data : (base?.data ?? []) };
  if (plan !== undefined) ex.plan = plan;
  if (sh !== undefined) ex.sh = sh;
  return ex;
}

/** `kpi score 店长.kpi --data 五月.csv` → the arguments after `kpi` */
function argsOf(sh: string): string[] {
  const lines = sh.split('\n').filter((l) => l.trim() !== '');
  expect(lines, 'one command in the ```sh block').toHaveLength(1);
  const words = lines[0]!.replace(/^\$\s*/, '').trim().split(/\s+/);
  expect(words[0], 'the command is `kpi ...`').toBe('kpi');
  return words.slice(1);
}

const require = createRequire(join(ROOT, 'packages/cli/package.json'));
const ExcelJS = require('exceljs') as typeof import('exceljs');

async function writeData(path: string, data: Block[]): Promise<void> {
  if (path.toLowerCase().endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    for (const b of data) {
      expect(b.lang, 'an XLSX workbook is written as ```csv blocks').toBe('csv');
      const name = /(?:^|\s)sheet=(\S+)/.exec(b.info)?.[1];
      expect(name, '```csv sheet=NAME names the sheet').toBeDefined();
      const ws = wb.addWorksheet(name);
      for (const line of b.body.split('\n').filter((l) => l !== '')) ws.addRow(line.split(','));
    }
    await wb.xlsx.writeFile(path);
    return;
  }
  expect(data, 'one data block').toHaveLength(1);
  writeFileSync(path, data[0]!.body);
}

const tmp = mkdtempSync(join(tmpdir(), 'kpi-diagnostic-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** write the example's files under the names its command uses and run the built CLI in that dir */
async function runCli(code: string, which: string, ex: Example): Promise<Run & { args: string[]; output: string }> {
  expect(ex.plan, 'a ```kpi plan').toBeDefined();
  expect(ex.sh, 'a ```sh command').toBeDefined();
  const args = argsOf(ex.sh!);
  const cwd = mkdtempSync(join(tmp, `${code}-${which}-`));
  const planFile = args.find((a) => a.endsWith('.kpi'));
  expect(planFile, 'the command names a .kpi file').toBeDefined();
  writeFileSync(join(cwd, planFile!), ex.plan!);
  const d = args.findIndex((a) => a === '--data' || a === '-d');
  if (d >= 0) {
    expect(ex.data.length, `a data block for ${args[d + 1]}`).toBeGreaterThan(0);
    await writeData(join(cwd, args[d + 1]!), ex.data);
  } else expect(ex.data, 'a data block is only given with `--data`').toEqual([]);
  const r = kpi(args, { cwd });
  return { ...r, args, output: `${r.stdout}\n${r.stderr}` };
}

const codesIn = (s: string) => [...new Set(s.match(/\bKPI\d{4}\b/g) ?? [])];

function verifyPlan(code: string) {
  const md = page(code);
  expect(md.startsWith(`# ${code} ${CATALOGUE.get(code)!.name}\n`)).toBe(true);
  const wrong = exampleUnder(md, 'Wrong');
  const right = exampleUnder(md, 'Right');
  expect(wrong, 'a ```kpi block under "## Wrong"').toBeDefined();
  expect(right, 'a ```kpi block under "## Right"').toBeDefined();
  const w = analyze(`${code}-wrong.kpi`, wrong!).diagnostics;
  expect(w.map((d) => d.code), 'the wrong example produces the code').toContain(code);
  // a warning the plan accepts with `allow CODE "reason"` is not a finding (KPI0605's right example accepts one)
  const r = analyze(`${code}-right.kpi`, right!).diagnostics.filter((d) => !d.suppressed);
  expect(r.map((d) => `${d.code} ${d.message}`), 'the right example has no diagnostics at all').toEqual([]);
}

describe('diagnostic pages', () => {
  it('every catalogue code has a page, and every page is a catalogue code', () => {
    expect(codes.filter((c) => !existsSync(pagePath(c))), 'codes without a page').toEqual([]);
    const pages = readdirSync(dir).filter((f) => /^KPI\d{4}\.md$/.test(f)).map((f) => f.slice(0, -3));
    expect(pages.filter((p) => !CATALOGUE.has(p)), 'pages of unknown codes').toEqual([]);
  });

  it('every page has the title, severity line and both sections', () => {
    const bad = codes.flatMap((code) => {
      const md = page(code);
      const e = CATALOGUE.get(code)!;
      const problems: string[] = [];
      if (!md.startsWith(`# ${code} ${e.name}\n\n**${e.severity}** · `)) problems.push('title or severity line');
      if (section(md, 'Wrong') === undefined || section(md, 'Right') === undefined) problems.push('## Wrong / ## Right');
      if (DESCRIBED_MARK.test(md) !== DESCRIBED.includes(code)) problems.push('described mark vs DESCRIBED');
      return problems.map((p) => `${code}: ${p}`);
    });
    expect(bad).toEqual([]);
  });

  it.each(planCodes)('%s: the wrong example triggers it, the right example is clean', (code) => {
    verifyPlan(code);
  });

  it.each(cliCodes)('%s: the CLI reports it for the wrong example and not for the right one', async (code) => {
    const md = page(code);
    const severity = CATALOGUE.get(code)!.severity;
    const wrongEx = exampleOf(md, 'Wrong');
    const rightEx = exampleOf(md, 'Right', wrongEx);
    const w = await runCli(code, 'wrong', wrongEx);
    const r = await runCli(code, 'right', rightEx);
    const show = (x: typeof w) => `kpi ${x.args.join(' ')} → exit ${x.code}\n${x.output}`;

    if (NOT_PRINTED[code]) {
      // the CLI shows the failure without its code: check the code on the engine's own diagnostics
      const plans = analyze('plan.kpi', wrongEx.plan!).file.plans;
      const found = plans.flatMap((p) => runPlanTests(p).flatMap((t) => t.diagnostics.map((d) => d.code)));
      expect(found, NOT_PRINTED[code]).toContain(code);
      expect(w.code, show(w)).toBe(1);
    } else {
      expect(codesIn(w.output), show(w)).toContain(code);
      if (severity === 'error') expect(w.code, show(w)).not.toBe(0);
      else expect(w.code, `${show(w)}\n(a warning alone does not fail)`).toBe(0);
    }
    expect(r.code, show(r)).toBe(0);
    expect(codesIn(r.output), show(r)).toEqual([]);
    // the right plan itself is clean: the finding is about the data or the run, not the plan
    expect(analyze('plan.kpi', rightEx.plan!).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it.each(COMPILE_ONLY)('%s: compilePlan() reports it for the wrong plan; the right plan compiles', (code) => {
    const md = page(code);
    for (const heading of ['Wrong', 'Right']) {
      const langs = blocks(section(md, heading) ?? '').map((b) => b.lang);
      expect(langs, `only a \`\`\`kpi block under "## ${heading}"`).toEqual(['kpi']);
    }
    const wrong = analyze('plan.kpi', exampleUnder(md, 'Wrong')!);
    const compiled = wrong.file.plans.flatMap((p) => compilePlan(p, { file: 'plan.kpi' }).diagnostics.map((d) => d.code));
    expect(compiled).toContain(code);
    const right = analyze('plan.kpi', exampleUnder(md, 'Right')!);
    expect(right.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    for (const p of right.file.plans) {
      const c = compilePlan(p, { file: 'plan.kpi' });
      expect(c.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(c.compiled).toBeDefined();
    }
  });

  it('the index grammar/diagnostics/README.md is up to date (scripts/gen-diagnostic-docs.js --check)', () => {
    ensureBuilt();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-diagnostic-docs.js'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).not.toContain('page pending');
  });
});
