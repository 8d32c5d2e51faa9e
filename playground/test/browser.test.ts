/**
 * The playground in a real browser: the BUILT app (vite build) served from 127.0.0.1 on a random port,
 * driven through playwright-core in Debian's Chromium. Screenshots go to test-results/playground/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the bench
import { CHROMIUM, PLAYGROUND, buildApp, launch, serve } from './harness.js';

const hasChromium = existsSync(CHROMIUM);
const skip = !hasChromium && !process.env.CI;
if (skip) console.warn(`playground browser tests SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium); in CI they run`);

const SHOTS = join(PLAYGROUND, '..', 'test-results', 'playground');

interface Hook {
  setPlan(text: string): Promise<void>;
  getPlan(): string;
  getResults(): { id: string; total: number | null; grade: string | null; coefficient: number | null; indicators: Record<string, { actual: number | null; score: number; weighted: number }> }[];
  getMarkers(): { startLineNumber: number; severity: number; message: string; code?: string }[];
  getData(): { columns: string[]; rows: string[][] };
  shareUrl(): string;
  selectText(text: string, occurrence?: number): boolean;
  pointAt(text: string, occurrence?: number, inside?: number): { x: number; y: number } | null;
  loadExample(name: string): Promise<boolean>;
  select(row: number | null): Promise<void>;
  setLang(lang: 'zh' | 'en'): Promise<void>;
  getTests(): { name: string; passed: boolean; line: number; failures: { subject: string; expected: string; actual: string; line: number }[] }[];
  pinBaseline(on?: boolean): void;
  setBudget(ms: number): void;
  engineRestarts(): number;
  idle(): Promise<void>;
  timing(): { seq: number; at: number };
  examples(): string[];
}

describe.skipIf(skip)('playground in Chromium', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let page: Page;
  let dist: string;
  const problems: string[] = [];

  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  };
  const hook = <T>(p: Page, f: (h: Hook) => T): Promise<T> =>
    p.evaluate(`(${f.toString()})(window.kpiPlayground)`) as Promise<T>;
  const open = async (hash = '', size = { width: 1280, height: 800 }) => {
    const p = await browser.newPage({ viewport: size });
    watch(p);
    await p.goto(server.url + hash);
    await p.waitForFunction(() => (window as unknown as { kpiPlayground?: { ready: boolean } }).kpiPlayground?.ready === true);
    await p.waitForSelector('.monaco-editor .view-lines');
    return p;
  };
  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dist = buildApp();
    server = await serve(dist);
    browser = await launch();
    page = await open();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('opens on the 店长 example with highlighted text, scored sample employees and charts', async () => {
    const plan = await hook(page, (h) => h.getPlan());
    expect(plan).toContain('plan 店长月度考核');
    await page.waitForSelector('.monaco-editor .mtk1');
    // the generated Monarch tokenizer colours keywords differently from names
    const classes = await page.$$eval('.view-lines span span', (els) => new Set(els.map((e) => e.className)).size);
    expect(classes).toBeGreaterThan(2);
    const results = await hook(page, (h) => h.getResults());
    expect(results.length).toBe(6);
    expect(results.every((r) => typeof r.total === 'number' && r.grade)).toBe(true);
    expect(Object.keys(results[0]!.indicators)).toContain('销售额达成');
    expect(await page.locator('#table tbody tr').count()).toBe(6);
    await expect.poll(() => page.locator('#charts figure').count()).toBeGreaterThan(1);
    await shot(page, '01-default');
    // charts: the grade distribution, and per indicator the engine's curve with target/cap marked and the people as dots
    await page.locator('#charts figure[data-chart="grades"]').waitFor();
    expect(await page.locator('#charts figure[data-chart="grades"] rect.gbar').count()).toBe(5);
    const sales = page.locator('#charts figure[data-indicator="销售额达成"]');
    expect(await sales.locator('path.curve').count()).toBe(1);
    expect(await sales.locator('line.mark-target').count()).toBe(1);
    expect(await sales.locator('line.mark-cap').count()).toBe(1);
    expect(await sales.locator('circle.dot').count()).toBe(6);
    await page.locator('#charts').scrollIntoViewIfNeeded();
    await shot(page, '01b-charts');
    await page.locator('#table').scrollIntoViewIfNeeded();
  });

  it('shows a marker at the weight-sum line, offers the quick fix, and clears it when fixed by keyboard', async () => {
    const base = await hook(page, (h) => h.getPlan());
    const broken = base.replace('weight 70%', 'weight 60%');
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), broken);
    const markers = await hook(page, (h) => h.getMarkers());
    const err = markers.find((m) => m.severity === 8);
    expect(err, JSON.stringify(markers)).toBeDefined();
    expect(err!.code).toBe('KPI0301');
    const planLine = broken.split('\n').findIndex((l) => l.startsWith('plan ')) + 1;
    expect(err!.startLineNumber).toBe(planLine);
    await page.waitForSelector('.monaco-editor .squiggly-error');
    await expect.poll(() => page.locator('#problems li.sev-error').count()).toBe(1);
    await shot(page, '02-marker');

    // real keyboard: select `60%` and type `70%`
    expect(await hook(page, (h) => h.selectText('60%'))).toBe(true);
    await page.keyboard.type('70%');
    await page.keyboard.press('Escape');
    await expect
      .poll(() => hook(page, (h) => h.getMarkers().filter((m) => m.severity === 8).length), { timeout: 5000 })
      .toBe(0);
    expect(await hook(page, (h) => h.getPlan())).toBe(base);
    await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count()).toBe(0);
  });

  it('applies the weight-sum quick fix from the editor', async () => {
    const base = await hook(page, (h) => h.getPlan());
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base.replace('weight 10% target 5%', 'weight 20% target 5%'));
    expect(await hook(page, (h) => h.getMarkers().some((m) => m.severity === 8))).toBe(true);
    expect(await hook(page, (h) => h.selectText('weight 20%'))).toBe(true);
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .action-label, .action-widget [role="option"]').filter({ hasText: '100%' }).first();
    await item.waitFor({ timeout: 5000 });
    await shot(page, '03-quickfix');
    await item.click();
    await expect.poll(() => hook(page, (h) => h.getMarkers().filter((m) => m.severity === 8).length), { timeout: 5000 }).toBe(0);
    await page.keyboard.press('Escape');
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
  });

  /** the real mouse over a point inside `text` in the editor; the point comes from Monaco's own layout */
  const hoverText = async (p: Page, text: string, inside: number) => {
    const at = await p.evaluate(([t, i]) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.pointAt(t, 0, i), [text, inside] as const);
    expect(at, text).not.toBeNull();
    await p.mouse.move(at!.x - 3, at!.y);
    await p.mouse.move(at!.x, at!.y);
  };
  /**
   * the hover Monaco shows over `text` holding `expected`. Under a loaded CI run the first move was sometimes
   * not answered within 5 s (the hover provider still busy with the example just loaded): move out and in again
   * a few times before giving up.
   */
  const hoverBox = async (p: Page, text: string, inside: number, expected: string) => {
    const box = p.locator('.monaco-hover-content').filter({ hasText: expected }).first();
    for (let attempt = 1; ; attempt++) {
      await hook(p, (h) => h.idle());
      await hoverText(p, text, inside);
      try {
        await box.waitFor({ timeout: 5000 });
        return box;
      } catch (e) {
        if (attempt === 4) throw e;
        await p.mouse.move(5, 5);
      }
    }
  };
  /** the mouse out of the editor, and wait until Monaco has hidden its hover (it hides after a delay) */
  const unhover = async (p: Page) => {
    await p.mouse.move(5, 5);
    await expect.poll(() => p.locator('.monaco-hover-content:visible').count()).toBe(0);
  };

  it('hovers an indicator with its effective weight and its rule in words', async () => {
    try {
      const box = await hoverBox(page, 'indicator 销售额达成', 'indicator 销'.length, '有效权重');
      const text = (await box.textContent()) ?? '';
      expect(text).toContain('销售额达成 — 有效权重 70%');
      expect(text).toContain('线性：得分 = 100 × min(实际 ÷ 目标 100%, 封顶 120%)，不低于 0');
      await shot(page, '03b-hover');
      await unhover(page);

      // inside a group: the product of the weights along the path
      expect(await hook(page, (h) => h.loadExample('区域经理'))).toBe(true);
      const box2 = await hoverBox(page, 'indicator 老店业绩增长率', 'indicator 老'.length, '老店业绩增长率 — 有效权重');
      const text2 = (await box2.textContent()) ?? '';
      expect(text2).toContain('有效权重 24%');
      expect(text2).toContain('原有店铺运营 › 老店业绩增长率 (40% × 60%)');
      expect(text2).toContain('封顶 150%');
      await unhover(page);
      // and in English
      await hook(page, (h) => h.setLang('en'));
      const box3 = await hoverBox(page, 'indicator 销售任务达成', 'indicator 销'.length, 'effective weight');
      expect(await box3.textContent()).toContain('a ratio below the floor 60% scores 0');
      await unhover(page);
    } finally {
      // the tests after this one start from the 店长 example in Chinese, whatever happened here
      await page.mouse.move(5, 5);
      await hook(page, (h) => h.setLang('zh'));
      expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
      await hook(page, (h) => h.idle());
    }
  });

  it('completes scoring methods and the names the plan defines, by real typing', async () => {
    const base = await hook(page, (h) => h.getPlan());
    // the method after `scoring `
    expect(await hook(page, (h) => h.selectText('linear'))).toBe(true);
    await page.keyboard.press('Delete');
    await page.keyboard.type('li');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'linear' }).first();
    await suggest.waitFor({ timeout: 5000 });
    await shot(page, '03c-completion');
    await page.keyboard.press('Enter');
    await expect.poll(() => hook(page, (h) => h.getPlan())).toBe(base);
    await expect.poll(() => hook(page, (h) => h.getMarkers().filter((m) => m.severity === 8).length)).toBe(0);

    // an indicator's name after `expect `, with its weight as detail
    const gradeLine = base.split('\n').find((l) => l.trim().startsWith('expect grade'))!.trim();
    expect(await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.selectText(t), gradeLine)).toBe(true);
    await page.keyboard.type('expect 人');
    await page.keyboard.press('Control+Space');
    const row = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: '人员流失率' }).first();
    await row.waitFor({ timeout: 5000 });
    expect(await page.locator('.suggest-widget .monaco-list-row').filter({ hasText: '销售额达成' }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => hook(page, (h) => h.getPlan())).toContain('expect 人员流失率\n');
    await page.keyboard.type(' = 100');
    await page.keyboard.press('Escape');
    await expect.poll(() => hook(page, (h) => h.getMarkers().filter((m) => m.severity === 8).length)).toBe(0);
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
  });

  it('rescores when a table cell changes', async () => {
    const before = await hook(page, (h) => h.getResults()[0]);
    const cols = await hook(page, (h) => h.getData().columns);
    const c = cols.indexOf('销售额达成');
    // click the cell to edit it in place, type a new value with the real keyboard
    await page.locator(`#table td.cell[data-r="0"][data-c="${c}"]`).click();
    const input = page.locator('#table input.cell-input');
    await input.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('120%');
    // scores follow each keystroke asynchronously (engine worker): wait for the last one, `120%`
    await expect.poll(() => hook(page, (h) => h.getResults()[0]!.indicators['销售额达成']!.actual)).toBe(1.2);
    await hook(page, (h) => h.idle());
    const after = await hook(page, (h) => h.getResults()[0]!);
    expect(after.indicators['销售额达成']!.actual).toBe(1.2);
    expect(after.indicators['销售额达成']!.score).toBeGreaterThan(before!.indicators['销售额达成']!.score);
    expect(await page.locator('#table tbody tr').first().locator('td.total').textContent()).toBe(String(after.total));
    await page.keyboard.press('Enter');
    expect(await page.locator(`#table td.cell[data-r="0"][data-c="${c}"]`).textContent()).toBe('120%');
    expect((await hook(page, (h) => h.getData())).rows[0]![c]).toBe('120%');
  });

  it('explains a person when clicked, in Chinese and English', async () => {
    await page.locator('#table tbody tr').nth(1).locator('td.total').click();
    await expect.poll(() => page.locator('#explain').textContent()).toContain('销售额达成');
    await shot(page, '04-explain');
    await hook(page, (h) => h.setLang('en'));
    await expect.poll(() => page.locator('#explain-title').textContent()).toBe('Explanation');
    await shot(page, '05-english');
    await hook(page, (h) => h.setLang('zh'));
  });

  it('adds rows, pastes a block from Excel (tab-separated) and removes rows', async () => {
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
    await page.locator('#add-row').click();
    await page.locator('#table input.cell-input').waitFor();
    expect(await page.locator('#table tbody tr').count()).toBe(7);
    // two rows copied from Excel, pasted into the new row's id cell with the real clipboard and Ctrl+V
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    const block = 'S007\t新人\t120%\t0.5%\t100%\t100%\t4%\r\nS008\t老员工\t80%\t2%\t99%\t90%\t6%\r\n';
    await page.evaluate((t) => navigator.clipboard.writeText(t), block);
    await page.locator('#table td.cell[data-r="6"][data-c="0"]').click();
    await page.locator('#table input.cell-input').waitFor();
    await page.keyboard.press('Control+V');
    await expect.poll(() => page.locator('#table tbody tr').count()).toBe(8);
    const data = await hook(page, (h) => h.getData());
    expect(data.rows.slice(6).map((r) => r.slice(0, 7))).toEqual([
      ['S007', '新人', '120%', '0.5%', '100%', '100%', '4%'],
      ['S008', '老员工', '80%', '2%', '99%', '90%', '6%'],
    ]);
    const rows = await hook(page, (h) => h.getResults());
    // 120 × 70% + 100 × 10% + 100 × 5% + 100 × 5% + 100 × 10% = 114;  56 + 5 + 0 + 4.5 + 8.33 = 73.83
    expect(rows.slice(6).map((r) => [r.id, r.total, r.grade])).toEqual([
      ['S007', 114, 'S'],
      ['S008', 73.83, 'B'],
    ]);
    expect(await page.locator('#table tbody tr').nth(7).locator('td.total').textContent()).toBe('73.83');
    await shot(page, '04a-pasted');
    // remove both again with the row buttons
    await page.locator('#table button[data-remove="7"]').click();
    await page.locator('#table button[data-remove="6"]').click();
    await expect.poll(() => hook(page, (h) => h.getResults().length)).toBe(6);
    expect((await hook(page, (h) => h.getData())).rows.map((r) => r[0])).toEqual(['S001', 'S002', 'S003', 'S004', 'S005', 'S006']);
  });

  it('loads the sample table from a CSV or an XLSX file', async () => {
    const csv = '\ufeff工号,姓名,销售额达成,人员流失率,账目准确率,货品专业知识达标,会员流失率\r\nC1,甲,110%,1%,100%,95%,5%\r\nC2,乙,"90%",3%,100%,80%,8%\r\n';
    await page.locator('#load').setInputFiles({ name: '团队.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect.poll(() => hook(page, (h) => h.getResults().map((r) => r.id))).toEqual(['C1', 'C2']);
    expect(await page.locator('#notice').textContent()).toBe('已导入 2 行（团队.csv）');
    expect((await hook(page, (h) => h.getData())).rows[1]).toEqual(['C2', '乙', '90%', '3%', '100%', '80%', '8%']);

    // a workbook as Excel saves it, written with exceljs (the library the CLI and the playground read it with)
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['工号', '姓名', '销售额达成', '人员流失率', '账目准确率', '货品专业知识达标', '会员流失率']);
    ws.addRow(['X1', '丙', 0.965, '1.25%', '99%', '90%', '4%']);
    ws.getCell('C2').numFmt = '0.0%';
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await page.locator('#load').setInputFiles({ name: 'team.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    // exceljs (925 KiB) is loaded on this first XLSX file
    await expect.poll(() => hook(page, (h) => h.getResults().map((r) => r.id)), { timeout: 20000 }).toEqual(['X1']);
    expect(await page.locator('#notice').textContent()).toBe('已导入 1 行（team.xlsx）');
    // the same row as S002 of the example: 67.55 + 8 + 0 + 4.5 + 10 (0.965 read as `kpi score` reads the cell)
    expect((await hook(page, (h) => h.getData())).rows[0]![2]).toBe('0.965');
    expect((await hook(page, (h) => h.getResults()))[0]!.total).toBe(90.05);
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
  });

  it('picks an example from the picker and downloads the plan (.kpi) and the results (CSV)', async () => {
    await page.locator('#example').selectOption('区域经理');
    await expect.poll(() => hook(page, (h) => h.getPlan())).toContain('plan 区域经理季度考核');
    // the plan's text is in the editor before its results are on screen: wait for them (CI read the 店长 rows)
    await hook(page, (h) => h.idle());
    const results = await hook(page, (h) => h.getResults());
    expect(results.length).toBeGreaterThan(1);
    expect(results.every((r) => typeof r.total === 'number')).toBe(true);
    const [planDl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-plan').click()]);
    expect(planDl.suggestedFilename()).toBe('区域经理季度考核.kpi');
    expect(readFileSync((await planDl.path())!, 'utf8')).toBe(await hook(page, (h) => h.getPlan()));
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(csvDl.suggestedFilename()).toBe('区域经理季度考核.results.csv');
    const csv = readFileSync((await csvDl.path())!, 'utf8');
    // the core's CSV writer, as `kpi score --format csv` writes it: report-shape headers in the UI's language
    expect(csv.startsWith('\ufeff工号,总分,等级,绩效系数,')).toBe(true);
    expect(csv.split('\r\n')[0]).toContain('销售任务达成 得分');
    const lines = csv.slice(1).trimEnd().split('\r\n').slice(1).map((l) => l.split(','));
    expect(lines.map((l) => [l[0], Number(l[1]), l[2]])).toEqual(results.map((r) => [r.id, r.total, r.grade]));
    await page.locator('#example').selectOption('店长');
    await expect.poll(() => hook(page, (h) => h.getPlan())).toContain('plan 店长月度考核');
    // typing makes the plan custom; typing it back to the example's text names the example again
    expect(await hook(page, (h) => h.selectText('plan 店长月度考核'))).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await expect.poll(() => page.locator('#example').inputValue()).toBe('');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('#example').inputValue()).toBe('店长');
  });

  it('restores plan and data exactly from a share link in a new page', async () => {
    const plan = (await hook(page, (h) => h.getPlan())) + '\n# 分享测试 ✓\n';
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), plan);
    const data = await hook(page, (h) => h.getData());
    const url = await hook(page, (h) => h.shareUrl());
    expect(url).toMatch(/#v1=/);
    // the button puts the same link in the address bar (and on the clipboard when allowed)
    await page.locator('#share').click();
    await expect.poll(() => page.evaluate(() => location.href)).toBe(url);
    await expect.poll(() => page.locator('#notice').isVisible()).toBe(true);
    const p2 = await open(url.slice(url.indexOf('#')));
    expect(await hook(p2, (h) => h.getPlan())).toBe(plan);
    expect(await hook(p2, (h) => h.getData())).toEqual(data);
    expect(await hook(p2, (h) => h.getResults())).toEqual(await hook(page, (h) => h.getResults()));
    await p2.close();
  });

  it('falls back to the default example with a notice when the link is damaged', async () => {
    const p3 = await open('#v1=%%%not-a-plan');
    expect(await hook(p3, (h) => h.getPlan())).toContain('plan 店长月度考核');
    await expect.poll(() => p3.locator('#notice').isVisible()).toBe(true);
    expect(await p3.locator('#notice').textContent()).toContain('分享链接无法解析');
    await p3.close();
  });

  it('lays out at 1280×800 and stacked on a narrow window, light and dark', async () => {
    const wide = await page.evaluate(() => {
      const e = document.querySelector('.editor-pane')!.getBoundingClientRect();
      const s = document.querySelector('.side')!.getBoundingClientRect();
      return { side: s.left >= e.right - 1, fits: document.documentElement.scrollWidth <= 1280 };
    });
    expect(wide).toEqual({ side: true, fits: true });
    const narrow = await open('', { width: 420, height: 860 });
    const stacked = await narrow.evaluate(() => {
      const e = document.querySelector('.editor-pane')!.getBoundingClientRect();
      const s = document.querySelector('.side')!.getBoundingClientRect();
      return { stacked: s.top >= e.bottom - 1, fits: document.documentElement.scrollWidth <= 420 };
    });
    expect(stacked).toEqual({ stacked: true, fits: true });
    await shot(narrow, '06-narrow');
    await hook(narrow, (h) => h.setLang('en'));
    await shot(narrow, '06-narrow-en');
    await narrow.close();
    const dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    watch(dark);
    await dark.goto(server.url);
    await dark.waitForSelector('.monaco-editor .view-lines');
    expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(246, 247, 249)');
    await shot(dark, '07-dark');
    await dark.close();
    // and it follows the system while open
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('.monaco-editor.vs-dark').waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 20, 25)');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('.monaco-editor.vs').waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
  });

  it('loads every example without errors in the plan or the sample data', async () => {
    for (const name of await hook(page, (h) => (h as unknown as { examples(): string[] }).examples())) {
      await page.evaluate((n) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.loadExample(n), name);
      const errs = await hook(page, (h) => h.getMarkers().filter((m) => m.severity === 8));
      expect(errs, name).toEqual([]);
      const rows = await hook(page, (h) => h.getResults());
      expect(rows.length, name).toBeGreaterThan(0);
      expect(rows.filter((r) => r.total === null), name).toEqual([]);
    }
  });

  it('shows a money plan (SPEC §7: periods, distribution, commission, pays) with the columns and rows of kpi score', async () => {
    expect(await hook(page, (h) => h.examples())).toContain('销售团队季度');
    expect(await hook(page, (h) => h.loadExample('销售团队季度'))).toBe(true);
    const heads = () => page.evaluate(() => Array.from(document.querySelectorAll('#table thead th.res'), (th) => th.textContent));
    expect(await heads()).toEqual(['总分', '按分等级', '排名', '最终等级', '绩效系数', '销售提成', '绩效工资', '应发合计', '期间']);
    // one JSON row per person (three monthly rows each), exactly as `kpi score --format json` prints them
    const cli = spawnSync(process.execPath, [join(PLAYGROUND, '..', 'packages', 'cli', 'bin', 'kpi.js'), 'score', 'examples/销售团队季度.kpi', '--data', 'examples/data/销售团队季度.csv', '--format', 'json'], { cwd: join(PLAYGROUND, '..'), encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const rows = await hook(page, (h) => h.getResults());
    expect(rows).toEqual(JSON.parse(cli.stdout));
    expect(rows).toHaveLength(12);
    // the table shows the person's money on each of their rows; later periods dimmed
    const first = await page.evaluate(() => Array.from(document.querySelectorAll('#table tbody tr')[0]!.querySelectorAll('td.res[data-field]'), (td) => td.textContent));
    expect(first).toEqual(['106.55', 'S', '2', 'A', '1.2', '30200', '10800', '41000', '1月、2月、3月']);
    expect(await page.locator('#table tbody tr.same-person').count()).toBe(24);
    await hook(page, (h) => h.select(0));
    await expect.poll(() => page.locator('#explain').innerText()).toContain('销售提成（超额累进）销售额 660,000');
    await shot(page, 'money-zh');
    await hook(page, (h) => h.setLang('en'));
    expect(await heads()).toEqual(['total', 'score grade', 'rank', 'final grade', 'coefficient', '销售提成', '绩效工资', '应发合计', 'periods']);
    await shot(page, 'money-en');
    await hook(page, (h) => h.setLang('zh'));
    // editing a commission rate moves the money at once
    await hook(page, (h) => h.setPlan(h.getPlan().replace('else:      7%', 'else:      8%')));
    expect((await hook(page, (h) => h.getResults()))[0]!).toMatchObject({ money: { 销售提成: 31800, 应发合计: 42600 } });
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
  });

  // ---------------- issue 15: one test per problem a consultant hit ----------------

  it('1 · pasting a block with a header row previews it, appends people without dropping columns, and undoes', async () => {
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
    const before = await hook(page, (h) => h.getData());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    // copied from Excel with its header: only some of the columns, in another order
    const block = '姓名\t工号\t销售额达成\t人员流失率\r\n新人\tS101\t120%\t0.5%\r\n老员工\tS102\t80%\t2%\r\n';
    await page.evaluate((t) => navigator.clipboard.writeText(t), block);
    await page.locator('#table td.cell[data-r="0"][data-c="0"]').click();
    await page.keyboard.press('Control+V');
    const dlg = page.locator('#paste-dialog');
    await dlg.waitFor();
    // the preview maps columns by name and says which columns the plan needs that the block lacks
    expect(await dlg.locator('select[data-j="0"]').inputValue()).toBe(String(before.columns.indexOf('姓名')));
    expect(await dlg.locator('select[data-j="1"]').inputValue()).toBe('0');
    expect(await dlg.locator('#paste-missing').textContent()).toContain('账目准确率');
    await shot(page, '10-paste-preview');
    await dlg.locator('button[value="append"]').click();
    await expect.poll(() => hook(page, (h) => h.getData().rows.length)).toBe(8);
    const after = await hook(page, (h) => h.getData());
    expect(after.columns).toEqual(before.columns);
    expect(after.rows.slice(0, 6)).toEqual(before.rows);
    const c = (n: string) => after.columns.indexOf(n);
    expect(after.rows[6]![0]).toBe('S101');
    expect(after.rows[6]![c('姓名')]).toBe('新人');
    expect(after.rows[6]![c('销售额达成')]).toBe('120%');
    expect(after.rows[7]![c('人员流失率')]).toBe('2%');
    // the row numbers are people, 1…8
    expect(await page.locator('#table tbody tr td.rowno').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    await page.locator('#undo').click();
    await expect.poll(() => hook(page, (h) => h.getData())).toEqual(before);
    await page.locator('#redo').click();
    await expect.poll(() => hook(page, (h) => h.getData().rows.length)).toBe(8);
    // replace: everyone replaced, still every column
    await page.evaluate((t) => navigator.clipboard.writeText(t), block);
    await page.locator('#table td.cell[data-r="0"][data-c="0"]').click();
    await page.keyboard.press('Control+V');
    await dlg.locator('button[value="replace"]').click();
    await expect.poll(() => hook(page, (h) => h.getData().rows.map((r) => r[0]))).toEqual(['S101', 'S102']);
    expect((await hook(page, (h) => h.getData())).columns).toEqual(before.columns);
    await page.locator('#undo').click();
    await expect.poll(() => hook(page, (h) => h.getData().rows.length)).toBe(8);
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
  });

  it('2 · the built page works opened from disk (file://)', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watch(p);
    await p.goto(`file://${join(dist, 'index.html')}`);
    await p.waitForFunction(() => (window as unknown as { kpiPlayground?: { ready: boolean } }).kpiPlayground?.ready === true, null, { timeout: 30000 });
    await p.waitForSelector('.monaco-editor .view-lines');
    const rows = await hook(p, (h) => h.getResults());
    expect(rows.length).toBe(6);
    expect(rows[0]!.total).toBe(103.5);
    // the engine worker runs from disk too: an edit rescores
    await p.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), (await hook(p, (h) => h.getPlan())).replace('cap 120%', 'cap 100%'));
    expect((await hook(p, (h) => h.getResults()))[2]!.total).toBeLessThan(114);
    await shot(p, '11-file-url');
    await p.close();
  });

  it('7 (first paint) · before the script has run: layout, loading state and the plan highlighted as the editor shows it, editable; typing carries into Monaco', async () => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    watch(p);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // hold the page's script back: what is on screen now is index.html alone
    await p.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
      await gate;
      await route.continue();
    });
    await p.goto(server.url, { waitUntil: 'commit' });
    await expect.poll(() => p.locator('#early').isVisible()).toBe(true);
    expect(await p.locator('#editor-loading').textContent()).toBe('正在加载编辑器…');
    expect(await p.locator('#engine-loading').isVisible()).toBe(true);
    // the tokenizer's own rules: keywords, methods, numbers, comments, strings and nested brackets coloured
    const tokens = await p.evaluate(() => Array.from(document.querySelectorAll('#early-view span'), (s) => `${s.className}:${s.textContent}`));
    expect(tokens).toEqual(expect.arrayContaining(['c:# 运营中心 · 店长月度考核', 'k:plan', 'k:indicator', 't:linear', 'n:70%', 's:"全部达标"', 'b0:{', 'b1:{', 'k:cycle']));
    expect(await p.evaluate(() => getComputedStyle(document.querySelector('#early-view .k')!).color)).toBe('rgb(0, 0, 255)');
    await shot(p, '00-before-script');
    // typed into the early view: re-highlighted at once, and kept when the editor arrives
    await p.locator('#early-editor').focus();
    await p.keyboard.press('Control+Home');
    await p.keyboard.type('# 新的一行\n');
    await expect.poll(() => p.evaluate(() => document.querySelector('#early-view span')?.textContent)).toBe('# 新的一行');
    release();
    await p.waitForFunction(() => (window as unknown as { kpiPlayground?: { ready: boolean } }).kpiPlayground?.ready === true, null, { timeout: 30000 });
    expect(await hook(p, (h) => h.getPlan())).toMatch(/^# 新的一行\n# 运营中心/);
    expect(await p.locator('#early').count()).toBe(0);
    await p.close();
  });

  it('3 · a test block whose expect is now wrong shows as failing, with expected and actual, and a marker on its line', async () => {
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
    await page.locator('.tab[data-tab="tests"]').click();
    const ok = await hook(page, (h) => h.getTests());
    expect(ok.length).toBeGreaterThan(1);
    expect(ok.every((x) => x.passed)).toBe(true);
    const base = await hook(page, (h) => h.getPlan());
    const broken = base.replace('expect total       = 90.05', 'expect total       = 91');
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), broken);
    const tests = await hook(page, (h) => h.getTests());
    const bad = tests.find((x) => !x.passed)!;
    expect(bad.name).toBe('销售未达标, 账目有误');
    expect(bad.failures).toEqual([{ subject: 'total', expected: '91', actual: '90.05', line: broken.split('\n').findIndex((l) => l.includes('= 91')) + 1 }]);
    await expect.poll(() => page.locator('#tests li.fail').count()).toBe(1);
    expect(await page.locator('#tests li.fail td.actual').textContent()).toBe('90.05');
    expect(await page.locator('#test-counts').textContent()).toBe(`${tests.length - 1}/1`);
    const marker = (await hook(page, (h) => h.getMarkers())).find((m) => m.code === 'KPI0920');
    expect(marker?.startLineNumber).toBe(bad.failures[0]!.line);
    await shot(page, '12-test-failing');
    await hook(page, (h) => h.setLang('en'));
    expect(await page.locator('#tests').textContent()).toContain('expected');
    // the charts' labels follow the language at once (the curves are not sampled again)
    expect(await page.locator('#charts figure[data-chart="grades"] figcaption').textContent()).toBe('Grade distribution');
    expect(await page.locator('#charts').textContent()).not.toMatch(/目标|封顶|等级分布/);
    await shot(page, '12-test-failing-en');
    await hook(page, (h) => h.setLang('zh'));
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
    await expect.poll(() => page.locator('#tests li.fail').count()).toBe(0);
    await page.locator('.tab[data-tab="problems"]').click();
  });

  it('4 · reload restores the work (autosave), marks unsaved changes, and reset returns to the example', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await ctx.newPage();
    watch(p);
    await p.goto(server.url);
    await p.waitForFunction(() => (window as unknown as { kpiPlayground?: { ready: boolean } }).kpiPlayground?.ready === true);
    expect(await p.locator('#dirty').isHidden()).toBe(true);
    // real typing in the editor and in a cell
    expect(await hook(p, (h) => h.selectText('plan 店长月度考核'))).toBe(true);
    await p.keyboard.press('ArrowRight');
    await p.keyboard.type('二');
    await p.locator('#table td.cell[data-r="0"][data-c="0"]').click();
    await p.keyboard.press('Control+A');
    await p.keyboard.type('A001');
    await p.keyboard.press('Enter');
    await expect.poll(() => p.locator('#save-state').textContent()).toContain('已自动保存');
    expect(await p.locator('#dirty').isVisible()).toBe(true);
    const plan = await hook(p, (h) => h.getPlan());
    expect(plan).toContain('plan 店长月度考核二');
    const data = await hook(p, (h) => h.getData());
    expect(data.rows[0]![0]).toBe('A001');
    await p.reload();
    await p.waitForFunction(() => (window as unknown as { kpiPlayground?: { ready: boolean } }).kpiPlayground?.ready === true);
    expect(await hook(p, (h) => h.getPlan())).toBe(plan);
    expect(await hook(p, (h) => h.getData())).toEqual(data);
    expect(await p.locator('#notice').textContent()).toContain('已恢复');
    expect((await hook(p, (h) => h.getResults()))[0]!.id).toBe('A001');
    await shot(p, '13-restored');
    await p.locator('#reset').click();
    await expect.poll(() => hook(p, (h) => h.getPlan())).toContain('plan 店长月度考核 {');
    await expect.poll(() => hook(p, (h) => h.getData().rows[0]![0])).toBe('S001');
    expect(await p.locator('#dirty').isHidden()).toBe(true);
    // the reset itself can be undone
    await p.locator('#undo').click();
    await expect.poll(() => hook(p, (h) => h.getData().rows[0]![0])).toBe('A001');
    await ctx.close();
  });

  it('5 · a pinned baseline shows per-person deltas while typing, also while the weights are off', async () => {
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
    const before = await hook(page, (h) => h.getResults());
    const base = await hook(page, (h) => h.getPlan());
    await page.locator('#pin').click();
    expect(await page.locator('#pin').getAttribute('aria-pressed')).toBe('true');
    // real typing: 70% → 60%; the weights then sum to 90%, and the totals are shown as they would be
    expect(await hook(page, (h) => h.selectText('weight 70%'))).toBe(true);
    await page.keyboard.type('weight 60%');
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 5000 }).toContain('权重合计不为 100%');
    const after = await hook(page, (h) => h.getResults());
    // S001: 销售额达成 105 分 × (60% instead of 70%) = 10.5 less
    expect(after[0]!.total).toBe(+(before[0]!.total! - 10.5).toFixed(2));
    const row = page.locator('#table tbody tr').first();
    await expect.poll(() => row.locator('td.total .delta').textContent()).toBe('-10.5');
    expect(await row.locator('td.total').getAttribute('class')).toContain('changed');
    // a grade that changed shows before → after
    const gradeChanged = after.findIndex((r, i) => r.grade !== before[i]!.grade);
    expect(gradeChanged).toBeGreaterThanOrEqual(0);
    expect(await page.locator('#table tbody tr').nth(gradeChanged).locator('td.grade .delta').textContent()).toBe(`${before[gradeChanged]!.grade}→${after[gradeChanged]!.grade}`);
    expect(await page.locator('body.stale').count()).toBe(0);
    await page.keyboard.press('Escape');
    await shot(page, '14-baseline-deltas');
    await hook(page, (h) => h.setLang('en'));
    // the deltas stay when the headers change language
    await expect.poll(() => row.locator('td.total .delta').textContent()).toBe('-10.5');
    await expect.poll(() => page.locator('#charts figure[data-chart="grades"] figcaption').textContent()).toBe('Grade distribution');
    // the pin notice still on screen is said again in English; the status line too, with English punctuation
    expect(await page.locator('#notice').textContent()).toBe('Pinned the results of 6 people: changes now show deltas');
    expect(await page.locator('#status').textContent()).toMatch(/^Weights do not add up to 100%.* \(weights in `店长月度考核` sum to 90%, expected 100%\)$/);
    await shot(page, '14-baseline-deltas-en');
    await hook(page, (h) => h.setLang('zh'));
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
    await expect.poll(() => hook(page, (h) => h.getResults()[0]!.total)).toBe(before[0]!.total);
    await expect.poll(() => row.locator('td.total .delta').count()).toBe(0);
    await page.locator('#pin').click();
  });

  it('6 · at 420 px the mouse wheel over the editor scrolls the page', async () => {
    const p = await open('', { width: 420, height: 860 });
    const box = (await p.locator('#editor').boundingBox())!;
    await p.mouse.move(box.x + box.width / 2, Math.min(box.y + 80, 800));
    const y0 = await p.evaluate(() => window.scrollY);
    await p.mouse.wheel(0, 600);
    await expect.poll(() => p.evaluate(() => window.scrollY)).toBeGreaterThan(y0 + 200);
    // the whole plan is laid out: nothing hidden behind an inner scroll
    const lines = (await hook(p, (h) => h.getPlan())).split('\n').length;
    expect((await p.locator('#editor').boundingBox())!.height).toBeGreaterThanOrEqual(lines * 21);
    await p.close();
  });

  it('7 · no completion or analysis during IME composition, and none where a new name is typed', async () => {
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
    const base = await hook(page, (h) => h.getPlan());
    expect(await hook(page, (h) => h.selectText('  grades {'))).toBe(true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('  indicator ');
    // the last keys may still be in the editor's 40 ms debounce (idle() sees only updates already sent): on a loaded
    // host the update fired after idle() and counted as one made during the composition below
    await page.waitForTimeout(200);
    await hook(page, (h) => h.idle());
    const cdp = await page.context().newCDPSession(page);
    const seq0 = await hook(page, (h) => h.timing().seq);
    // pinyin being composed: x, xi, xin, xin'r, …
    for (const text of ['x', 'xi', 'xin', "xin'r", "xin'ren"]) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(120);
    }
    expect(await page.locator('.suggest-widget.visible').count()).toBe(0);
    expect(await hook(page, (h) => h.timing().seq)).toBe(seq0);
    expect((await hook(page, (h) => h.getMarkers())).some((m) => m.message.includes('xin'))).toBe(false);
    await shot(page, '15-ime');
    await cdp.send('Input.insertText', { text: '新人' });
    await expect.poll(() => hook(page, (h) => h.timing().seq)).toBeGreaterThan(seq0);
    expect(await hook(page, (h) => h.getPlan())).toContain('  indicator 新人\n');
    await page.waitForTimeout(300);
    // after `indicator ` a new name is written: nothing pops up
    expect(await page.locator('.suggest-widget.visible').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
  });

  it('8 · a hostile plan (a deep metric chain) does not freeze the page: the engine stops at its time budget', async () => {
    const p = await open();
    let metrics = '  metric m0 = 销售额\n';
    for (let i = 1; i <= 6000; i++) metrics += `  metric m${i} = m${i - 1} + 1\n`;
    const hostile = `plan 恶意 {\n${metrics}  indicator 甲 weight 100% target 100 input m6000 scoring linear\n}\n`;
    // a budget well under the chain's cost: analysing it takes ~390 ms in a quiet Chromium, so a 400 ms budget
    // raced it (the test failed whenever the machine was idle)
    await hook(p, (h) => h.setBudget(100));
    // not awaited: the page must answer while the engine is busy with it
    await p.evaluate((t) => {
      void (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t);
    }, hostile);
    const t0 = Date.now();
    expect(await p.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - t0).toBeLessThan(1500);
    // typing still works
    await p.locator('#table td.cell[data-r="0"][data-c="0"]').click();
    await p.keyboard.type('Z');
    expect(await p.locator('#table input.cell-input').inputValue()).toContain('Z');
    await p.keyboard.press('Escape');
    await expect.poll(() => hook(p, (h) => h.engineRestarts()), { timeout: 20000 }).toBeGreaterThan(0);
    await expect.poll(() => p.locator('#notice').textContent()).toContain('已停止');
    await shot(p, '16-hostile-timeout');
    // back to a normal plan: a fresh worker scores it
    await hook(p, (h) => h.setBudget(3000));
    expect(await hook(p, (h) => h.loadExample('店长'))).toBe(true);
    expect((await hook(p, (h) => h.getResults()))[0]!.total).toBe(103.5);
    await p.close();
  });

  it('has a format button, an output pane (IR, compiled module) and problems with counts and diagnostic pages', async () => {
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
    const base = await hook(page, (h) => h.getPlan());
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base.replace('indicator 账目准确率       weight 5%', 'indicator   账目准确率 weight    5%'));
    await page.locator('#format').click();
    await expect.poll(() => hook(page, (h) => h.getPlan())).toBe(base);
    await page.locator('.tab[data-tab="output"]').click();
    await expect.poll(() => page.locator('#output').textContent()).toContain('"销售额达成"');
    await page.locator('#output-kind').selectOption('module');
    await expect.poll(() => page.locator('#output').textContent()).toContain('Generated by kpi');
    await shot(page, '17-output');
    await page.locator('.tab[data-tab="problems"]').click();
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base.replace('weight 70%', 'weight 60%'));
    expect(await page.locator('#problem-counts').textContent()).toBe('1/0/0');
    await page.locator('#problems a.doc[data-code="KPI0301"]').click();
    await expect.poll(() => page.locator('#doc-body').textContent()).toContain('weights-do-not-sum-to-100');
    await shot(page, '18-problems-doc');
    await page.locator('#doc-close').click();
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
    // a new plan starts from a template with an empty row to fill in
    await page.locator('#new-plan').click();
    await expect.poll(() => hook(page, (h) => h.getPlan())).toContain('plan 新方案');
    await expect.poll(() => hook(page, (h) => h.getData().columns)).toEqual(['工号', '指标一', '指标二']);
    await page.locator('#fill').click();
    await expect.poll(() => hook(page, (h) => h.getResults()[0]?.total)).toBe(100);
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
  });

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
