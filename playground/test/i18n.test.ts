/**
 * The playground in Chinese end to end (SPEC §8): diagnostics, the problems list, row errors and Monaco's
 * own labels follow the language toggle. The BUILT app in Debian's Chromium, as browser.test.ts.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the bench
import { CHROMIUM, buildApp, launch, serve } from './harness.js';

const skip = !existsSync(CHROMIUM) && !process.env.CI;

interface Hook {
  setPlan(text: string): Promise<void>;
  getPlan(): string;
  getMarkers(): { severity: number; message: string; code?: string }[];
  setLang(lang: 'zh' | 'en'): Promise<void>;
  getData(): { columns: string[]; rows: string[][] };
  setData(rows: { columns: string[]; rows: string[][] }): Promise<void>;
  select(row: number | null): Promise<void>;
  idle(): Promise<void>;
  pointAt(text: string, occurrence?: number, inside?: number): { x: number; y: number } | null;
}

describe.skipIf(skip)('playground languages', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let page: Page;
  let dist: string;
  const errors: string[] = [];
  const hook = <T>(f: (h: Hook) => T): Promise<T> => page.evaluate(`(${f.toString()})(window.kpiPlayground)`) as Promise<T>;

  beforeAll(async () => {
    dist = buildApp();
    server = await serve(dist);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as { kpiPlayground?: { ready: boolean } }).kpiPlayground?.ready === true);
    await page.waitForSelector('.monaco-editor .view-lines');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('shows diagnostics, the problems list and Monaco’s labels in Chinese, and in English after the toggle', async () => {
    const base = await hook((h) => h.getPlan());
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base.replace('weight 70%', 'weight 60%'));
    const zh = await hook((h) => h.getMarkers().find((m) => m.code === 'KPI0301')?.message);
    expect(zh).toMatch(/的权重合计 90%，应为 100%/);
    await expect.poll(() => page.locator('#problems li.sev-error').first().textContent()).toMatch(/应为 100%.*给其中一项/);
    // Monaco's own find widget, in its Chinese locale
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+F');
    await page.waitForSelector('.find-widget .input');
    expect(await page.getAttribute('.find-widget textarea, .find-widget input', 'aria-label')).toBe('查找');
    await page.keyboard.press('Escape');

    await hook((h) => h.setLang('en'));
    const en = await hook((h) => h.getMarkers().find((m) => m.code === 'KPI0301')?.message);
    expect(en).toMatch(/sum to 90%, expected 100%/);
    await expect.poll(() => page.locator('#problems li.sev-error').first().textContent()).toMatch(/expected 100%/);
    await hook((h) => h.setLang('zh'));
    expect(await hook((h) => h.getMarkers().find((m) => m.code === 'KPI0301')?.message)).toMatch(/应为 100%/);
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
    expect(errors).toEqual([]);
  });

  /** the real mouse over the plan's name, where the weight-sum marker is; the hover box that shows it */
  const markerHover = async (pattern: RegExp) => {
    const at = await hook((h) => h.pointAt('plan 店长月度考核', 0, 'plan 店长'.length));
    expect(at).not.toBeNull();
    await page.mouse.move(at!.x - 3, at!.y);
    await page.mouse.move(at!.x, at!.y);
    const box = page.locator('.monaco-hover-content').filter({ hasText: pattern }).first();
    await box.waitFor({ timeout: 5000 });
    const text = await box.textContent();
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('.monaco-hover-content:visible').count()).toBe(0);
    return text;
  };
  /** the page's own language toggle (the button in the header) */
  const toggleTo = async (lang: 'zh' | 'en') => {
    await expect.poll(() => page.locator('#lang').textContent()).toBe(lang === 'zh' ? '中文' : 'English');
    await page.click('#lang');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    await hook((h) => h.idle());
  };

  it('with the toggle on 中文 a plan error and a row error read in Chinese (problems, marker hover, row), on English in English', async () => {
    const base = await hook((h) => h.getPlan());
    const data = await hook((h) => h.getData());
    // a plan error: the weights sum to 90%; a row error: S001 has no 销售额达成
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base.replace('weight 70%', 'weight 60%'));
    const col = data.columns.indexOf('销售额达成');
    expect(col).toBeGreaterThan(0);
    const holed = { columns: data.columns, rows: data.rows.map((r, i) => (i === 0 ? r.map((c, k) => (k === col ? '' : c)) : r)) };
    await page.evaluate((d) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setData(d), holed);
    await hook((h) => h.select(0));
    const row = page.locator('#table tbody tr').first();

    // 中文 (the page opens in Chinese)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const zhProblem = page.locator('#problems li.sev-error').first();
    expect(await zhProblem.textContent()).toContain('KPI0301');
    expect(await zhProblem.textContent()).toMatch(/的权重合计 90%，应为 100%/);
    expect(await zhProblem.locator('.help').textContent()).toMatch(/给其中一项加上 10%|10%/);
    expect(await zhProblem.textContent()).not.toMatch(/sum to|expected/);
    expect(await markerHover(/应为 100%/)).not.toMatch(/sum to/);
    expect(await row.locator('td.res.total').getAttribute('title')).toBe('第 2 行的 `销售额达成` 列为空');
    expect(await page.locator('#explain').textContent()).toMatch(/此行无法评分.*列为空/);

    // English
    await toggleTo('en');
    const enProblem = page.locator('#problems li.sev-error').first();
    await expect.poll(() => enProblem.textContent()).toMatch(/weights in `店长月度考核` sum to 90%, expected 100%/);
    expect(await enProblem.locator('.help').textContent()).toBe('add 10% to one of them');
    expect(await markerHover(/expected 100%/)).not.toMatch(/应为/);
    expect(await row.locator('td.res.total').getAttribute('title')).toBe('column `销售额达成` is blank in row 2');
    expect(await page.locator('#explain').textContent()).toMatch(/This row cannot be scored.*is blank in row 2/);

    // and back
    await toggleTo('zh');
    await expect.poll(() => page.locator('#problems li.sev-error').first().textContent()).toMatch(/应为 100%/);
    expect(await markerHover(/应为 100%/)).toBeTruthy();
    await page.evaluate((d) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setData(d), data);
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
    expect(errors).toEqual([]);
  });

  it('shows an error of scoring a row (the core’s rowErrorDiagnostic) in the toggle’s language, as kpi score does', async () => {
    const base = await hook((h) => h.getPlan());
    const data = await hook((h) => h.getData());
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), 'plan 试算 {\n  indicator 品质 weight 100% scoring rating 1..5\n}\n');
    await page.evaluate((d) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setData(d), { columns: ['工号', '品质'], rows: [['P1', '9'], ['P2', '4']] });
    await hook((h) => h.select(0));
    const cell = page.locator('#table tbody tr').first().locator('td.res.total');
    expect(await cell.getAttribute('title')).toBe('`品质` 列的评分 9 超出了 `品质` 的评分范围 1..5');
    expect(await page.locator('#explain li').first().textContent()).toBe('`品质` 列的评分 9 超出了 `品质` 的评分范围 1..5');
    await toggleTo('en');
    await expect.poll(() => cell.getAttribute('title')).toBe('mark 9 in column `品质` is outside the rating scale 1..5 of `品质`');
    expect(await page.locator('#explain li').first().textContent()).toBe('mark 9 in column `品质` is outside the rating scale 1..5 of `品质`');
    await toggleTo('zh');
    await page.evaluate((d) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setData(d), data);
    await page.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), base);
    expect(errors).toEqual([]);
  });
});
