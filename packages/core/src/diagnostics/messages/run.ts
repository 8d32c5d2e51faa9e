/** texts of the run diagnostics (KPI09xx) — see messages/index.ts */
export const RUN_MESSAGES = {
  KPI0901: {
    summaryZh: '这一行缺少方案需要的值，且读取它的项没有写 `default`。',
    message: { en: '{{at}}no value in column `{{column}}`{{via}} for `{{element}}`', zh: '{{at}}`{{element}}` 需要的 `{{column}}` 列{{via}}没有值' },
    help: { en: 'fill in the cell, or give `{{element}}` a `default`', zh: '填上这个单元格，或给 `{{element}}` 写 `default`（默认值）' },
  },
  KPI0902: {
    summaryZh: '派生指标在这一行除以零，且没有写 `default`。',
    message: { en: '{{at}}metric `{{metric}}` divides by zero for `{{element}}`', zh: '{{at}}计算 `{{element}}` 时派生指标 `{{metric}}` 除以零' },
    help: {
      en: "check the row's values; for rows where it cannot be computed, give `{{element}}` a `default`",
      zh: '检查这一行的数值；对无法计算的行，给 `{{element}}` 写 `default`（默认值）',
    },
  },
  KPI0903: {
    summaryZh: '评分超出了评分范围 LO..HI。',
    message: { en: '{{at}}mark {{value}} in column `{{column}}` is outside the rating scale {{detail}} of `{{element}}`', zh: '{{at}}`{{column}}` 列的评分 {{value}} 超出了 `{{element}}` 的评分范围 {{detail}}' },
    help: { en: 'a mark lies within {{detail}}: correct the cell', zh: '评分应在 {{detail}} 之内：请改正这个单元格' },
  },
  KPI0904: {
    summaryZh: '输入值不是有限的数字。',
    message: { en: '{{at}}value {{value}} in column `{{column}}`{{via}} is not a finite number', zh: '{{at}}`{{column}}` 列{{via}}的值 {{value}} 不是有限的数字' },
    help: { en: 'write a number as people do: `95%`, `0.95`, `1,200,000`', zh: '按常见写法写数字：`95%`、`0.95`、`1,200,000`' },
  },
  'what.via-metric': { message: { en: ' (read by metric `{{metric}}`)', zh: '（由派生指标 `{{metric}}` 读取）' } },
  'what.row-at': { message: { en: 'row {{row}}{{id}}: ', zh: '第 {{row}} 行{{id}}：' } },
  KPI0910: {
    summaryZh: '指标没有可用的计分方法，方案无法计分。',
    message: { en: 'indicator `{{name}}` has no scoring method', zh: '指标 `{{name}}` 没有计分方法' },
    help: { en: 'add `scoring linear` (or another method) after the weight and target', zh: '在权重和目标后写 `scoring linear`（或其他计分方法）' },
  },
  KPI0911: {
    summaryZh: '计分方法要除以目标，但目标缺失或不大于 0。',
    message: { en: 'indicator `{{name}}` needs a target: {{why}}', zh: '指标 `{{name}}` 需要目标：{{why}}' },
    help: { en: 'add `target T` after the weight, e.g. `target 100%`', zh: '在权重后写 `target T`，如 `target 100%`' },
  },
  KPI0912: {
    summaryZh: '派生指标互相引用形成循环，无法计算。',
    message: { en: 'metric `{{name}}` depends on itself', zh: '派生指标 `{{name}}` 依赖它自己' },
    help: { en: 'break the cycle: one of these metrics must read data columns only', zh: '打破循环：其中一个派生指标必须只读取数据列' },
  },
  KPI0913: {
    summaryZh: '曲线、评分范围或 `per` 步长无法计算（为空、无序或不大于 0）。',
    message: { en: 'the curve, rating scale or step of `{{name}}` cannot be computed', zh: '`{{name}}` 的曲线、评分范围或步长无法计算' },
  },
  KPI0914: {
    summaryZh: '语法错误之后表达式不完整，方案无法计分。',
    message: { en: 'this expression is incomplete, so the plan cannot be scored', zh: '表达式不完整，方案无法计分' },
    help: { en: 'fix the syntax error first', zh: '请先改正语法错误' },
  },
  KPI0920: {
    summaryZh: '方案内的 `test` 测试期望的结果与实际不同。',
    message: { en: 'test "{{test}}": expected `{{subject}}` = {{expected}}, got {{actual}}', zh: '测试 "{{test}}"：期望 `{{subject}}` = {{expected}}，实际为 {{actual}}' },
  },
  'help.how-scored': { message: { en: 'how the row scored:\n{{lines}}', zh: '这一行的计分过程：\n{{lines}}' } },
  'help.fix-given': { message: { en: 'fix the `given` values or the plan so the row can be scored', zh: '改正 `given` 的值或方案，使这一行能够计分' } },
  'note.in-test': { message: { en: 'in test "{{test}}"', zh: '在测试 "{{test}}" 中' } },
  // what a failed expectation got when the row has no such result (run/tests.ts, run/money-tests.ts)
  'what.no-grade': { message: { en: '(no grade)', zh: '（没有等级）' } },
  'what.no-coefficient': { message: { en: '(no coefficient)', zh: '（没有绩效系数）' } },
  // a money test (SPEC §7) that failed: the help of its KPI0920
  'help.money-follows-grade': {
    message: {
      en: 'money follows the final grade: check the people given, their groups and the distribution',
      zh: '薪酬随最终等级而定：请检查测试中给出的人员、他们所在的分组和强制分布',
    },
  },
  KPI0905: {
    summaryZh: '个人目标（`target 列名`）为空，或在需要除以它的计分方法下为 0 或负数。',
    message: { en: '{{at}}no target in column `{{column}}`{{via}} for `{{element}}`', zh: '{{at}}`{{element}}` 的目标列 `{{column}}`{{via}}没有值' },
    help: { en: "each row of `{{column}}` holds that person's target: fill in a positive number", zh: '`{{column}}` 列的每一行是此人的目标：请填上一个正数' },
  },
  'KPI0905.not-positive': {
    message: { en: '{{at}}the target {{value}} in column `{{column}}`{{via}} must be above 0 for `{{element}}`', zh: '{{at}}`{{column}}` 列{{via}}的目标 {{value}} 必须大于 0，`{{element}}` 才能计分' },
    help: { en: "each row of `{{column}}` holds that person's target: fill in a positive number", zh: '`{{column}}` 列的每一行是此人的目标：请填上一个正数' },
  },
  KPI0906: {
    summaryZh: '经派生指标读取的值为“不适用”（N/A），但读取它的项没有写 `optional`。',
    message: { en: '{{at}}column `{{column}}`{{via}} says N/A, but `{{element}}` is not optional', zh: '{{at}}`{{column}}` 列{{via}}写的是“不适用”，但 `{{element}}` 没有写 `optional`（可不适用）' },
    help: {
      en: 'mark the indicator `optional` if it may not apply to some people (its weight then goes to the others), or fill in the cell',
      zh: '如果这个指标对有些人不适用，请给它写 `optional`（其权重会分给其他指标），或填上这个单元格',
    },
  },
  KPI0907: {
    summaryZh: '这一行的所有指标都“不适用”，无法计分。',
    message: { en: '{{at}}every indicator is N/A for this row, so nothing can be scored', zh: '{{at}}这一行的所有指标都“不适用”，无法计分' },
    help: { en: 'fill in at least one indicator, or leave the row out', zh: '至少填上一个指标，或去掉这一行' },
  },
  KPI0951: {
    summaryZh: '这一行的某个精确中间值超出了计算器的上限，这一行不计分。',
    message: {
      en: '{{at}}an exact intermediate value of this row grew beyond {{bits}} bits (about {{digits}} digits), so it cannot be scored in bounded time',
      zh: '{{at}}这一行的一个精确中间值超过了 {{bits}} 位二进制（约 {{digits}} 位十进制数字），无法在有限时间内计分',
    },
    help: {
      en: "check the row for extreme values (such as 1e300) that the plan's metrics multiply or divide many times",
      zh: '检查这一行是否有极端的值（如 1e300），方案的派生指标会对它反复乘除',
    },
  },
  'KPI0951.range': {
    message: {
      en: '{{at}}a result of this row (the total, the bonus or a score) is beyond the range of numbers a report can hold (about 1.8e308)',
      zh: '{{at}}这一行的一个结果（总分、加分或某项得分）超出了报告能容纳的数值范围（约 1.8e308）',
    },
    help: {
      en: "check the row for extreme values (such as 1e300) that the plan's metrics multiply or divide many times",
      zh: '检查这一行是否有极端的值（如 1e300），方案的派生指标会对它反复乘除',
    },
  },
  'KPI0911.not-positive': {
    message: { en: 'the target of `{{name}}` must be above 0: {{why}}', zh: '`{{name}}` 的目标必须大于 0：{{why}}' },
    help: {
      en: 'for zero-tolerance goals (零事故, 零投诉) use `scoring threshold lower` with `target 0`, or `scoring deduct`',
      zh: '零容忍的目标（零事故、零投诉）请用 `scoring threshold lower` 配 `target 0`，或用 `scoring deduct`',
    },
  },
  'KPI0911.threshold': {
    message: { en: 'indicator `{{name}}` needs a target: `threshold` compares the actual with it', zh: '指标 `{{name}}` 需要目标：`threshold` 用它与实际值比较' },
    help: { en: 'add `target T` after the weight', zh: '在权重后写 `target T`' },
  },
  'KPI0911.steps': {
    message: { en: 'indicator `{{name}}` needs a target: its steps are counted from it', zh: '指标 `{{name}}` 需要目标：档数从目标起算' },
    help: { en: 'add `target T` after the weight, e.g. `target 98%`', zh: '在权重后写 `target T`，如 `target 98%`' },
  },
  'what.divides-by-target': { message: { en: '`{{method}}` divides by it', zh: '`{{method}}` 要除以它' } },
  'what.percent-step-share': { message: { en: 'a `%` step on an amount is a share of the target', zh: '金额上的 `%` 步长是目标的百分比' } },
  'KPI0913.band': { message: { en: 'a band row of `{{name}}` is incomplete', zh: '`{{name}}` 的一行分档不完整' } },
  'KPI0913.point': { message: { en: 'a curve point of `{{name}}` is incomplete', zh: '`{{name}}` 的一个曲线点不完整' } },
  'KPI0913.order': {
    message: { en: 'curve points of `{{name}}` must have strictly increasing X', zh: '`{{name}}` 的曲线点的 X 必须严格递增' },
    help: { en: 'sort the points by X and remove duplicates', zh: '按 X 排序并去掉重复的点' },
  },
  'KPI0913.no-points': { message: { en: 'the curve of `{{name}}` has no points', zh: '`{{name}}` 的曲线没有点' }, help: { en: 'add points such as `{ 80%: 60, 100%: 100 }`', zh: '加上曲线点，如 `{ 80%: 60, 100%: 100 }`' } },
  'KPI0913.deduct': {
    message: { en: '`deduct` of `{{name}}` needs points and a `per` step above 0', zh: '`{{name}}` 的 `deduct` 需要分值和大于 0 的 `per` 步长' },
    help: { en: 'write e.g. `scoring deduct 2 per 1 max 10`', zh: '例如写 `scoring deduct 2 per 1 max 10`' },
  },
  'KPI0913.steps': {
    message: { en: 'the steps of `{{name}}` need points and a step above 0', zh: '`{{name}}` 的档需要分值和大于 0 的步长' },
    help: { en: 'write e.g. `scoring deduct 5 per 1% below target max 30`', zh: '例如写 `scoring deduct 5 per 1% below target max 30`' },
  },
  'KPI0913.rating': {
    message: { en: 'the rating scale of `{{name}}` must have LO < HI and HI above 0', zh: '`{{name}}` 的评分范围须满足 LO < HI 且 HI 大于 0' },
    help: { en: 'write e.g. `scoring rating 1..5`', zh: '例如写 `scoring rating 1..5`' },
  },
  'KPI0913.item': {
    message: { en: '{{kind}} `{{name}}` needs points and a `per` step above 0', zh: '{{kind}} `{{name}}` 需要分值和大于 0 的 `per` 步长' },
    help: { en: 'write e.g. `{{example}}`', zh: '例如写 `{{example}}`' },
  },
  'KPI0914.args': { message: { en: '`{{fn}}()` needs at least one argument', zh: '`{{fn}}()` 至少需要一个参数' } },
  'KPI0914.abs': { message: { en: '`abs` takes exactly one argument', zh: '`abs` 只接受一个参数' } },
} as const;
