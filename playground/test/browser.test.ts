/**
 * The playground in a real browser: the BUILT app (vite build) served from 127.0.0.1 on a random port,
 * driven through playwright-core in Debian's Chromium. Screenshots go to test-results/playground/.
 */
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
  setPlan(text: string): void;
  getPlan(): string;
  getResults(): { id: string; total: number | null; grade: string | null; coefficient: number | null; indicators: Record<string, { actual: number | null; score: number; weighted: number }> }[];
  getMarkers(): { startLineNumber: number; severity: number; message: string; code?: string }[];
  getData(): { columns: string[]; rows: string[][] };
  shareUrl(): string;
  selectText(text: string, occurrence?: number): boolean;
  pointAt(text: string, occurrence?: number, inside?: number): { x: number; y: number } | null;
  loadExample(name: string): boolean;
  select(row: number | null): void;
  setLang(lang: 'zh' | 'en'): void;
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
    expect(await page.locator('#charts figure').count()).toBeGreaterThan(1);
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
  /** the mouse out of the editor, and wait until Monaco has hidden its hover (it hides after a delay) */
  const unhover = async (p: Page) => {
    await p.mouse.move(5, 5);
    await expect.poll(() => p.locator('.monaco-hover-content:visible').count()).toBe(0);
  };

  it('hovers an indicator with its effective weight and its rule in words', async () => {
    await hoverText(page, 'indicator 销售额达成', 'indicator 销'.length);
    const box = page.locator('.monaco-hover-content').filter({ hasText: '有效权重' }).first();
    await box.waitFor({ timeout: 5000 });
    const text = (await box.textContent()) ?? '';
    expect(text).toContain('销售额达成 — 有效权重 70%');
    expect(text).toContain('线性：得分 = 100 × min(实际 ÷ 目标 100%, 封顶 120%)，不低于 0');
    await shot(page, '03b-hover');
    await unhover(page);

    // inside a group: the product of the weights along the path
    expect(await hook(page, (h) => h.loadExample('区域经理'))).toBe(true);
    await hoverText(page, 'indicator 老店业绩增长率', 'indicator 老'.length);
    const box2 = page.locator('.monaco-hover-content').filter({ hasText: '老店业绩增长率 — 有效权重' }).first();
    await box2.waitFor({ timeout: 5000 });
    const text2 = (await box2.textContent()) ?? '';
    expect(text2).toContain('有效权重 24%');
    expect(text2).toContain('原有店铺运营 › 老店业绩增长率 (40% × 60%)');
    expect(text2).toContain('封顶 150%');
    await unhover(page);
    // and in English
    await hook(page, (h) => h.setLang('en'));
    await hoverText(page, 'indicator 销售任务达成', 'indicator 销'.length);
    const box3 = page.locator('.monaco-hover-content').filter({ hasText: 'effective weight' }).first();
    await box3.waitFor({ timeout: 5000 });
    expect(await box3.textContent()).toContain('a ratio below the floor 60% scores 0');
    await unhover(page);
    await hook(page, (h) => h.setLang('zh'));
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
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
    await expect.poll(() => hook(page, (h) => h.getResults()[0]!.total)).not.toBe(before!.total);
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

    const XLSX = await import('xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([
      ['工号', '姓名', '销售额达成', '人员流失率', '账目准确率', '货品专业知识达标', '会员流失率'],
      ['X1', '丙', { t: 'n', v: 0.965, z: '0.0%' }, '1.25%', '99%', '90%', '4%'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, sheet, 'Sheet1');
    const xlsx = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    await page.locator('#load').setInputFiles({ name: 'team.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await expect.poll(() => hook(page, (h) => h.getResults().map((r) => r.id))).toEqual(['X1']);
    // the same row as S002 of the example: 67.55 + 8 + 0 + 4.5 + 10
    expect((await hook(page, (h) => h.getData())).rows[0]![2]).toBe('96.5%');
    expect((await hook(page, (h) => h.getResults()))[0]!.total).toBe(90.05);
    expect(await hook(page, (h) => h.loadExample('店长'))).toBe(true);
  });

  it('picks an example from the picker and downloads the plan (.kpi) and the results (CSV)', async () => {
    await page.locator('#example').selectOption('区域经理');
    await expect.poll(() => hook(page, (h) => h.getPlan())).toContain('plan 区域经理季度考核');
    const results = await hook(page, (h) => h.getResults());
    expect(results.length).toBeGreaterThan(1);
    expect(results.every((r) => typeof r.total === 'number')).toBe(true);
    const [planDl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-plan').click()]);
    expect(planDl.suggestedFilename()).toBe('区域经理季度考核.kpi');
    expect(readFileSync((await planDl.path())!, 'utf8')).toBe(await hook(page, (h) => h.getPlan()));
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(csvDl.suggestedFilename()).toBe('区域经理季度考核.results.csv');
    const csv = readFileSync((await csvDl.path())!, 'utf8');
    expect(csv.startsWith('\ufeff工号,total,grade,coefficient,销售任务达成,')).toBe(true);
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

  it('logged no console errors', () => {
    expect(problems).toEqual([]);
  });
});
