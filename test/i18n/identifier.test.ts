/** One identifier rule: the lexer's. A fix that writes a name writes it bare only when the lexer reads it back as one name. */
import { describe, it, expect } from 'vitest';
import { analyze } from '../../packages/core/src/check/index.js';
import { isIdentifier } from '../../packages/core/src/lexer/tokens.js';
import { printName } from '../../packages/core/src/format/text.js';
import { tokenize } from '../../packages/core/src/lexer/index.js';

describe('the identifier rule', () => {
  it('is the lexer’s: a name is bare exactly when it lexes as one token', () => {
    for (const s of ['销售额', 'GMV_2024', '销售²', 'a-b', '执行力', '１２', 'ⅻ', 'é']) {
      const t = tokenize(s).tokens;
      const one = t.length === 1 && tokenize(s).diagnostics.length === 0 && (t[0]!.tokenType.name === 'Identifier' || t[0]!.tokenType.name.startsWith('Kw_'));
      expect(isIdentifier(s), s).toBe(one);
      expect(printName(s) === s, s).toBe(one);
    }
  });

  it('the KPI0701 fix quotes a column that is not a plain name, and the fixed plan is clean', () => {
    const plan = 'plan 店长 {\n  indicator 销售额 weight 100% target 100% scoring linear input "销售²"\n  test "t" {\n    given 销售额 = 100%\n    expect total = 100\n  }\n}\n';
    const d = analyze('x.kpi', plan).diagnostics.find((x) => x.code === 'KPI0701')!;
    expect(d.fix!.edits[0]!.text).toBe('"销售²"');
    const e = d.fix!.edits[0]!;
    const fixed = plan.slice(0, e.span.start) + e.text + plan.slice(e.span.end);
    expect(analyze('x.kpi', fixed).diagnostics).toEqual([]);
  });
});
