/**
 * Chinese twins of the parser's English phrases (RULE_DESCRIPTIONS, token labels) and of chevrotain's
 * "expected X after `Y`, found Z" messages built by grammar.ts's errorMessageProvider.
 */
const PHRASES: Record<string, string> = {
  'a name': '名称',
  'a number': '数字',
  'a percent': '百分数',
  'a string': '字符串',
  'a scoring method': '计分方法',
  'an expression': '表达式',
  'an indicator clause': '指标子句',
  'a number or a grade label': '数字或等级名',
  'end of file': '文件结尾',
  'something else': '其他内容',
  '`ratio` or `actual`': '`ratio`（达成率）或 `actual`（实际值）',
  '`>=`, `>`, `<=` or `<`': '`>=`、`>`、`<=` 或 `<`',
  'a band row (`>= X: S`)': '分档行（`>= X: S`）',
  '`indicator` or `group`': '`indicator`（指标）或 `group`（分组）',
  'a cycle (`monthly`, `quarterly`, `semiannual`, `annual`)': '考核周期（`monthly`、`quarterly`、`semiannual`、`annual`）',
  'a plan item (`indicator`, `group`, `metric`, `bonus`, `veto`, `grades`, `test`, `cycle`, `role`, `round`)':
    '方案中的一项（`indicator`、`group`、`metric`、`bonus`、`veto`、`grades`、`test`、`cycle`、`role`、`round`）',
};

/** a phrase of the grammar in Chinese; lists (`a, b or c`) word by word; unknown phrases stay as they are */
export function phraseZh(en: string): string {
  const whole = PHRASES[en];
  if (whole) return whole;
  const parts = en.split(/, | or /);
  if (parts.length > 1) return parts.map((p) => PHRASES[p] ?? p).join('、').replace(/、([^、]*)$/, ' 或 $1');
  return en;
}

/** chevrotain's message (grammar.ts) in Chinese: "expected X after `Y`, found Z" → "`Y` 之后应为X，却是 Z" */
export function chevrotainZh(en: string): string {
  const m = /^expected (.+?)(?: after `(.*)`)?, found (.+)$/s.exec(en);
  if (!m) return en;
  const [, what, after, found] = m;
  const foundZh = found === 'end of file' ? '文件结尾' : found!;
  return `${after !== undefined ? `\`${after}\` 之后` : '这里'}应为${phraseZh(what!)}，却是 ${foundZh}`;
}
