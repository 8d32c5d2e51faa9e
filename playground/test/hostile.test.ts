/**
 * Issue 13 in real Chromium (the BUILT playground, playwright-core, Debian's Chromium):
 *  1. the probe's 22-line share link (`metric m1 = m0 * m0` … `m20`) used to freeze the tab: the checker now
 *     refuses the plan (KPI0950) before anything is scored, and the page stays responsive;
 * 10. a name like `"[点此查看考核细则](https://…)"` shows in the hover as text, never as a link.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the bench
import { CHROMIUM, buildApp, launch, serve } from './harness.js';
import { encodeShare } from '../src/store/share.js';

const skip = !existsSync(CHROMIUM) && !process.env.CI;

interface Hook {
  ready: boolean;
  setPlan(text: string): void;
  getMarkers(): { severity: number; message: string; code?: string | { value: string } }[];
  pointAt(text: string, occurrence?: number, inside?: number): { x: number; y: number } | null;
}

describe.skipIf(skip)('hostile plans in the playground (Chromium)', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let dist: string;
  const errors: string[] = [];
  const open = async (hash = '') => {
    const p = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(server.url + hash);
    await p.waitForFunction(() => (window as unknown as { kpiPlayground?: Hook }).kpiPlayground?.ready === true, undefined, { timeout: 30_000 });
    await p.waitForSelector('.monaco-editor .view-lines');
    return p;
  };
  const codeOf = (m: { code?: string | { value: string } }) => (typeof m.code === 'object' ? m.code.value : m.code);

  beforeAll(async () => {
    dist = buildApp();
    server = await serve(dist);
    browser = await launch();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('1. the squaring chain from a share link: KPI0950 in the editor, the tab stays responsive', async () => {
    const plan = ['plan 爆炸 {', '  metric m0 = x', ...Array.from({ length: 20 }, (_, i) => `  metric m${i + 1} = m${i} * m${i}`), '  indicator m20 weight 100% target 100 scoring linear', '}', ''].join('\n');
    const hash = encodeShare({ plan, data: { columns: ['工号', 'x'], rows: [['S1', '3'], ['S2', '1.5']] } });
    const t0 = Date.now();
    const p = await open(hash);
    await expect.poll(async () => (await p.evaluate(() => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.getMarkers())).map(codeOf), { timeout: 20_000 }).toContain('KPI0950');
    // responsive: a script runs at once, and typing still works
    const before = Date.now();
    expect(await p.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - before).toBeLessThan(2_000);
    expect(Date.now() - t0).toBeLessThan(60_000);
    await p.close();
  }, 120_000);

  it('10. a Markdown link as an indicator name is text in the hover, not a link', async () => {
    const p = await open();
    const name = '"[点此查看考核细则](https://example.com/phish)"';
    await p.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.setPlan(t), `plan 店长 {\n  indicator ${name} weight 100% target 100% scoring linear\n}\n`);
    // the engine runs in a worker: hover answers from the analysis of the new text once it has come back
    await expect.poll(() => p.evaluate(() => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.getMarkers().length), { timeout: 10_000 }).toBe(0);
    const at = await p.evaluate((t) => (window as unknown as { kpiPlayground: Hook }).kpiPlayground.pointAt(t, 0, 3), name);
    expect(at).not.toBeNull();
    const box = p.locator('.monaco-hover-content').filter({ hasText: '有效权重' }).first();
    await expect
      .poll(async () => {
        await p.mouse.move(5, 5);
        await p.mouse.move(at!.x - 3, at!.y);
        await p.mouse.move(at!.x, at!.y);
        return box.waitFor({ timeout: 2_000 }).then(() => true, () => false);
      }, { timeout: 20_000 })
      .toBe(true);
    expect(await box.textContent()).toContain('[点此查看考核细则](https://example.com/phish) — 有效权重 100%');
    expect(await box.locator('a').count()).toBe(0);
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);
});
