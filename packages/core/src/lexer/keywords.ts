/**
 * The one keyword table: every keyword with its Chinese twin (SPEC §8). The lexer (tokens.ts), the
 * Monarch grammar, completion, the EBNF, the syntax diagrams, the formatter's `--keywords` and
 * grammar/LANGUAGE.zh.md are generated from or tested against it. Chinese and English keywords lex to
 * the same token, so they mix freely in one file; like English ones they are not reserved.
 */
export interface KeywordPair {
  en: string;
  zh: string;
  /** further Chinese spellings the lexer takes for the same keyword, where one word cannot serve every
   * place the keyword stands (`whole` is 全额累进 in a commission, 不足一档不计 in a step clause) */
  zhAlt?: readonly string[];
}

export const KEYWORD_TABLE: readonly KeywordPair[] = [
  { en: 'plan', zh: '方案' },
  { en: 'indicator', zh: '指标' },
  { en: 'weight', zh: '权重' },
  { en: 'target', zh: '目标' },
  { en: 'scoring', zh: '计分' },
  { en: 'cap', zh: '封顶' },
  { en: 'floor', zh: '门槛' },
  { en: 'input', zh: '输入' },
  { en: 'unit', zh: '单位' },
  { en: 'default', zh: '默认' },
  { en: 'lower', zh: '越低越好' },
  { en: 'group', zh: '分组' },
  { en: 'metric', zh: '派生' },
  { en: 'bonus', zh: '加分' },
  { en: 'points', zh: '分值' },
  { en: 'per', zh: '每' },
  { en: 'max', zh: '最大' },
  { en: 'min', zh: '最小' },
  { en: 'abs', zh: '绝对值' },
  { en: 'veto', zh: '否决' },
  { en: 'when', zh: '当' },
  { en: 'and', zh: '且' },
  { en: 'or', zh: '或' },
  { en: 'not', zh: '非' },
  { en: 'grades', zh: '等级' },
  { en: 'coefficient', zh: '系数' },
  { en: 'else', zh: '否则' },
  { en: 'on', zh: '按' },
  { en: 'ratio', zh: '达成率' },
  { en: 'actual', zh: '实际值' },
  { en: 'test', zh: '测试' },
  { en: 'given', zh: '已知' },
  { en: 'expect', zh: '期望' },
  { en: 'raters', zh: '评分人' },
  { en: 'cycle', zh: '周期' },
  { en: 'role', zh: '岗位' },
  { en: 'round', zh: '保留' },
  { en: 'monthly', zh: '月度' },
  { en: 'quarterly', zh: '季度' },
  { en: 'semiannual', zh: '半年度' },
  { en: 'annual', zh: '年度' },
  { en: 'linear', zh: '线性' },
  { en: 'reverse', zh: '反向' },
  { en: 'threshold', zh: '达标' },
  { en: 'bands', zh: '分档' },
  { en: 'curve', zh: '曲线' },
  { en: 'deduct', zh: '扣分' },
  { en: 'rating', zh: '评分' },
  // SPEC §6: plans as consultants write them
  { en: 'penalty', zh: '扣分项' },
  { en: 'optional', zh: '可选' },
  { en: 'allow', zh: '允许' },
  { en: 'below', zh: '低于' },
  { en: 'above', zh: '高于' },
  { en: 'add', zh: '加' },
  { en: 'whole', zh: '全额累进', zhAlt: ['不足一档不计'] },
  { en: 'started', zh: '不足一档按一档计' },
  // SPEC §7: money and cycles
  { en: 'pay', zh: '薪酬' },
  { en: 'commission', zh: '提成' },
  { en: 'marginal', zh: '超额累进' },
  { en: 'pool', zh: '奖金池' },
  { en: 'split', zh: '分配' },
  { en: 'by', zh: '依据' },
  { en: 'within', zh: '组内' },
  { en: 'distribution', zh: '强制分布' },
  { en: 'advise', zh: '仅提示' },
  { en: 'aggregate', zh: '汇总' },
  { en: 'person', zh: '人员' },
  { en: 'period', zh: '期间' },
  { en: 'sum', zh: '求和' },
  { en: 'average', zh: '平均' },
  { en: 'last', zh: '末期' },
  { en: 'score', zh: '得分平均' },
];

const ZH_OF = new Map(KEYWORD_TABLE.map((k) => [k.en, k.zh]));
const EN_OF = new Map(KEYWORD_TABLE.flatMap((k) => [k.zh, ...(k.zhAlt ?? [])].map((zh) => [zh, k.en] as const)));

/** the Chinese twin of an English keyword */
export const zhKeyword = (en: string): string | undefined => ZH_OF.get(en);
/** every Chinese spelling of an English keyword, the usual one first */
export const zhSpellings = (en: string): readonly string[] => {
  const k = KEYWORD_TABLE.find((p) => p.en === en);
  return k ? [k.zh, ...(k.zhAlt ?? [])] : [];
};
/** the English keyword a Chinese keyword stands for */
export const enKeyword = (zh: string): string | undefined => EN_OF.get(zh);
/** the keyword (English spelling) a token's text stands for, in either language */
export const keywordOf = (image: string): string | undefined => (ZH_OF.has(image) ? image : EN_OF.get(image));

export type KeywordStyle = 'zh' | 'en';
/** a keyword spelt in a style: spell('weight', 'zh') = '权重' */
export const spell = (en: string, style: KeywordStyle): string => (style === 'zh' ? (ZH_OF.get(en) ?? en) : en);
/** the Chinese spelling of `whole` after a step clause (不足一档不计); in a commission it is 全额累进 */
export const WHOLE_STEP_ZH = '不足一档不计';

/**
 * Chinese words consultants write for a keyword that are not the keyword itself, for the help
 * "did you mean `weight` (权重)?". Only words that are clearly meant as that keyword.
 */
const ZH_SYNONYMS: Record<string, string> = {
  比重: 'weight',
  权数: 'weight',
  占比: 'weight',
  目标值: 'target',
  计分方式: 'scoring',
  计分方法: 'scoring',
  评分方法: 'scoring',
  评分标准: 'scoring',
  上限: 'cap',
  最高分: 'cap',
  下限: 'floor',
  保底: 'floor',
  奖励: 'bonus',
  一票否决: 'veto',
  考核指标: 'indicator',
  考核方案: 'plan',
  维度: 'group',
  分类: 'group',
  档位: 'bands',
  阶梯: 'bands',
  线性计分: 'linear',
  比例: 'linear',
  扣减: 'deduct',
  等级系数: 'grades',
  考核周期: 'cycle',
};

/**
 * The English keyword a Chinese word stands for (its synonym, or a Chinese keyword) when that keyword
 * is one of `candidates` (any keyword when there are none).
 */
export function chineseKeywordFor(word: string, candidates: readonly string[]): string | undefined {
  if (!/\p{Script=Han}/u.test(word)) return undefined;
  const kw = (Object.hasOwn(ZH_SYNONYMS, word) ? ZH_SYNONYMS[word] : undefined) ?? EN_OF.get(word);
  if (!kw) return undefined;
  return candidates.length === 0 || candidates.includes(kw) ? kw : undefined;
}

/** a few Chinese keywords to show in a help */
export function zhKeywordExamples(): string {
  return ['indicator', 'weight', 'target', 'scoring'].map((k) => `\`${ZH_OF.get(k)}\` = \`${k}\``).join(', ');
}
