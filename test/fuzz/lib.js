/**
 * The plan fuzzer, shared by `pnpm fuzz` (test/fuzz/run.js, built core) and the CI test
 * (test/robustness/fuzz.test.ts, core sources).
 *
 * A case is a recipe drawn by fast-check: an example plan from examples/ and a list of mutations
 * (delete / insert / duplicate tokens and lines, truncation at every length class, random Unicode
 * incl. lone surrogates, RTL and zero-width marks, BOM, NUL, CR/CRLF mixes, and scaled-down
 * giants: deep parentheses, long names, many indicators). `checkCase` applies the invariant:
 * analyze (parse + check) returns well-formed diagnostics, every error-free plan compiles and
 * scores hostile rows, formatText (when the core has one) returns text — never an exception.
 *
 * The core is passed in (`core` = the module namespace of @kpi/core), so the same code runs
 * against dist/ and src/.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES_DIR = join(import.meta.dirname, '..', '..', 'examples');

/** the example plans (examples/*.kpi and examples/broken/*.kpi), as texts */
export function loadExamples() {
  const out = [];
  for (const dir of [EXAMPLES_DIR, join(EXAMPLES_DIR, 'broken')]) {
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.kpi')) out.push({ name: f, text: readFileSync(join(dir, f), 'utf8') });
  }
  return out;
}

const KEYWORDS = [
  'plan', 'indicator', 'group', 'weight', 'target', 'scoring', 'linear', 'reverse', 'threshold', 'bands', 'curve', 'rating',
  'deduct', 'per', 'max', 'min', 'abs', 'cap', 'floor', 'input', 'unit', 'default', 'metric', 'veto', 'when', 'bonus', 'points',
  'grades', 'coefficient', 'test', 'given', 'expect', 'total', 'grade', 'else', 'on', 'ratio', 'raters', 'self', 'manager', 'peer',
  'cycle', 'monthly', 'quarterly', 'role', 'round', 'and', 'or', 'not',
];
const PUNCT = ['{', '}', '(', ')', '=', '>=', '<=', '>', '<', '==', '!=', ':', ',', ';', '..', '.', '-', '+', '*', '/', '%', '"', '“', '”', '#', '//', '\n', ' ', '\t'];
const NUMBERS = ['0', '1', '95%', '100%', '0%', '1_200_000', '0.5', '1e309', '-0', 'NaN', 'Infinity', '1e-400', '123456789012345678901234567890', '9'.repeat(40) + '%', '0.000000000000000000000000001', '00', '1__0', '1.', '.5', '１２０％'];
const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '"); process.exit(1); //', '${process.exit(1)}', '`', '"`${1}`"', '"\u2028"', '"a\\"b"', '"\\u0000"'];
const UNICODE = [
  '销售额', '達成率', '考核', '한국어', 'Ω', 'é', 'e\u0301', '😀', '👩‍👩‍👧', '🇨🇳', '\ud800', '\udc00', '\udbff', '\u200b', '\u200c', '\u200d',
  '\u200e', '\u200f', '\u202e', '\u2066', '\ufeff', '\u0000', '\u2028', '\u2029', '\u00a0', '\u3000', '\r', '\r\n', '\x1b[31m', '\ufffd', '\uffff',
  '，', '：', '（', '）', '％', '＝', '１',
];

/** a rough tokenization good enough for token-level mutations */
const TOKEN_RE = /\s+|"(?:[^"\\\n]|\\.)*"?|[\p{L}\p{N}_]+|[><=!]=|\.\.|\/\/|[^]/gu;
const tokensOf = (text) => text.match(TOKEN_RE) ?? [];

const tokenPool = [...KEYWORDS, ...PUNCT, ...NUMBERS, ...HOSTILE_NAMES, ...UNICODE];

/** one mutation: a kind and a few random numbers the kind interprets */
const mutationArb = fc.record({
  kind: fc.constantFrom(
    'delTok', 'delTok', 'insTok', 'insTok', 'dupTok', 'delLine', 'dupLine', 'swapLines', 'truncate', 'unicode', 'unicode',
    'bom', 'nul', 'newlines', 'deepParens', 'longName', 'manyIndicators', 'hostileName', 'number', 'splice',
  ),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
});

export const recipeArb = fc.record({
  example: fc.nat(),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
});

const pick = (arr, n) => arr[n % arr.length];

