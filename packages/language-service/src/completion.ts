/** Completions: keywords, scoring methods, and the names the plan already defines or reads. */
import { CYCLES, KEYWORDS, SCORING_METHODS, keywordOf, printName, spell, type PlanFile, type Span } from '@kpi/core';
import { namesOf, planAt, type NameKind } from './names.js';
import { percentText, type Lang } from './describe.js';

export type CompletionKind = 'keyword' | 'method' | 'value' | NameKind | 'subject';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** text inserted (defaults to label); may be a snippet when `snippet` is true */
  insertText?: string;
  snippet?: boolean;
  /** ordering hint: lower sorts first */
  sort: number;
}

export interface CompletionResult {
  /** the span of the word being completed (replaced on accept) */
  replace: Span;
  items: CompletionItem[];
}

export interface Vocabulary {
  keywords: readonly string[];
  methods: readonly string[];
}

/** The lexer's own keyword and method lists: completions never drift from the language. */
export const DEFAULT_VOCABULARY: Vocabulary = { keywords: KEYWORDS, methods: SCORING_METHODS };

const WORD = /[\p{L}\p{N}_.]/u;

/** The identifier-ish word ending at offset, and the word before it on the same line. */
export function wordBefore(text: string, offset: number): { start: number; prev: string; lineStart: string } {
  let s = offset;
  while (s > 0 && WORD.test(text[s - 1]!)) s--;
  let e = s;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  let p = e;
  while (p > 0 && WORD.test(text[p - 1]!)) p--;
  let ls = offset;
  while (ls > 0 && text[ls - 1] !== '\n' && text[ls - 1] !== '\r') ls--;
  const first = /^\s*([\p{L}_]+)/u.exec(text.slice(ls, offset))?.[1] ?? '';
  // the character right before the previous word (e.g. `=`)
  return { start: s, prev: e > p ? text.slice(p, e) : text[e - 1] ?? '', lineStart: first };
}

const SNIPPETS = (lang: Lang): CompletionItem[] => [
  {
    label: 'indicator',
    kind: 'keyword',
    detail: lang === 'zh' ? '新指标' : 'new indicator',
    insertText: 'indicator ${1:指标名} weight ${2:10}% target ${3:100}% scoring ${4|linear,reverse,threshold,bands,curve,deduct,rating|}',
    snippet: true,
    sort: 1,
  },
  {
    label: 'group',
    kind: 'keyword',
    detail: lang === 'zh' ? '指标组' : 'group of indicators',
    insertText: 'group ${1:组名} weight ${2:50}% {\n\t$0\n}',
    snippet: true,
    sort: 1,
  },
  {
    label: 'penalty',
    kind: 'keyword',
    detail: lang === 'zh' ? '扣分项（从总分扣）' : 'penalty (points off the total)',
    insertText: 'penalty ${1:有效投诉} points ${2:3} per 1 max ${3:15}',
    snippet: true,
    sort: 1,
  },
  {
    label: 'deduct below target',
    kind: 'keyword',
    detail: lang === 'zh' ? '每低于目标一档扣分' : 'points off per step below the target',
    insertText: 'deduct ${1:5} per ${2:1}% below target max ${3:30}',
    snippet: true,
    sort: 2,
  },
  {
    label: 'grades',
    kind: 'keyword',
    detail: lang === 'zh' ? '等级与系数' : 'grades and coefficients',
    insertText: 'grades {\n\tS >= 95 coefficient 1.5\n\tA >= 85 coefficient 1.2\n\tB >= 70 coefficient 1.0\n\tC >= 60 coefficient 0.8\n\tD       coefficient 0.5\n}',
    snippet: true,
    sort: 1,
  },
];

/** keywords followed by the name they declare */
const DECLARES = new Set(['plan', 'indicator', 'group', 'metric', 'bonus', 'veto', 'test']);

