/**
 * The playground in a real browser: the BUILT app (vite build) served from 127.0.0.1 on a random port,
 * driven through playwright-core in Debian's Chromium. Screenshots go to test-results/playground/.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
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
    expect(await hook(page, (h) => h.selectText('grade = S'))).toBe(true);
    await page.keyboard.type('人');
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

  it('restores plan and data exactly from a share link in a new page', async () => {
    const plan = (await hook(page, (h) => h.getPlan())) + '\n# 分享测试 ✓\n';
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), plan);
    const data = await hook(page, (h) => h.getData());
    const url = await hook(page, (h) => h.shareUrl());
    expect(url).toMatch(/#v1=/);
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
      return s.top >= e.bottom - 1;
    });
    expect(stacked).toBe(true);
    await shot(narrow, '06-narrow');
    await narrow.close();
    const dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    watch(dark);
    await dark.goto(server.url);
    await dark.waitForSelector('.monaco-editor .view-lines');
    expect(await dark.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(246, 247, 249)');
    await shot(dark, '07-dark');
    await dark.close();
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
