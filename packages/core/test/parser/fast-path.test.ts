// The parser's fast path (parser/fast.ts, issue 14) reads a plan without a diagnostic straight into the IR.
// Whatever it accepts must come out exactly as the reference path (chevrotain's parser and the CST → IR
// builder) makes it: the same IR key for key and in the same order (JSON text compared), the same keyword
// names, and no diagnostic from the reference. Where it gives up, parse() takes the reference path, so
// giving up is always safe; the tests also check it gives up rarely on plans as written.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fastParse } from '../../src/parser/fast.js';
import { parse, parseByGrammar } from '../../src/parser/index.js';
import { scanTape } from '../../src/lexer/scan.js';
import { KEYWORD_TOKENS } from '../../src/lexer/tokens.js';
import { SourceFile } from '../../src/source/span.js';
import { printPlanFile } from '../../src/format/print.js';
import { planFileArb } from '../arbitraries.js';

const root = new URL('../../../../', import.meta.url);
const files = execFileSync('git', ['ls-files', '-z', '*.kpi'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean)
  .map((f) => ({ name: f, text: readFileSync(new URL(f, root), 'utf8') }));

/** damaged copies of a text: truncated, a character cut, a stray token pasted in (as fast-cst.test.ts) */
function variants(text: string): string[] {
  const out = [text];
  const step = Math.max(1, Math.floor(text.length / 12));
  for (let i = step; i < text.length; i += step) {
    out.push(text.slice(0, i));
    out.push(text.slice(0, i) + text.slice(i + 1));
    out.push(text.slice(0, i) + [' @ ', ' , ', ' weight ', ' { ', ' } ', '\n权重 ', ' >= ', ' ; ', ' max ', ' coefficient 2 '][i % 10] + text.slice(i));
  }
  return out;
}

/**
 * Compare the two paths on `text`: when the fast path accepts it, the reference path must report nothing
 * and build the same IR and keyword names. Returns whether the fast path accepted.
 */
function agrees(text: string, what: string): boolean {
  const fast = fastParse(text, scanTape(text));
  if (!fast) return false;
  const ref = parseByGrammar(new SourceFile('f.kpi', text));
  expect(ref.diagnostics.map((d) => `${d.code} ${d.message}`), `${what}: the fast path accepted a plan the reference reports on\n${text}`).toEqual([]);
  expect(JSON.stringify(fast.file, null, 1), `${what}\n${text}`).toBe(JSON.stringify(ref.file, null, 1));
  expect([...fast.keywordNames].sort((a, b) => a - b), `${what}: keyword names`).toEqual([...(ref.keywordNames ?? [])].sort((a, b) => a - b));
  return true;
}

/** every keyword's spellings by English spelling (`weight` → [`weight`, `权重`]) */
const SPELLINGS = new Map<string, string[]>();
for (const [text, type] of KEYWORD_TOKENS) {
  const en = type.name.slice(3);
  SPELLINGS.set(en, [...(SPELLINGS.get(en) ?? []), ...(text === en ? [] : [text])]);
}
/** the same plan with each English keyword (outside strings) in a spelling chosen by `pick` */
function respell(text: string, pick: (choices: string[]) => string): string {
  return text.replace(/"(?:[^"\\\n]|\\.)*"|[A-Za-z_]+/g, (w) => {
    const zh = SPELLINGS.get(w);
    return zh && zh.length > 0 ? pick([w, ...zh]) : w;
  });
}

