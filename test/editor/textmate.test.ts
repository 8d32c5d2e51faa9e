/**
 * The VS Code extension's TextMate grammar, loaded as VS Code loads it (vscode-textmate on the
 * Oniguruma WASM engine): the tokens of an example, and a drift test — on every example plan, every
 * token the lexer reads gets the scope of its category, so the grammar cannot fall behind the lexer
 * (new keywords, in whatever language, come through TOKEN_CATALOG).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import oniguruma from 'vscode-oniguruma';
import vsctm from 'vscode-textmate';
import { TOKEN_CATALOG, tokenize } from '../../packages/core/src/index.js';
import { generateTextMate, TEXTMATE_SCOPES } from '../../packages/language-service/src/index.js';
// @ts-expect-error plain JS script
import { textMateGrammarText } from '../../scripts/gen-textmate.js';

const ROOT = join(fileURLToPath(import.meta.url), '../../..');
const require = createRequire(import.meta.url);

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '../onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  // exactly the text the .vsix build writes to editors/vscode/syntaxes/kpi.tmLanguage.json
  const text = (await textMateGrammarText()) as string;
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === 'source.kpi' ? vsctm.parseRawGrammar(text, 'kpi.tmLanguage.json') : null),
  });
  grammar = (await registry.loadGrammar('source.kpi'))!;
});

/** [text, innermost scope] of each token of each line */
function tokensOf(text: string): { line: number; start: number; end: number; text: string; scope: string }[] {
  let stack = vsctm.INITIAL;
  const out: { line: number; start: number; end: number; text: string; scope: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim()) out.push({ line: i, start: t.startIndex, end: t.endIndex, text: s, scope: t.scopes.at(-1)! });
    }
    stack = r.ruleStack;
  });
  return out;
}

describe('TextMate grammar', () => {
  it('is generated from the token catalogue (every keyword, method and setting listed)', () => {
    const g = generateTextMate(TOKEN_CATALOG);
    const all = JSON.stringify(g.repository.keyword);
    for (const e of TOKEN_CATALOG.filter((x) => x.category === 'keyword' || x.category === 'method' || x.category === 'setting')) {
      expect(all, e.literal).toContain(e.literal);
    }
  });

  it('tokenizes an example plan', () => {
    const src = [
      'plan 店长月度考核 {  # 月度',
      '  cycle monthly',
      '  indicator 销售额达成 weight 60% target 100% scoring linear cap 120% "说明"',
      '  indicator planA weight 40% target 1_000 scoring reverse',
      '  metric 人效 = 销售额 / max(人数, 1)',
      '  veto 安全 when 事故 >= 1 and not 豁免',
      '}',
    ].join('\n');
    const got = tokensOf(src).map((t) => `${t.text} ${t.scope}`);
    expect(got).toEqual([
      'plan keyword.control.kpi',
      '店长月度考核 variable.other.name.kpi',
      '{ punctuation.section.braces.kpi',
      '# 月度 comment.line.kpi',
      'cycle keyword.other.setting.kpi',
      'monthly keyword.other.setting.kpi',
      'indicator keyword.control.kpi',
      '销售额达成 variable.other.name.kpi',
      'weight keyword.control.kpi',
      '60% constant.numeric.percent.kpi',
      'target keyword.control.kpi',
      '100% constant.numeric.percent.kpi',
      'scoring keyword.control.kpi',
      'linear support.function.method.kpi',
      'cap keyword.control.kpi',
      '120% constant.numeric.percent.kpi',
      '"说明" string.quoted.double.kpi',
      'indicator keyword.control.kpi',
      // a keyword inside a longer name is part of the name, as the lexer reads it
      'planA variable.other.name.kpi',
      'weight keyword.control.kpi',
      '40% constant.numeric.percent.kpi',
      'target keyword.control.kpi',
      '1_000 constant.numeric.kpi',
      'scoring keyword.control.kpi',
      'reverse support.function.method.kpi',
      'metric keyword.control.kpi',
      '人效 variable.other.name.kpi',
      '= keyword.operator.kpi',
      '销售额 variable.other.name.kpi',
      '/ keyword.operator.kpi',
      'max keyword.control.kpi',
      '( punctuation.section.parens.kpi',
      '人数 variable.other.name.kpi',
      ', punctuation.kpi',
      '1 constant.numeric.kpi',
      ') punctuation.section.parens.kpi',
      'veto keyword.control.kpi',
      '安全 variable.other.name.kpi',
      'when keyword.control.kpi',
      '事故 variable.other.name.kpi',
      '>= keyword.operator.kpi',
      '1 constant.numeric.kpi',
      'and keyword.control.kpi',
      'not keyword.control.kpi',
      '豁免 variable.other.name.kpi',
      '} punctuation.section.braces.kpi',
    ]);
  });

  it('agrees with the lexer on every token of every example plan (drift test)', () => {
    const byName = new Map(TOKEN_CATALOG.map((e) => [e.name, e]));
    const dirs = [join(ROOT, 'examples'), join(ROOT, 'examples/broken')];
    let checked = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.kpi'))) {
        const text = readFileSync(join(dir, f), 'utf8');
        const lineStarts = [0];
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
        const tm = tokensOf(text);
        const lexed = tokenize(text);
        for (const t of [...lexed.tokens, ...lexed.comments]) {
          const entry = byName.get(t.tokenType.name);
          if (!entry) continue; // unterminated or curly strings: reported by the lexer, highlighted as best it can
          const line = lineStarts.findLastIndex((s) => s <= t.startOffset);
          const col = t.startOffset - lineStarts[line]!;
          const at = tm.find((x) => x.line === line && x.start <= col && col < x.end);
          const want = TEXTMATE_SCOPES[entry.category];
          const scope = at?.scope ?? '(none)';
          const ok = entry.category === 'punctuation' ? scope.startsWith('punctuation.') : scope === want;
          expect(ok, `${f}:${line + 1}:${col + 1} \`${t.image}\` is ${entry.category} to the lexer but ${scope} to the grammar`).toBe(true);
          // and the grammar's token covers the same text
          if (entry.category !== 'comment') expect(at?.text, `${f}:${line + 1}:${col + 1}`).toBe(t.image);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