/** Apply one mutation. Giants are scaled down here (the full sizes are fixed cases, see GIANTS). */
function mutate(text, m, all) {
  const { kind, a, b, c } = m;
  switch (kind) {
    case 'delTok': {
      const t = tokensOf(text);
      if (!t.length) return text;
      t.splice(a % t.length, 1 + (b % 3 === 0 ? c % 4 : 0));
      return t.join('');
    }
    case 'insTok': {
      const t = tokensOf(text);
      t.splice(a % (t.length + 1), 0, pick(tokenPool, b), b % 2 ? ' ' : '');
      return t.join('');
    }
    case 'dupTok': {
      const t = tokensOf(text);
      if (!t.length) return text;
      const i = a % t.length;
      t.splice(i, 0, ...t.slice(i, i + 1 + (b % 5)));
      return t.join('');
    }
    case 'delLine': {
      const l = text.split('\n');
      l.splice(a % l.length, 1 + (b % 3));
      return l.join('\n');
    }
    case 'dupLine': {
      const l = text.split('\n');
      const i = a % l.length;
      l.splice(i, 0, ...Array(1 + (b % 3)).fill(l[i]));
      return l.join('\n');
    }
    case 'swapLines': {
      const l = text.split('\n');
      const i = a % l.length;
      const j = b % l.length;
      [l[i], l[j]] = [l[j], l[i]];
      return l.join('\n');
    }
    case 'truncate': {
      // length classes: empty, one char, a few, middle, all but one, anywhere (may split a surrogate pair)
      const n = text.length;
      const at = [0, 1, Math.min(n, 2 + (a % 16)), n >> 1, Math.max(0, n - 1), a % (n + 1)][b % 6];
      return text.slice(0, at);
    }
    case 'unicode': {
      const at = a % (text.length + 1);
      let ins = '';
      for (let k = 0; k <= c % 4; k++) ins += pick(UNICODE, b + k * 7);
      return text.slice(0, at) + ins + text.slice(at);
    }
    case 'bom':
      return (a % 2 ? '\ufeff' : '\ufeff\ufeff') + text;
    case 'nul': {
      const at = a % (text.length + 1);
      return `${text.slice(0, at)}\u0000${text.slice(at)}`;
    }
    case 'newlines': {
      // mix LF, CRLF and lone CR
      const style = a % 3;
      let k = b;
      return text.replace(/\r?\n/g, () => {
        k = (k * 1103515245 + 12345) & 0x7fffffff;
        return style === 0 ? '\r\n' : style === 1 ? '\r' : ['\n', '\r\n', '\r'][k % 3];
      });
    }
    case 'deepParens': {
      const d = 1 + (a % 400);
      const open = b % 3 === 0 ? d : d - (c % 3); // sometimes unbalanced
      const line = `\n  metric m${c % 10} = ${'('.repeat(d)}1${')'.repeat(Math.max(0, open))}\n`;
      return insertInsidePlan(text, line, a);
    }
    case 'longName': {
      const n = 1 + (a % 5000);
      const name = b % 2 ? '名'.repeat(n) : `"${'x '.repeat(n >> 1)}"`;
      return insertInsidePlan(text, `\n  indicator ${name} weight 5% target 1 scoring linear\n`, c);
    }
    case 'manyIndicators': {
      const n = 1 + (a % 60);
      let s = '\n';
      for (let k = 0; k < n; k++) s += `  indicator 指标${k} weight ${(b % 7) + 1}% target ${k + 1} scoring ${pick(['linear', 'reverse', 'threshold'], k + c)}\n`;
      return insertInsidePlan(text, s, c);
    }
    case 'hostileName': {
      const name = pick(HOSTILE_NAMES, a);
      const where = b % 3;
      if (where === 0) return insertInsidePlan(text, `\n  indicator ${quoteName(name)} weight 10% target 1 scoring linear\n`, c);
      if (where === 1) return insertInsidePlan(text, `\n  metric ${quoteName(name)} = ${quoteName(pick(HOSTILE_NAMES, c))} + 1\n`, c);
      // rename the first indicator
      return text.replace(/indicator\s+(\S+)/, `indicator ${quoteName(name)}`);
    }
    case 'number': {
      // replace one number by a hostile one
      let k = 0;
      const target = a % 40;
      return text.replace(/\d+(?:\.\d+)?%?/g, (s) => (k++ === target ? pick(NUMBERS, b) : s));
    }
    case 'splice': {
      // a piece of another example pasted somewhere
      const other = pick(all, a).text;
      const from = b % (other.length + 1);
      const piece = other.slice(from, from + (c % 300));
      const at = (a + c) % (text.length + 1);
      return text.slice(0, at) + piece + text.slice(at);
    }
    default:
      return text;
  }
}

const quoteName = (s) => (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(s) ? s : s.startsWith('"') ? s : JSON.stringify(s));