/** forms chosen for where chevrotain decides on more than the next token, or where a keyword is a name */
const EDGE_PLANS = [
  // a column named like a function, and the functions
  'plan P { metric m = max + min * abs - max.x metric n = max(a, b) + min(1) + abs() metric o = (max) }',
  // `not` and unary minus chains, comparisons, logic, parentheses keeping their span
  'plan P { veto v when not not a > 1 and - - b <= 2 or (c == 3) and d != 4 }',
  'plan P { metric m = ((a + b)) * -(c / 2%) default "1,200" metric n = a default -5% }',
  // grade lines: a grade named `coefficient`, separators, no minimum
  'plan P { grades { S >= 95 coefficient 1.5, A >= 85; coefficient >= 1 coefficient 2 D } }',
  'plan P { grades { coefficient } }',
  // keywords as names, quoted names, the target forms
  'plan P { indicator weight weight 10% target target scoring linear\n indicator "名 称" weight 5 target "¥1,200,000" scoring reverse\n indicator x weight 5 target 3..5 scoring threshold unit % default "0" optional lower "说明" }',
  'plan P { indicator a weight 1 target "目标 (含税)" scoring linear input a.b.c cap 120% floor -10% unit 元 }',
  'plan P { indicator a weight 1 target NaN scoring linear }',
  // methods
  'plan P { indicator a weight 1 scoring bands on ratio lower { >= 100%: 100, > 80%: 60; <= 1: 2 < 0: 1 else: 0 else: 5 } }',
  'plan P { indicator a weight 1 scoring curve on actual { 2: 40, 4: 100; 6: 120 } }',
  'plan P { indicator a weight 1 scoring deduct 2 per 1 max 10 }',
  'plan P { indicator a weight 1 target 100% scoring deduct 5 per 1% below target max 30 whole add 2 per 1% above target started }',
  'plan P { indicator a weight 1 target 5 scoring deduct 10 per 5 above target }',
  'plan P { indicator a weight 1 scoring deduct 2 per 1 whole }',
  'plan P { indicator a weight 1 scoring rating 1..5 raters { self 10%, manager 70%; peer 20% } }',
  'plan P { indicator a weight 1 scoring rating 1..5 }',
  // groups, settings, allow, bonus and penalty, tests
  'plan P { cycle monthly role 店长 round 2 ; group g weight 60% optional { indicator a weight 100% scoring linear ; group h { } } }',
  'plan P { allow negative total allow KPI0601 "说明" allow KPI0602\n allow x y }',
  'plan P { allow negative\n total }',
  // a line may end in \r\n or a lone \r (old Mac files): `allow` takes a second name on its own line only, and a
  // statement keyword at a line's start ends an expression
  'plan P { allow negative\r total }',
  'plan P { allow negative\r\n total }',
  'plan P { metric m = a + b\r metric n = c\r\n veto v when a > 1\r indicator i weight 100% scoring linear }',
  'plan P { bonus b points 2 per 1 max 10 input 提案.数 default "3" penalty p per 1 points -1 }',
  'plan P { test t { given a = 1, b.c = "不适用" d = 2 e.f = 3%\n expect 总分 = 90 expect 等级 = A ; } }',
  'plan P { test t { given a = 1 expect x = -1 } }',
  'plan P { round 2_ } plan Q { }',
  'plan P { round 2.5 }',
  'plan P { cycle monthly cycle annual }',
  // a statement keyword starting a line where an operand is expected
  'plan P { metric m = a +\n indicator b weight 1 scoring linear }',
  '',
];
/** forms the fast path leaves to the reference path though they are valid (SPEC §7's builder, build-money.ts) */
const LEFT_TO_REFERENCE = [
  'plan P { }\nplan Q { indicator a weight 1 scoring linear aggregate sum }',
  'plan P { group g aggregate last { indicator a weight 1 scoring linear } }',
  'plan P { pay 绩效工资 = 5000 * 系数 }',
  'plan P { test t { person 张三 given a = 1 } }',
];

