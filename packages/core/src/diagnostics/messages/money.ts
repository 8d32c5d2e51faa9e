/**
 * texts of the money and cycle diagnostics (SPEC §7, KPI10xx) — see messages/index.ts. KPI1001–1049
 * are plan checks (check/money.ts), KPI1050–1099 findings of a data set (money/evaluate.ts,
 * money/dataset.ts, the CLI's score-money.ts). Chinese in the words of 绩效 consultants: 提成 (commission),
 * 奖金池 (pool), 薪酬项 (pay), 强制分布 (distribution), 绩效系数 (coefficient), 档位 (tier), 考核期 (period).
 */
export const MONEY_MESSAGES = {
  // ---- 1001–1049: plan checks ----
  KPI1001: {
    summaryZh: '提成各档位的上限没有从低到高递增。',
    message: { en: 'commission bounds must ascend: {{bound}} comes after {{prev}}', zh: '提成档位的上限须从低到高递增：{{bound}} 排在 {{prev}} 之后' },
    help: {
      en: 'write the tiers from the lowest bound up; each tier takes the amounts up to its bound',
      zh: '按上限从低到高写各档位；每一档计提到它的上限为止的金额',
    },
  },
  'note.money.previous-bound': { message: { en: 'the previous bound', zh: '上一个档位上限' } },
  KPI1002: {
    summaryZh: '提成比例低于 0%。',
    message: { en: 'commission rate `{{rate}}` is negative', zh: '提成比例 `{{rate}}` 是负数' },
    help: { en: 'a commission rate is 0% or more', zh: '提成比例须不低于 0%' },
  },
  KPI1003: {
    summaryZh: '`whole`（全额累进）提成在档位上限处跳变；警告给出跳变的金额。',
    message: {
      en: '`whole` pays {{payBelow}} on {{below}} but {{payAbove}} on {{above}}: the commission {{change}} by {{jump}} at this bound',
      zh: '`whole`（全额累进）在 {{below}} 时提成 {{payBelow}}，在 {{above}} 时却是 {{payAbove}}：提成在这个档位上限处{{change}} {{jump}}',
    },
    help: {
      en: '全额累进 pays the whole amount at the rate of its tier, so a sale across the bound changes the commission on all of it; `marginal` (超额累进) is continuous: it pays {{marginal}} on {{above}}',
      zh: '全额累进按所在档位的比例对全部金额计提，销售额一跨过上限，整笔提成都随之改变；`marginal`（超额累进）是连续的：{{above}} 时提成 {{marginal}}',
    },
  },
  'what.money.jumps': { message: { en: 'jumps', zh: '跳增' } },
  'what.money.drops': { message: { en: 'drops', zh: '骤降' } },
  KPI1004: {
    summaryZh: '提成没有档位、没有 `else` 档，或 `else` 不是最后一档。',
    message: { en: 'commission `{{name}}` has no tiers', zh: '提成 `{{name}}` 没有任何档位' },
    help: {
      en: 'write the tiers from the lowest bound up and end with `else: RATE`, e.g. `<= 300000: 3%  <= 500000: 5%  else: 7%`',
      zh: '按上限从低到高写各档位，最后写 `else: 比例`，如 `<= 300000: 3%  <= 500000: 5%  else: 7%`',
    },
  },
  'KPI1004.no-else': {
    message: { en: 'commission `{{name}}` has no `else` tier for amounts above its last bound', zh: '提成 `{{name}}` 没有 `else` 档，超过最后一个上限的金额无法计提' },
    help: {
      en: 'write the tiers from the lowest bound up and end with `else: RATE`, e.g. `<= 300000: 3%  <= 500000: 5%  else: 7%`',
      zh: '按上限从低到高写各档位，最后写 `else: 比例`，如 `<= 300000: 3%  <= 500000: 5%  else: 7%`',
    },
  },
  'KPI1004.else-not-last': {
    message: { en: '`else` must be the last tier of commission `{{name}}`', zh: '`else` 必须是提成 `{{name}}` 的最后一档' },
    help: {
      en: 'write the tiers from the lowest bound up and end with `else: RATE`, e.g. `<= 300000: 3%  <= 500000: 5%  else: 7%`',
      zh: '按上限从低到高写各档位，最后写 `else: 比例`，如 `<= 300000: 3%  <= 500000: 5%  else: 7%`',
    },
  },
  KPI1005: {
    summaryZh: '强制分布用了方案中没有的等级（或同一等级出现两次），或方案没有等级。',
    message: { en: 'a `distribution` assigns grades, but the plan has no grades', zh: '`distribution`（强制分布）要分配等级，但方案没有等级' },
    help: { en: 'add a `grades { … }` block whose labels the distribution uses', zh: '加上 `grades { … }`，写出强制分布所用的等级' },
  },
  'KPI1005.unknown': {
    message: { en: "`{{label}}` is not one of the plan's grades", zh: '`{{label}}` 不是方案中的等级' },
    help: { en: 'the grades are {{labels}}', zh: '方案的等级有 {{labels}}' },
  },
  'note.money.grades-here': { message: { en: 'grades are defined here', zh: '等级定义在这里' } },
  'KPI1005.twice': {
    message: { en: 'grade `{{label}}` has two shares in the distribution', zh: '等级 `{{label}}` 在强制分布中有两个比例' },
    help: { en: 'give each grade one share', zh: '每个等级只写一个比例' },
  },
  KPI1006: {
    summaryZh: '强制分布的比例合计不正好是 100%，或有比例为负数。',
    message: { en: "the distribution's shares sum to {{sum}}, not 100%", zh: '强制分布的比例合计 {{sum}}，不是 100%' },
    help: {
      en: 'seats are shares of the group: make them sum to exactly 100% (e.g. `S 10%  A 20%  B 40%  C 20%  D 10%`)',
      zh: '名额按组内人数的比例分配：各比例合计须正好是 100%（如 `S 10%  A 20%  B 40%  C 20%  D 10%`）',
    },
  },
  'note.money.share': { message: { en: '{{label}} {{share}}', zh: '{{label}} {{share}}' } },
  'KPI1006.negative': {
    message: { en: 'share `{{share}}` is negative', zh: '比例 `{{share}}` 是负数' },
    help: { en: 'a share is 0% or more', zh: '比例须不低于 0%' },
  },
  KPI1007: {
    summaryZh: '奖金池或薪酬项按绩效系数计算，但方案没有带系数的等级。',
    message: { en: 'money here follows the coefficient, but the plan has no grades', zh: '这里的金额按绩效系数计算，但方案没有等级' },
    help: {
      en: 'add `grades { S >= 95 coefficient 1.5 … D coefficient 0.5 }` with a coefficient on every line',
      zh: '加上 `grades { S >= 95 coefficient 1.5 … D coefficient 0.5 }`，每个等级都写系数',
    },
  },
  'KPI1007.some-grades': {
    message: { en: 'money here follows the coefficient, but not every grade has a `coefficient`', zh: '这里的金额按绩效系数计算，但不是每个等级都有 `coefficient`（系数）' },
    help: {
      en: 'add `grades { S >= 95 coefficient 1.5 … D coefficient 0.5 }` with a coefficient on every line',
      zh: '加上 `grades { S >= 95 coefficient 1.5 … D coefficient 0.5 }`，每个等级都写系数',
    },
  },
  KPI1008: {
    summaryZh: '薪酬项、提成或奖金池与方案中的另一项重名。',
    message: { en: '`{{name}}` is already {{what}}', zh: '`{{name}}` 已经是{{what}}' },
    help: {
      en: 'give each pay, commission and pool its own name (it becomes a column of the report)',
      zh: '每个薪酬项（pay）、提成（commission）和奖金池（pool）各用不同的名称（名称就是报表中的列名）',
    },
  },
  'what.money.item-of-plan': { message: { en: 'a money item of this plan', zh: '本方案的金额项' } },
  'what.money.indicator-of-plan': { message: { en: 'an indicator of this plan', zh: '本方案的指标' } },
  'what.money.metric-of-plan': { message: { en: 'a metric of this plan', zh: '本方案的派生指标' } },
  'what.money.built-in': { message: { en: 'a built-in name', zh: '内置名称' } },
  KPI1009: {
    summaryZh: '金额写成了条件、读取了在它之后才计算的项，或薪酬项依赖自己。',
    message: { en: '`{{owner}}` reads `{{name}}`, {{what}}', zh: '`{{owner}}` 读取了 `{{name}}`，而{{what}}' },
    help: {
      en: 'commissions are computed first, then pools, then pays: a commission cannot read a pool or pay, and a pool cannot read a pay or pool',
      zh: '先算提成，再分奖金池，最后算薪酬项：提成不能读取奖金池或薪酬项，奖金池不能读取薪酬项或奖金池',
    },
  },
  'what.money.after-commissions': { message: { en: 'which is computed after commissions', zh: '它在提成之后才计算' } },
  'what.money.after-pools': { message: { en: 'which is computed after pools are split', zh: '它在奖金池分配之后才计算' } },
  'KPI1009.condition': {
    message: { en: 'the amount of `{{owner}}` is a condition, not an amount', zh: '`{{owner}}` 的金额写成了条件，而不是金额' },
    help: {
      en: 'write an amount: columns, metrics, `total`, `coefficient`, numbers, + − × ÷, `min`, `max`, `abs`',
      zh: '写一个金额：可用数据列、派生指标、`total`、`coefficient`、数字、+ − × ÷、`min`、`max`、`abs`',
    },
  },
  'KPI1009.self': {
    message: { en: 'pay `{{name}}` depends on itself', zh: '薪酬项 `{{name}}` 依赖它自己' },
    help: { en: 'a pay may read other pays, but not in a cycle', zh: '薪酬项可以读取其他薪酬项，但不能循环引用' },
  },
  KPI1010: {
    summaryZh: '强制分布的 `min` 不是整数人数。',
    message: { en: '`min` must be a whole number of people, found `{{text}}`', zh: '`min` 须为整数人数，这里写的是 `{{text}}`' },
    help: { en: 'groups under `min N` people (default 5) are advisory, e.g. `min 5`', zh: '人数少于 `min N`（默认 5）的组只作参考、不强制分布，如 `min 5`' },
  },

  // ---- 1050–1099: a data set ----
  KPI1051: {
    summaryZh: '同一组内各人的奖金池金额不一致。',
    message: {
      en: 'pool `{{pool}}` differs within {{where}}: {{a}} for `{{idA}}` but {{b}} for `{{idB}}`',
      zh: '奖金池 `{{pool}}` 在{{where}}内不一致：`{{idA}}` 是 {{a}}，`{{idB}}` 却是 {{b}}',
    },
    help: {
      en: 'a pool is one amount per group: give every person of the group the same pool amount (or split by another column with `within`)',
      zh: '每组只有一个奖金池金额：组内每个人的奖金池金额须相同（或用 `within` 按另一列分组）',
    },
  },
  'what.money.group': { message: { en: '{{column}} `{{group}}`', zh: '{{column}} `{{group}}`' } },
  'what.money.the-file': { message: { en: 'the file', zh: '整个文件' } },
  KPI1052: {
    summaryZh: '同一个人在同一考核期有两行数据。',
    message: { en: '`{{id}}` has two rows for period `{{period}}`: rows {{first}} and {{row}}', zh: '`{{id}}` 在考核期 `{{period}}` 有两行：第 {{first}} 行和第 {{row}} 行' },
    help: { en: 'keep one row per person and period (merge or delete the other)', zh: '每人每个考核期只保留一行（合并或删除另一行）' },
  },
  KPI1053: {
    summaryZh: '某人缺少其他人都有的考核期的数据行。',
    message: { en: '`{{id}}` has no row for period{{s}} {{missing}} (the file has {{all}})', zh: '`{{id}}` 缺少考核期 {{missing}} 的数据行（文件中的考核期：{{all}}）' },
    help: { en: 'add the missing rows; a missing period is never taken as 0', zh: '补上缺少的行；缺少的考核期不会按 0 计算' },
  },
  KPI1054: {
    summaryZh: '强制分布中同分的人使某一等级超出名额，其后的等级名额相应减少。',
    message: {
      en: 'in {{where}}, equal totals take a grade past its cut-off: {{people}}; the later grades shrink',
      zh: '在{{where}}中，同分的人使等级超出了名额：{{people}}；其后的等级名额相应减少',
    },
    help: { en: 'people with equal totals share the grade of the best-ranked of them (SPEC §7)', zh: '总分相同的人取其中排名最靠前者的等级（SPEC §7）' },
  },
  'what.money.person-grade': { message: { en: '{{id}} ({{grade}})', zh: '{{id}}（{{grade}}）' } },
  KPI1055: {
    summaryZh: '参考性的强制分布（`advise`，或人数少于 `min` 的组）与按分评出的等级不同。',
    message: {
      en: 'in {{where}} ({{size}}), the score-based grades differ from the distribution: {{deviation}}',
      zh: '在{{where}}（{{size}}）中，按分评出的等级与强制分布不同：{{deviation}}',
    },
    help: { en: '`advise`: grades stay as scored; the deviation is reported only', zh: '`advise`（参考）：等级按分数评定，偏差只作提示' },
  },
  'KPI1055.small-group': {
    message: {
      en: 'in {{where}} ({{size}}), the score-based grades differ from the distribution: {{deviation}}',
      zh: '在{{where}}（{{size}}）中，按分评出的等级与强制分布不同：{{deviation}}',
    },
    help: { en: 'groups under `min {{min}}` people are advisory: grades stay as scored', zh: '人数少于 `min {{min}}` 的组只作参考：等级按分数评定' },
  },
  'what.money.one-person': { message: { en: '1 person', zh: '1 人' } },
  'what.money.people': { message: { en: '{{n}} people', zh: '{{n}} 人' } },
  'what.money.deviation': { message: { en: '{{grade}} {{scored}} (quota {{quota}})', zh: '{{grade}} {{scored}} 人（名额 {{quota}}）' } },
  KPI1056: {
    summaryZh: '某人的金额无法计算（除以零、没有绩效系数、奖金池无法分配）。',
    message: { en: 'division by zero in a money expression for `{{id}}`', zh: '计算 `{{id}}` 的金额时除以零' },
    help: { en: 'check the data: the divisor is 0 in this row', zh: '检查数据：这一行的除数是 0' },
  },
  'KPI1056.nested': { message: { en: 'a money expression is nested too deeply', zh: '金额表达式嵌套太深' } },
  'KPI1056.no-arguments': { message: { en: '`{{fn}}` needs arguments', zh: '`{{fn}}` 需要参数' } },
  'KPI1056.not-an-amount': {
    message: {
      en: 'a money expression holds a condition or an incomplete part; only numbers, names, + − × ÷, min, max and abs are allowed',
      zh: '金额表达式中有条件或不完整的部分；只能用数字、名称、+ − × ÷、min、max 和 abs',
    },
  },
  'KPI1056.no-coefficient': { message: { en: '`{{id}}` has no coefficient (no grade with a `coefficient`)', zh: '`{{id}}` 没有绩效系数（所在等级没有 `coefficient`）' } },
  'KPI1056.commission-order': { message: { en: 'commission `{{name}}` is used before it is computed', zh: '提成 `{{name}}` 在计算之前就被使用' } },
  'KPI1056.pool-order': { message: { en: 'pool `{{name}}` is used before it is split', zh: '奖金池 `{{name}}` 在分配之前就被使用' } },
  'KPI1056.pay-self': { message: { en: 'pay `{{name}}` refers to itself', zh: '薪酬项 `{{name}}` 引用了自己' } },
  'KPI1056.pool-no-coefficient': {
    message: { en: 'pool `{{pool}}` is split by coefficient, but some people have no coefficient', zh: '奖金池 `{{pool}}` 按绩效系数分配，但有人没有系数' },
    help: { en: 'give every grade a `coefficient`', zh: '给每个等级写上 `coefficient`（系数）' },
  },
  'KPI1056.pool-zero': {
    message: { en: 'pool `{{pool}}` in {{where}} cannot be split: every coefficient is 0', zh: '奖金池 `{{pool}}` 在{{where}}内无法分配：所有人的系数都是 0' },
    help: { en: 'a pool split by coefficient needs at least one coefficient above 0', zh: '按系数分配奖金池，至少要有一个人的系数大于 0' },
  },
  KPI1057: {
    summaryZh: '金额项读取的列在某人的数据中为空或缺失。',
    message: { en: 'column `{{column}}` is blank or missing for `{{id}}`, but a money item reads it', zh: '`{{id}}` 的 `{{column}}` 列为空或缺失，而金额项要读取它' },
    help: { en: 'fill in `{{column}}` (a money amount is never taken as 0 silently)', zh: '填上 `{{column}}`（金额不会悄悄按 0 计算）' },
  },
  KPI1058: {
    summaryZh: '奖金池或强制分布的 `within` 分组列缺失，或某人的这一列为空。',
    message: { en: 'the group column `{{column}}` is blank for `{{id}}`', zh: '`{{id}}` 的分组列 `{{column}}` 为空' },
    help: {
      en: 'fill in `{{column}}`: `distribution within {{column}}` ranks people inside each group',
      zh: '填上 `{{column}}`：`distribution within {{column}}` 在每个组内排名',
    },
  },
  'KPI1058.pool': {
    message: { en: 'the group column `{{column}}` is blank for `{{id}}`', zh: '`{{id}}` 的分组列 `{{column}}` 为空' },
    help: { en: 'fill in `{{column}}`: pool `{{pool}}` is split within each {{column}}', zh: '填上 `{{column}}`：奖金池 `{{pool}}` 在每个{{column}}内分配' },
  },
  'KPI1058.column-missing': {
    message: { en: 'column `{{column}}` is missing from the data file (the group column of a `within`)', zh: '数据文件中没有 `{{column}}` 列（`within` 的分组列）' },
    help: { en: "add a column `{{column}}` naming each person's group", zh: '加上 `{{column}}` 列，写明每个人所在的组' },
  },
  KPI1059: {
    summaryZh: '数据文件中没有考核期列（`--period` 或 `period`），或某一行的考核期为空。',
    message: { en: 'row {{row}} (`{{id}}`) has no period in column `{{column}}`', zh: '第 {{row}} 行（`{{id}}`）的 `{{column}}` 列没有考核期' },
    help: { en: 'fill in the period of every row', zh: '每一行都填上考核期' },
  },
  'KPI1059.column-missing': {
    message: { en: 'column `{{column}}` is missing from the data file (the period column)', zh: '数据文件中没有 `{{column}}` 列（考核期列）' },
    help: {
      en: "name the column holding each row's period with `--period COLUMN` or the plan's `period`",
      zh: '用 `--period 列名` 或方案中的 `period` 指定写着每行考核期的列',
    },
  },
  KPI1060: {
    summaryZh: '数据中每人有多个考核期，但方案没有说明各期如何合并（`aggregate`）。',
    message: {
      en: 'the data has a period column `{{column}}`, but plan `{{plan}}` does not say how periods combine',
      zh: '数据有考核期列 `{{column}}`，但方案 `{{plan}}` 没有说明各考核期如何合并',
    },
    help: {
      en: 'declare it: `aggregate sum` (ratio of sums), `aggregate average`, `aggregate last` or `aggregate score` (mean of the period scores), in the plan or on each indicator or group',
      zh: '在方案中，或在每个指标或分组上写明：`aggregate sum`（先合计再算达成率）、`aggregate average`（取平均）、`aggregate last`（取最后一期）或 `aggregate score`（各期得分的平均）',
    },
  },

  // ---- `kpi explain` with money (commands/explain-money.ts) ----
  'help.money.ids-from': { message: { en: 'the ids are read from column `{{column}}`', zh: '编号读取自 `{{column}}` 列' } },
} as const;