function insertInsidePlan(text, piece, n) {
  // after the first `{` when there is one, otherwise at a position
  const i = text.indexOf('{');
  const at = i >= 0 && n % 4 !== 0 ? i + 1 : n % (text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

/** the text of a recipe */
export function buildText(recipe, examples) {
  let text = pick(examples, recipe.example).text;
  for (const m of recipe.mutations) text = mutate(text, m, examples);
  return text;
}

/** hostile rows for a compiled plan: NaN, 0, -0, negatives, huge, tiny, fractions */
const ROW_VALUES = [NaN, 0, -0, 1, -1, 0.95, 1e308, -1e308, 5e-324, 1e-300, 100, 3, Infinity, -Infinity, 123456789.123456789, 0.1 + 0.2];

/**
 * The invariant. Returns undefined when the case is fine, or a finding `{ kind, message, stack }`.
 * Any exception is caught and reported, never thrown. `info.clean` (when an object is passed) tells whether
 * the text was an error-free plan, i.e. whether compile/score/explain/emit ran too.
 */
export function checkCase(core, text, name = 'fuzz.kpi', info = undefined) {
  let stage = 'analyze';
  try {
    const a = core.analyze(name, text);
    if (!a || !Array.isArray(a.diagnostics) || !a.file || !Array.isArray(a.file.plans)) return finding('shape', 'analyze returned no diagnostics or no file');
    for (const d of a.diagnostics) {
      if (typeof d.code !== 'string' || !/^KPI\d{4}$/.test(d.code)) return finding('diagnostic', `bad code ${String(d.code)}`);
      if (typeof d.message !== 'string' || !d.message) return finding('diagnostic', `${d.code} has no message`);
      if (d.span && (d.span.start < 0 || d.span.end > text.length || d.span.start > d.span.end)) {
        return finding('diagnostic', `${d.code} span ${d.span.start}-${d.span.end} outside text of length ${text.length}`);
      }
    }
    const hasErr = a.diagnostics.some((d) => d.severity === 'error');
    if (info) info.clean = !hasErr;
    if (!hasErr) {
      for (const plan of a.file.plans) {
        stage = 'compilePlan';
        const c = core.compilePlan(plan, { file: name });
        if (!c || !Array.isArray(c.diagnostics)) return finding('shape', 'compilePlan returned no diagnostics');
        if (c.compiled) {
          stage = 'score';
          const n = c.compiled.inputs.length;
          for (let r = 0; r < 4; r++) {
            const v = new Float64Array(n);
            for (let i = 0; i < n; i++) v[i] = r === 0 ? 1 : ROW_VALUES[(i * 7 + r * 13 + text.length) % ROW_VALUES.length];
            const o = c.compiled.score(v);
            if (!o || typeof o.ok !== 'boolean') return finding('shape', 'score returned no outcome');
            if (o.ok && !Number.isFinite(o.result.total)) return finding('score', `total is ${o.result.total}`);
          }
          stage = 'explain';
          c.compiled.explain(new Float64Array(n).fill(1));
          stage = 'runPlanTests';
          if (core.runPlanTests) core.runPlanTests(plan, { file: name });
        }
        if (core.emitModule) {
          stage = 'emitModule';
          const code = core.emitModule(plan, { file: name });
          if (typeof code !== 'string') return finding('shape', 'emitModule returned no text');
        }
      }
    }
    if (typeof core.formatText === 'function') {
      stage = 'formatText';
      const f = core.formatText(name, text);
      if (!f || !Array.isArray(f.diagnostics)) return finding('shape', 'formatText returned no diagnostics');
      if (f.output !== undefined) {
        // the formatted text parses without syntax errors, and formatting it again changes nothing
        const syntax = core.parseText(name, f.output).diagnostics.filter((d) => d.severity === 'error');
        if (syntax.length) return finding('format', `formatted text has a syntax error: ${syntax[0].code} ${syntax[0].message}`);
        const again = core.formatText(name, f.output);
        if (again.output !== f.output) return finding('format', 'formatting is not idempotent');
      }
    }
    return undefined;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return finding(err instanceof RangeError && /call stack/.test(err.message) ? 'stack-overflow' : 'exception', `${stage}: ${err.message}`, err.stack);
  }
}

const finding = (kind, message, stack) => ({ kind, message, ...(stack ? { stack } : {}) });

/** The full-size giants of the brief, as fixed cases (each must finish in the time bound). */
export const GIANTS = [
  { name: '20,000-deep parentheses in a metric', make: () => `plan P {\n  metric m = ${'('.repeat(20000)}1${')'.repeat(20000)}\n  indicator m weight 100% target 1 scoring linear\n}\n` },
  { name: '20,000 unclosed parentheses', make: () => `plan P {\n  metric m = ${'('.repeat(20000)}\n  indicator a weight 100% target 1 scoring linear\n}\n` },
  { name: '20,000-deep braces', make: () => `plan P ${'{'.repeat(20000)}${'}'.repeat(20000)}\n` },
  { name: '20,000-deep unary minus', make: () => `plan P {\n  metric m = ${'-'.repeat(20000)}1\n  indicator m weight 100% target 1 scoring linear\n}\n` },
  { name: '20,000-long + chain', make: () => `plan P {\n  metric m = ${Array(20000).fill('1').join(' + ')}\n  indicator m weight 100% target 1 scoring linear\n}\n` },
  { name: '20,000-deep not in a veto', make: () => `plan P {\n  indicator a weight 100% target 1 scoring linear\n  veto v when ${'not '.repeat(20000)}a > 1\n}\n` },
  { name: '200,000-character identifier', make: () => `plan P {\n  indicator ${'销'.repeat(200000)} weight 100% target 1 scoring linear\n}\n` },
  { name: '200,000-character quoted name', make: () => `plan P {\n  indicator "${'a b '.repeat(50000)}" weight 100% target 1 scoring linear\n}\n` },
  { name: '200,000-character unterminated string', make: () => `plan P {\n  indicator "${'x'.repeat(200000)}\n}\n` },
  { name: '200,000-digit number', make: () => `plan P {\n  indicator a weight 100% target ${'9'.repeat(200000)} scoring linear\n}\n` },
  {
    name: '10,000 indicators (weights summing to 100%)',
    make: () => `plan P {\n${Array.from({ length: 10000 }, (_, i) => `  indicator 指标${i} weight 0.01% target ${i + 1} scoring linear\n`).join('')}}\n`,
  },
  {
    name: '10,000 indicators in 100 groups',
    make: () => {
      let s = 'plan P {\n';
      for (let g = 0; g < 100; g++) {
        s += `  group 组${g} weight 1% {\n`;
        for (let i = 0; i < 100; i++) s += `    indicator 指标${g}_${i} weight 1% target 1 scoring linear\n`;
        s += '  }\n';
      }
      return `${s}}\n`;
    },
  },
  { name: '10,000 plans', make: () => Array.from({ length: 10000 }, (_, i) => `plan P${i} { indicator a weight 100% target 1 scoring linear }\n`).join('') },
  { name: '10,000 duplicate indicators', make: () => `plan P {\n${'  indicator a weight 1% target 1 scoring linear\n'.repeat(10000)}}\n` },
  { name: '100,000 lone surrogates', make: () => `plan P {\n${'\ud800'.repeat(100000)}\n}\n` },
  { name: '100,000 NULs', make: () => '\u0000'.repeat(100000) },
  { name: '100,000 CRs', make: () => `plan P {${'\r'.repeat(100000)}}` },
  {
    // the formatter pads every indicator line to the longest name: 100 lines × 20,000 spaces (was quadratic)
    name: 'a 20,000-character name among 100 aligned indicators',
    make: () => `plan P {\n  indicator ${'名'.repeat(20000)} weight 1% target 1 scoring linear\n${Array.from({ length: 99 }, (_, i) => `  indicator 指标${i} weight 1% target 1 scoring linear\n`).join('')}}\n`,
  },
  { name: 'curve with 10,000 points', make: () => `plan P {\n  indicator a weight 100% scoring curve { ${Array.from({ length: 10000 }, (_, i) => `${i}: ${Math.min(100, i)}`).join(', ')} }\n}\n` },
  { name: 'metric chain 5,000 long', make: () => `plan P {\n${Array.from({ length: 5000 }, (_, i) => `  metric m${i} = m${i + 1} + 1\n`).join('')}  metric m5000 = x\n  indicator m0 weight 100% target 1 scoring linear\n}\n` },
  { name: 'metric cycle 5,000 long', make: () => `plan P {\n${Array.from({ length: 5000 }, (_, i) => `  metric m${i} = m${(i + 1) % 5000} + 1\n`).join('')}  indicator m0 weight 100% target 1 scoring linear\n}\n` },
];

/** run one text with a time measurement; a case slower than `boundMs` is a finding */
export function timedCheck(core, text, boundMs) {
  const t0 = performance.now();
  const f = checkCase(core, text);
  const ms = performance.now() - t0;
  if (f) return { ...f, ms };
  if (ms > boundMs) return { kind: 'slow', message: `took ${ms.toFixed(0)} ms (bound ${boundMs} ms)`, ms };
  return undefined;
}
