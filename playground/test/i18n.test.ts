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
  setPlan(text: string): void;
  getPlan(): string;
  getMarkers(): { severity: number; message: string; code?: string }[];
  setLang(lang: 'zh' | 'en'): void;
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
});