export function complete(
  text: string,
  offset: number,
  file: PlanFile | undefined,
  lang: Lang = 'zh',
  vocab: Vocabulary = DEFAULT_VOCABULARY,
): CompletionResult {
  const w = wordBefore(text, offset);
  const { start } = w;
  // Chinese keywords (`计分`, `周期`) lead to the same completions, offered in the same style (`线性`)
  const prev = keywordOf(w.prev) ?? w.prev;
  const lineStart = keywordOf(w.lineStart) ?? w.lineStart;
  const style = /\p{Script=Han}/u.test(w.prev) && keywordOf(w.prev) ? 'zh' : 'en';
  const replace = { start, end: offset };
  // a new name is written here: nothing to complete (offering existing names would invite a duplicate)
  if (DECLARES.has(prev)) return { replace, items: [] };
  const typed = text.slice(start, offset);
  const plan = file ? planAt(file, offset) : undefined;
  const names = plan ? namesOf(plan) : [];
  const nameItems = (kinds: NameKind[]): CompletionItem[] =>
    names
      // the word being typed is itself a name of the plan once parsed: never offer it back to itself
      .filter((n) => kinds.includes(n.kind) && !(n.name === typed && n.span.start === start))
      .map((n) => ({
        label: n.name,
        kind: n.kind,
        detail:
          n.kind === 'indicator' && n.effectiveWeight
            ? `${lang === 'zh' ? '指标 · 权重' : 'indicator · weight'} ${percentText(n.effectiveWeight)}`
            : kindLabel(n.kind, lang),
        insertText: printName(n.name, 'qualified'),
        sort: n.kind === 'indicator' ? 2 : 3,
      }));

  if (prev === 'scoring') {
    return { replace, items: vocab.methods.map((m) => ({ label: spell(m, style), kind: 'method', detail: methodLabel(m, lang), sort: 0 })) };
  }
  if (prev === 'cycle') {
    return { replace, items: CYCLES.map((c) => ({ label: spell(c, style), kind: 'value', sort: 0 })) };
  }
  if (prev === 'on') return { replace, items: [{ label: spell('ratio', style), kind: 'keyword', sort: 0 }] };
  if (prev === 'expect') {
    const subjects = ['total', 'grade', 'coefficient', 'bonus', 'penalty'].map(
      (s): CompletionItem => ({ label: s, kind: 'subject', sort: 0 }),
    );
    return { replace, items: [...subjects, ...nameItems(['indicator', 'group'])] };
  }
  if (lineStart === 'expect' && (prev === '=' || prev === 'grade')) {
    return { replace, items: nameItems(['grade']) };
  }
  const exprContext =
    prev === 'given' || prev === ',' || prev === 'when' || prev === 'input' || lineStart === 'metric' || lineStart === 'veto' || lineStart === 'given';
  if (exprContext && prev !== 'metric' && prev !== 'veto') {
    const kw = lineStart === 'veto' || lineStart === 'metric' ? ['and', 'or', 'not', 'min', 'max', 'abs'] : [];
    return {
      replace,
      items: [
        ...nameItems(['column', 'metric', 'indicator', 'bonus', 'penalty']),
        ...kw.map((k): CompletionItem => ({ label: k, kind: 'keyword', sort: 5 })),
      ],
    };
  }
  const items: CompletionItem[] = [
    ...SNIPPETS(lang),
    ...vocab.keywords
      .filter((k) => !SNIPPETS(lang).some((s) => s.label === k))
      .map((k): CompletionItem => ({ label: k, kind: 'keyword', sort: 4 })),
    ...vocab.methods.map((m): CompletionItem => ({ label: m, kind: 'method', detail: methodLabel(m, lang), sort: 5 })),
    ...nameItems(['indicator', 'group', 'metric', 'column', 'bonus', 'penalty', 'veto']),
  ];
  return { replace, items };
}

function kindLabel(k: NameKind, lang: Lang): string {
  const zh: Record<NameKind, string> = { indicator: '指标', group: '指标组', metric: '派生指标', bonus: '加分项', penalty: '扣分项', veto: '否决项', column: '数据列', grade: '等级' };
  return lang === 'zh' ? zh[k] : k === 'column' ? 'data column' : k;
}

function methodLabel(m: string, lang: Lang): string {
  const zh: Record<string, string> = {
    linear: '线性（完成率 × 100，可封顶）',
    reverse: '反向（越低越好）',
    threshold: '达标制（达标 100，否则 0）',
    bands: '分档表',
    curve: '分段线性曲线',
    deduct: '扣分制（按次数扣；与目标比较时写 below/above target）',
    rating: '评分（可多人加权）',
  };
  const en: Record<string, string> = {
    linear: 'linear (ratio × 100, capped)',
    reverse: 'reverse (lower is better)',
    threshold: 'threshold (100 or 0)',
    bands: 'band table',
    curve: 'piecewise-linear curve',
    deduct: 'deduction per count',
    rating: 'rating (weighted raters)',
  };
  return (lang === 'zh' ? zh : en)[m] ?? m;
}