describe('the fast path builds what the reference path builds', () => {
  it(`on every plan file of the repository and damaged copies of them (${files.length} files)`, () => {
    let accepted = 0;
    let texts = 0;
    for (const f of files) {
      for (const text of variants(f.text)) {
        texts++;
        if (agrees(text, f.name)) accepted++;
      }
    }
    expect(texts).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(50);
  });

  it('reads nearly every clean plan of the repository itself (it gives up only on forms it does not know)', () => {
    const clean = files.filter((f) => parseByGrammar(new SourceFile(f.name, f.text)).diagnostics.length === 0);
    const read = clean.filter((f) => agrees(f.text, f.name));
    expect(clean.length).toBeGreaterThan(25);
    expect(read.length / clean.length).toBeGreaterThan(0.9);
  });

  it('on the forms where chevrotain looks two tokens ahead or a keyword is a name: it reads each plan the reference reads without a diagnostic', () => {
    for (const [i, t] of EDGE_PLANS.entries()) {
      const clean = parseByGrammar(new SourceFile('f.kpi', t)).diagnostics.length === 0;
      expect(agrees(t, `edge plan ${i}`), `edge plan ${i}: ${t}`).toBe(clean);
    }
    for (const t of LEFT_TO_REFERENCE) {
      expect(parseByGrammar(new SourceFile('f.kpi', t)).diagnostics, t).toEqual([]);
      expect(fastParse(t, scanTape(t)), t).toBeUndefined();
    }
  });

  it('on random valid plans (printed from random IR), in English, Chinese and mixed keyword spellings', () => {
    let accepted = 0;
    fc.assert(
      fc.property(planFileArb, fc.integer({ min: 0, max: 2 }), fc.infiniteStream(fc.nat()), (ir, style, choices) => {
        const printed = printPlanFile(ir);
        const text = style === 0 ? printed : respell(printed, (c) => (style === 1 ? c[c.length - 1]! : c[choices.next().value % c.length]!));
        if (agrees(text, `style ${style}`)) accepted++;
      }),
      { seed: 20261206, numRuns: 300 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('on a 2,000-indicator plan as the parser bench generates it', () => {
    const lines = ['plan 基准方案 {', '  cycle monthly', '  role 店长', '  round 2'];
    for (let g = 0; g < 200; g++) {
      lines.push(`  group 组${g} weight ${g === 199 ? 100 - 199 * 0.01 : 0.01}% {`);
      for (let i = 0; i < 10; i++) {
        const k = (g * 10 + i) % 5;
        const name = `指标_${g}_${i}`;
        if (k === 0) lines.push(`    indicator ${name} weight 10% target 1_200_000 unit 元 scoring linear cap 120% floor 60% "销售额达成"`);
        else if (k === 1) lines.push(`    indicator ${name} weight 10% target 1% scoring reverse`);
        else if (k === 2) lines.push(`    indicator ${name} weight 10% target 5 scoring bands on ratio {`, '      >= 100%: 100', '      >= 80%: 60', '      else: 0', '    }');
        else if (k === 3) lines.push(`    indicator ${name} weight 10% target 4 scoring curve { 2: 40, 4: 100, 6: 120 }  // 周转`);
        else lines.push(`    indicator ${name} weight 10% scoring rating 1..5 raters { self 10%, manager 70%, peer 20% }`);
      }
      lines.push('  }');
    }
    for (let m = 0; m < 50; m++) lines.push(`  metric 指标派生${m} = (本期${m} - 上期${m}) / max(上期${m}, 1) * 100%`);
    lines.push('  bonus 创新提案 points 2 per 1 max 10', '  veto 重大事故 when 事故次数 > 0 or 投诉 >= 3 and not 豁免 == 1');
    lines.push('  grades {', '    S >= 95 coefficient 1.5', '    A >= 85 coefficient 1.2', '    D coefficient 0.5', '  }', '}', '');
    expect(agrees(lines.join('\n'), 'generated plan')).toBe(true);
  });

  it('parse() answers with the fast path when it accepts, with the reference path when it gives up', () => {
    const good = 'plan P { indicator a weight 100% scoring linear }';
    expect(parse(new SourceFile('f.kpi', good))).toEqual({ ...parseByGrammar(new SourceFile('f.kpi', good)) });
    const bad = 'plan P { indicator a weight 100% }';
    const r = parse(new SourceFile('f.kpi', bad));
    expect(fastParse(bad, scanTape(bad))).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KPI0106']);
  });
});
