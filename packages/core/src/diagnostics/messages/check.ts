/** texts of the checker's diagnostics (KPI02xx–07xx) — see messages/index.ts */
export const CHECK_MESSAGES = {
  // ---- 02xx names ----
  KPI0201: {
    summaryZh: '两个指标或分组（或同一文件中的两个方案）重名。',
    message: { en: '{{what}} `{{name}}` is defined twice', zh: '{{what}} `{{name}}` 定义了两次' },
  },
  KPI0202: { summaryZh: '同一方案中一个派生指标定义了两次。', message: { en: '{{what}} `{{name}}` is defined twice', zh: '{{what}} `{{name}}` 定义了两次' } },
  KPI0203: { summaryZh: '两个加分项或两个否决项重名。', message: { en: '{{what}} `{{name}}` is defined twice', zh: '{{what}} `{{name}}` 定义了两次' } },
  KPI0204: { summaryZh: '`grades` 中一个等级名出现了两次。', message: { en: '{{what}} `{{name}}` is defined twice', zh: '{{what}} `{{name}}` 定义了两次' } },
  KPI0205: { summaryZh: '方案中两个测试重名。', message: { en: '{{what}} `{{name}}` is defined twice', zh: '{{what}} `{{name}}` 定义了两次' } },
  KPI0206: { summaryZh: '同一 `raters` 列表中一个评分人出现了两次。', message: { en: '{{what}} `{{name}}` is defined twice', zh: '{{what}} `{{name}}` 定义了两次' } },
  'note.first-defined': { message: { en: '`{{name}}` is first defined here', zh: '`{{name}}` 首次定义在这里' } },
  'help.dup.plan': { message: { en: 'give each plan in a file its own name', zh: '同一文件中的每个方案用不同的名称' } },
  'help.dup.item': {
    message: {
      en: 'rename one of them: names are unique across the plan, because an indicator reads the data column of its own name',
      zh: '把其中一个改名：方案中的名称必须唯一，因为指标读取与它同名的数据列',
    },
  },
  'help.dup.metric': { message: { en: 'keep one definition of the metric, or rename one', zh: '只保留一个定义，或把其中一个改名' } },
  'help.dup.bonus': { message: { en: 'merge the two bonus items or rename one', zh: '合并这两个加分项，或把其中一个改名' } },
  'help.dup.veto': { message: { en: 'merge the conditions with `or`, or rename one veto', zh: '用 `or`（或）合并条件，或把其中一个否决项改名' } },
  'help.dup.grade': { message: { en: 'each grade label appears once', zh: '每个等级名只能出现一次' } },
  'help.dup.test': { message: { en: 'give each test its own name so `kpi test` reports can tell them apart', zh: '每个测试用不同的名称，`kpi test` 的报告才能区分它们' } },
  'help.dup.rater': { message: { en: 'list each rater once; their weights sum to 100%', zh: '每个评分人只列一次；评分人权重合计 100%' } },
  'what.indicator-or-group': { message: { en: 'indicator or group', zh: '指标或分组' } },
  'what.metric': { message: { en: 'metric', zh: '派生指标' } },
  'what.veto': { message: { en: 'veto', zh: '否决项' } },
  'what.grade': { message: { en: 'grade', zh: '等级' } },
  'what.test': { message: { en: 'test', zh: '测试' } },
  'what.rater': { message: { en: 'rater', zh: '评分人' } },
  KPI0210: {
    summaryZh: '派生指标互相引用形成循环（或引用了自己）。',
    message: { en: 'metric `{{name}}` refers to itself', zh: '派生指标 `{{name}}` 引用了自己' },
    help: {
      en: 'a metric cannot use its own value; if `{{name}}` here is a data column, give the metric another name',
      zh: '派生指标不能使用自己的值；如果这里的 `{{name}}` 是数据列，请给派生指标另取一个名称',
    },
  },
  'KPI0210.cycle': {
    message: { en: 'metrics depend on each other in a cycle: {{path}}', zh: '派生指标互相依赖，形成循环：{{path}}' },
    help: { en: 'at least one metric in the cycle must be computed from data columns only', zh: '循环中至少要有一个派生指标只用数据列计算' },
  },
  'note.defined-here': { message: { en: '`{{name}}` is defined here', zh: '`{{name}}` 定义在这里' } },
  'note.uses': { message: { en: 'uses `{{name}}`', zh: '使用了 `{{name}}`' } },
  KPI0220: {
    summaryZh: '指标或分组的名称与测试对象（`total`、`grade`、`coefficient`、`bonus`）相同。',
    message: {
      en: '`{{name}}` is also a test subject, so `expect {{name}} = …` cannot check this indicator',
      zh: '`{{name}}` 也是测试对象的名称，所以 `expect {{name}} = …` 检查不到这个指标',
    },
    help: { en: 'rename it, e.g. `"{{name}}分"`; `expect {{name}}` means the plan\'s {{name}}', zh: '给它改名，如 `"{{name}}分"`；`expect {{name}}` 指的是整个方案的 {{name}}' },
  },
  // ---- 03xx weights ----
  KPI0301: {
    summaryZh: '方案或分组中的权重合计不正好是 100%。',
    message: { en: '{{scope}} sum to {{sum}}, expected 100%', zh: '{{scope}}合计 {{sum}}，应为 100%' },
  },
  KPI0302: {
    summaryZh: '`rating` 指标的评分人权重合计不正好是 100%。',
    message: { en: '{{scope}} sum to {{sum}}, expected 100%', zh: '{{scope}}合计 {{sum}}，应为 100%' },
  },
  'what.weights-in': { message: { en: 'weights in `{{name}}`', zh: '`{{name}}` 的权重' } },
  'what.rater-weights-of': { message: { en: 'rater weights of `{{name}}`', zh: '`{{name}}` 的评分人权重' } },
  'what.the-plan-sums': { message: { en: 'the plan sums', zh: '方案合计' } },
  'what.group-sums': { message: { en: '`{{name}}` sums', zh: '`{{name}}` 合计' } },
  'what.raters-sum': { message: { en: 'the raters of `{{name}}` sum', zh: '`{{name}}` 的评分人权重合计' } },
  'note.weighs': { message: { en: '`{{name}}` weighs {{weight}}', zh: '`{{name}}` 权重 {{weight}}' } },
  'help.take-off': { message: { en: 'take {{diff}} off one of them', zh: '从其中一项减去 {{diff}}' } },
  'help.add-to': { message: { en: 'add {{diff}} to one of them', zh: '给其中一项加上 {{diff}}' } },
  'fix.set-weight': { message: { en: 'set `{{name}}` to {{value}} so {{sums}} to 100%', zh: '把 `{{name}}` 改为 {{value}}，使{{sums}}为 100%' } },
  KPI0303: {
    summaryZh: '方案或分组中没有指标，无法计分。',
    message: { en: 'plan `{{name}}` has no indicators', zh: '方案 `{{name}}` 中没有指标' },
    help: { en: 'add `indicator NAME weight W scoring METHOD` lines whose weights sum to 100%', zh: '加上 `indicator 名称 weight 权重 scoring 方法` 行，权重合计 100%' },
  },
  'KPI0303.group': {
    message: { en: 'group `{{name}}` has no indicators', zh: '分组 `{{name}}` 中没有指标' },
    help: { en: 'add indicators whose weights sum to 100% of the group, or remove the group', zh: '加上权重合计为分组 100% 的指标，或删除这个分组' },
  },
} as const;
