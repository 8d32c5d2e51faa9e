/**
 * The diagnostic catalogue: every code has its texts in Chinese and English, and every template of an
 * entry uses the same placeholders in both languages. Call sites are typed by the English templates
 * (`diag()`'s ArgsOf), so an argument a template does not have, or a missing one, does not compile;
 * here the Chinese side is held to the same arguments, and real diagnostics are checked to leave no
 * placeholder unfilled in either language.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../packages/core/src/diagnostics/catalogue.js';
import { MESSAGE_TABLE } from '../../packages/core/src/diagnostics/messages/index.js';
import { paramsOf } from '../../packages/core/src/diagnostics/template.js';
import { localize } from '../../packages/core/src/diagnostics/diag.js';
import { analyze } from '../../packages/core/src/check/index.js';
import { ROOT } from '../cli/helpers.js';
import { SYNTAX_MESSAGES } from '../../packages/core/src/diagnostics/messages/syntax.js';
import { CHECK_MESSAGES } from '../../packages/core/src/diagnostics/messages/check.js';
import { DATA_MESSAGES } from '../../packages/core/src/diagnostics/messages/data.js';
import { RUN_MESSAGES } from '../../packages/core/src/diagnostics/messages/run.js';
import { CLI_MESSAGES } from '../../packages/core/src/diagnostics/messages/cli.js';
import { UI_MESSAGES } from '../../packages/core/src/diagnostics/messages/ui.js';
import { MONEY_MESSAGES } from '../../packages/core/src/diagnostics/messages/money.js';
import { SQL_MESSAGES } from '../../packages/core/src/diagnostics/messages/sql.js';
import { PLAYGROUND_MESSAGES } from '../../packages/core/src/diagnostics/messages/playground.js';
import { HELP_MESSAGES } from '../../packages/core/src/diagnostics/messages/help.js';

/** arguments that only serve English grammar (a plural `s`, `is not`/`are not`): Chinese may leave them out */
const ENGLISH_ONLY = new Set(['s', 'verb']);
const same = (en: string[], zh: string[]) =>
  [...new Set(en)].filter((p) => !ENGLISH_ONLY.has(p) || zh.includes(p)).sort().join(',') === [...new Set(zh)].sort().join(',');

describe('the catalogue', () => {
  it('has a Chinese summary and both-language texts for every code', () => {
    const missing = [...CATALOGUE.keys()].filter((code) => {
      const e = MESSAGE_TABLE[code];
      return !e || !e.summaryZh || !e.message.en || !e.message.zh;
    });
    expect(missing).toEqual([]);
  });

  it('gives every template both languages with the same placeholders', () => {
    const bad: string[] = [];
    for (const [id, e] of Object.entries(MESSAGE_TABLE)) {
      for (const part of ['message', 'help', 'fix'] as const) {
        const t = e[part];
        if (!t) continue;
        if (!t.en || !t.zh) bad.push(`${id}.${part}: a language is missing`);
        else if (!same(paramsOf(t.en), paramsOf(t.zh))) bad.push(`${id}.${part}: {{${paramsOf(t.en)}}} ≠ {{${paramsOf(t.zh)}}}`);
      }
      if (/^KPI\d{4}(\.|$)/.test(id) && !CATALOGUE.has(id.slice(0, 7))) bad.push(`${id}: no such code in codes/`);
    }
    expect(bad).toEqual([]);
  });

  it('fills every placeholder of real diagnostics, in both languages', () => {
    const dir = join(ROOT, 'grammar/diagnostics');
    const plans = readdirSync(dir)
      .filter((f) => /^KPI0[1-7]/.test(f))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/```kpi\n([\s\S]*?)```/g)].map((m) => m[1]!));
    expect(plans.length).toBeGreaterThan(50);
    let seen = 0;
    for (const text of plans) {
      for (const d of analyze('x.kpi', text).diagnostics) {
        for (const lang of ['en', 'zh'] as const) {
          const l = localize(d, lang);
          const texts = [l.message, l.help ?? '', l.fix?.message ?? '', ...(l.related ?? []).map((r) => r.message)];
          for (const s of texts) expect(s, `${d.code} ${lang}`).not.toMatch(/\{\{\w+\}\}|undefined|\[object Object\]/);
          expect(l.message.length, `${d.code} ${lang} message`).toBeGreaterThan(0);
          if (lang === 'zh' && d.t) expect(l.message, `${d.code} has a Chinese message`).toMatch(/\p{Script=Han}/u);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('defines every message id in one file only (the table is their union: a second entry would silently win)', () => {
    const files = { SYNTAX_MESSAGES, CHECK_MESSAGES, DATA_MESSAGES, RUN_MESSAGES, CLI_MESSAGES, UI_MESSAGES, MONEY_MESSAGES, SQL_MESSAGES, PLAYGROUND_MESSAGES, HELP_MESSAGES };
    const where = new Map<string, string[]>();
    for (const [file, table] of Object.entries(files)) for (const id of Object.keys(table)) where.set(id, [...(where.get(id) ?? []), file]);
    expect([...where].filter(([, fs]) => fs.length > 1)).toEqual([]);
    // and the union is exactly these files: a new messages/*.ts file must be listed here too
    expect(readdirSync(join(ROOT, 'packages/core/src/diagnostics/messages')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').length).toBe(Object.keys(files).length);
    expect(Object.keys(MESSAGE_TABLE).length).toBe(where.size);
  });
});
