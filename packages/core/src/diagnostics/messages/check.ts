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
  // ---- 04xx ranges and values ----
  KPI0401: {
    summaryZh: '权重不在 0%（不含）到 100% 之间。',
    message: { en: '{{what}} of `{{name}}` is {{value}}{{asPercent}}', zh: '`{{name}}` 的{{what}}是 {{value}}{{asPercent}}' },
    help: { en: 'a weight must be above 0% and at most 100%; remove an indicator that should not count', zh: '权重须大于 0% 且不超过 100%；不应计分的指标请删除' },
  },
  'what.weight': { message: { en: 'weight', zh: '权重' } },
  'what.rater-weight': { message: { en: 'rater weight', zh: '评分人权重' } },
  'help.plain-fraction': { message: { en: 'a plain number is a fraction (1 = 100%); write `{{value}}%`', zh: '不带 % 的数是小数（1 = 100%）；请写 `{{value}}%`' } },
  'fix.write': { message: { en: 'write `{{text}}`', zh: '改为 `{{text}}`' } },
  KPI0402: {
    summaryZh: '目标为 0 或负数，而计分方法要除以目标。',
    message: { en: 'target of `{{name}}` is {{value}}, but {{how}} divides by it', zh: '`{{name}}` 的目标是 {{value}}，而 {{how}} 要除以目标' },
    help: {
      en: 'a ratio needs a target above 0; for a zero target (零投诉, 零事故) score the count instead: `scoring threshold lower` with `target 0`, `scoring deduct 10 per 1`, or `scoring bands { <= 0: 100  else: 0 }`',
      zh: '达成率需要大于 0 的目标；目标为零（零投诉、零事故）时改为按次数计分：`scoring threshold lower` 配 `target 0`、`scoring deduct 10 per 1`，或 `scoring bands { <= 0: 100  else: 0 }`',
    },
  },
  KPI0403: {
    summaryZh: '`cap`（封顶）低于 100%。',
    message: { en: 'cap of `{{name}}` is {{value}}, below 100%', zh: '`{{name}}` 的封顶是 {{value}}，低于 100%' },
    help: {
      en: 'a cap limits over-achievement and is at least 100% (`cap 120%`); to score 0 below a level use `floor`',
      zh: '封顶限制超额完成，至少为 100%（`cap 120%`）；低于某一水平记 0 分请用 `floor`（门槛）',
    },
  },
  KPI0404: {
    summaryZh: '`floor`（门槛）为负数，或不低于封顶。',
    message: { en: 'floor of `{{name}}` is {{value}}, below 0%', zh: '`{{name}}` 的门槛是 {{value}}，低于 0%' },
    help: { en: 'a floor is the ratio under which the score is 0 (门槛), e.g. `floor 60%`', zh: '门槛是达成率的下限，低于它得 0 分，如 `floor 60%`' },
  },
  'KPI0404.not-below-cap': {
    message: { en: 'floor of `{{name}}` is {{value}}{{asPercent}}, not below its cap {{cap}}', zh: '`{{name}}` 的门槛是 {{value}}{{asPercent}}，不低于封顶 {{cap}}' },
  },
  'help.floor-below-cap': { message: { en: 'a ratio under the floor scores 0; it must be below the cap (raise the cap or lower the floor)', zh: '达成率低于门槛得 0 分；门槛须低于封顶（提高封顶或降低门槛）' } },
  'help.floor-below-default-cap': {
    message: { en: 'a ratio under the floor scores 0; it must be below the cap (default cap 100%; lower the floor)', zh: '达成率低于门槛得 0 分；门槛须低于封顶（默认封顶 100%；请降低门槛）' },
  },
  KPI0405: {
    summaryZh: '等级下限没有严格递减。',
    message: { en: 'grade `{{label}}` bound {{value}} is not below `{{prev}}` bound {{prevValue}}', zh: '等级 `{{label}}` 的下限 {{value}} 不低于等级 `{{prev}}` 的下限 {{prevValue}}' },
    help: { en: 'list grades from the highest bound down: the first line whose bound the total meets wins', zh: '按下限从高到低排列等级：总分达到的第一行生效' },
    fix: { en: 'order the grades from the highest bound down', zh: '按下限从高到低排列等级' },
  },
  'note.needs': { message: { en: '`{{label}}` needs {{value}}', zh: '`{{label}}` 需要 {{value}}' } },
  'note.out-of-order': { message: { en: '`{{label}}` {{value}} is out of order too', zh: '`{{label}}` {{value}} 的顺序也不对' } },
  KPI0406: {
    summaryZh: '兜底的等级行（没有下限）缺失或不在最后。',
    message: { en: 'grade `{{label}}` has no bound but is not the last line', zh: '等级 `{{label}}` 没有下限，却不是最后一行' },
    help: {
      en: 'only the last grade line is the catch-all; give `{{label}}` a bound (`{{label}} >= N`) or move it last',
      zh: '只有最后一行是兜底等级；给 `{{label}}` 加上下限（`{{label}} >= N`），或把它移到最后',
    },
  },
  'note.never-reached': { message: { en: '`{{label}}` can never be reached', zh: '`{{label}}` 永远不会被评到' } },
  'KPI0406.last-bounded': {
    message: { en: 'last grade `{{label}}` has a bound, so totals below {{value}} get no grade', zh: '最后一个等级 `{{label}}` 有下限，总分低于 {{value}} 的人没有等级' },
    help: { en: 'end with a catch-all line without a bound, e.g. `D coefficient 0.5`', zh: '最后一行写不带下限的兜底等级，如 `D coefficient 0.5`' },
  },
  KPI0407: {
    summaryZh: '`rating LO..HI` 的 LO 不小于 HI，或 HI 不大于 0。',
    message: { en: 'rating range {{lo}}..{{hi}} of `{{name}}` is empty or not above 0', zh: '`{{name}}` 的评分范围 {{lo}}..{{hi}} 为空或不大于 0' },
    help: { en: 'write the lowest mark first and the highest (above 0) second, e.g. `rating 1..5`', zh: '先写最低分，再写最高分（大于 0），如 `rating 1..5`' },
  },
  KPI0408: {
    summaryZh: '`round` 不在 0 到 6 位小数之间。',
    message: { en: '`{{text}}` is out of range', zh: '`{{text}}` 超出范围' },
    help: { en: '`round` is the number of decimals of reported totals: 0 to 6 (default 2)', zh: '`round` 是总分保留的小数位数：0 到 6（默认 2）' },
  },
  KPI0409: {
    summaryZh: '`deduct` 方法或加分项的分值、`per` 或 `max` 不大于 0。',
    message: { en: '{{what}} must be above 0, not {{value}}', zh: '{{what}}须大于 0，而不是 {{value}}' },
    help: { en: 'points, `per` and `max` are positive: `points 2 per 1 max 10`, `deduct 5 per 1 max 20`', zh: '分值、`per` 和 `max` 都须为正数：`points 2 per 1 max 10`、`deduct 5 per 1 max 20`' },
  },
  'what.bonus-points': { message: { en: 'points of bonus `{{name}}`', zh: '加分项 `{{name}}` 的分值' } },
  'what.bonus-per': { message: { en: '`{{word}}` of bonus `{{name}}`', zh: '加分项 `{{name}}` 的 `{{word}}`' } },
  'what.penalty-points': { message: { en: 'points of penalty `{{name}}`', zh: '扣分项 `{{name}}` 的分值' } },
  'what.penalty-per': { message: { en: '`{{word}}` of penalty `{{name}}`', zh: '扣分项 `{{name}}` 的 `{{word}}`' } },
  'what.step-points': { message: { en: "points of `{{name}}`'s `{{word}}`", zh: '`{{name}}` 的 `{{word}}` 分值' } },
  'what.step-per': { message: { en: "step of `{{name}}`'s `{{word}}`", zh: '`{{name}}` 的 `{{word}}` 步长' } },
  'what.step-max': { message: { en: "`max` of `{{name}}`'s `{{word}}`", zh: '`{{name}}` 的 `{{word}}` 上限 `max`' } },
  'what.deduct-points': { message: { en: 'points deducted by `{{name}}`', zh: '`{{name}}` 扣的分值' } },
  'what.word-of': { message: { en: '`{{word}}` of `{{name}}`', zh: '`{{name}}` 的 `{{word}}`' } },
  KPI0410: {
    summaryZh: '封顶或门槛写成了不带 % 的数（`120` 即 12000%），可能漏了 `%`。',
    message: { en: 'cap {{value}} of `{{name}}` means {{percent}}', zh: '`{{name}}` 的封顶 {{value}} 表示 {{percent}}' },
    help: { en: 'a plain number is a fraction (1 = 100%); write `{{value}}%`', zh: '不带 % 的数是小数（1 = 100%）；请写 `{{value}}%`' },
    fix: { en: 'write `{{value}}%`', zh: '改为 `{{value}}%`' },
  },
  KPI0411: {
    summaryZh: '否决项的 `when` 表达式是数字，不是条件。',
    message: { en: 'veto `{{name}}` has a number, not a condition', zh: '否决项 `{{name}}` 写的是数字，不是条件' },
    help: { en: 'compare it with something, e.g. `veto {{name}} when {{expr}} > 0`', zh: '和某个值比较，如 `veto {{name}} when {{expr}} > 0`' },
  },
  KPI0412: {
    summaryZh: '派生指标的表达式是条件（真/假），不是数字。',
    message: { en: 'metric `{{name}}` is a condition, not a number', zh: '派生指标 `{{name}}` 是条件，不是数字' },
    help: { en: 'a metric computes a number (`a / b`); put conditions in a `veto ... when`', zh: '派生指标计算一个数（`a / b`）；条件请写在 `veto ... when` 中' },
  },
  KPI0413: {
    summaryZh: '`min`/`max` 没有参数，或 `abs` 的参数不是正好一个。',
    message: { en: '`{{fn}}` needs at least one number, found none in `{{text}}`', zh: '`{{fn}}` 至少需要一个数，`{{text}}` 中一个也没有' },
    help: { en: 'write the numbers to compare: `{{fn}}(上期, 1)`', zh: '写上要比较的数：`{{fn}}(上期, 1)`' },
  },
  'KPI0413.abs-none': {
    message: { en: '`abs` takes exactly one number, found {{n}} in `{{text}}`', zh: '`abs` 只接受一个数，`{{text}}` 中有 {{n}} 个' },
    help: { en: 'write the number inside: `abs(本期 - 上期)`', zh: '在括号中写上这个数：`abs(本期 - 上期)`' },
  },
  'KPI0413.abs-many': {
    message: { en: '`abs` takes exactly one number, found {{n}} in `{{text}}`', zh: '`abs` 只接受一个数，`{{text}}` 中有 {{n}} 个' },
    help: {
      en: 'for the distance between two numbers write `abs(a - b)`; for the larger of several, `max(a, b)`',
      zh: '两数之差的绝对值写 `abs(a - b)`；取几个数中较大的写 `max(a, b)`',
    },
  },
  KPI0414: {
    summaryZh: '等级下限写成了百分数（`S >= 95%`），而总分是 0–100 的分数。',
    message: { en: 'grade `{{label}}` bound {{written}} means {{value}} points, not {{points}}', zh: '等级 `{{label}}` 的下限 {{written}} 表示 {{value}} 分，而不是 {{points}} 分' },
    help: { en: 'grade bounds compare the total in points (0–100), not a percent; write `{{points}}`', zh: '等级下限比较的是总分（0–100 分），不是百分数；请写 `{{points}}`' },
    fix: { en: 'write `{{points}}`', zh: '改为 `{{points}}`' },
  },
  KPI0415: {
    summaryZh: '`%` 步长在数次数（`deduct N per 1%` 没写 `below/above target`），或同一方法的两个步长度量不同的东西。',
    message: {
      en: '`deduct … per {{per}}` counts whole occurrences of `{{name}}`, so a percent step does not fit',
      zh: '`deduct … per {{per}}` 按整次计数 `{{name}}`，百分数步长不适用',
    },
    fix: { en: 'count the steps below the target', zh: '改为按低于目标的步数计' },
  },
  'KPI0415.percent-actual': {
    message: { en: '`{{name}}` is a percent, but `deduct … per {{per}}` counts occurrences', zh: '`{{name}}` 是百分数，而 `deduct … per {{per}}` 是按次数扣分' },
    fix: { en: 'count the steps below the target', zh: '改为按低于目标的步数计' },
  },
  'KPI0415.mixed': {
    message: { en: 'the two steps of `{{name}}` measure different things: {{a}} and {{b}}', zh: '`{{name}}` 的两个步长度量的东西不同：{{a}} 和 {{b}}' },
    help: {
      en: "write both steps the same way: both as percents (`per 1%`) or both in the actual's unit (`per 5`)",
      zh: '两个步长用同一种写法：都写百分数（`per 1%`），或都用实际值的单位（`per 5`）',
    },
  },
  'help.step-from-target': {
    message: {
      en: 'to deduct for each {{step}} the actual falls short of the target (每低1%扣{{points}}分), measure from the target: `deduct {{points}} per {{per}} below target`{{target}}',
      zh: '要按实际值每低于目标 {{step}} 扣分（每低1%扣{{points}}分），请从目标起算：`deduct {{points}} per {{per}} below target`{{target}}',
    },
  },
  'what.step': { message: { en: 'step', zh: '一步' } },
  'what.with-a-target': { message: { en: ' with a `target`', zh: '，并写上 `target`（目标）' } },
  KPI0416: {
    summaryZh: '目标区间 `LO..HI` 为空，或用在只能有一个目标的计分方法上。',
    message: { en: 'target range {{lo}}..{{hi}} of `{{name}}` is empty', zh: '`{{name}}` 的目标区间 {{lo}}..{{hi}} 是空的' },
    help: { en: 'write the low end first: `target 3..5` (一年内落实3-5家)', zh: '先写下限：`target 3..5`（一年内落实3-5家）' },
    fix: { en: 'write `{{swapped}}`', zh: '改为 `{{swapped}}`' },
  },
  'KPI0416.method': {
    message: { en: 'a target range does not fit `{{method}}` (`{{name}}`)', zh: '目标区间不适用于 `{{method}}`（`{{name}}`）' },
    help: {
      en: 'a range works with `linear` (the low end scores 100, the high end reaches the cap), `reverse` and `threshold`; for other methods give one target',
      zh: '区间适用于 `linear`（下限得 100 分，上限达到封顶）、`reverse` 和 `threshold`；其他方法请只写一个目标',
    },
  },
  'KPI0416.steps': {
    message: { en: 'steps of `{{name}}` are counted from one target, not a range', zh: '`{{name}}` 的步长从一个目标值起算，不能用区间' },
    help: {
      en: 'give one target (`target 98%`); a range works with `linear`, `reverse` and `threshold`',
      zh: '只写一个目标（`target 98%`）；区间适用于 `linear`、`reverse` 和 `threshold`',
    },
  },
  KPI0417: {
    summaryZh: '步长计分在目标的同一侧既扣分又加分。',
    message: { en: '`{{name}}` deducts and adds {{side}} the target', zh: '`{{name}}` 在{{side}}目标时既扣分又加分' },
    help: {
      en: 'one side loses points and the other gains them: e.g. `deduct 5 per 1% below target add 2 per 1% above target max 10`',
      zh: '一侧扣分，另一侧加分：如 `deduct 5 per 1% below target add 2 per 1% above target max 10`',
    },
  },
  'note.deducts-side': { message: { en: 'deducts {{side}} the target here', zh: '这里在{{side}}目标时扣分' } },
  'what.side.below': { message: { en: 'below', zh: '低于' } },
  'what.side.above': { message: { en: 'above', zh: '高于' } },
  // ---- 05xx tables ----
  KPI0501: {
    summaryZh: '分档表中 `>=`/`>` 行与 `<=`/`<` 行混用。',
    message: { en: 'band row `{{row}}` of `{{name}}` goes the other way', zh: '`{{name}}` 的分档行 `{{row}}` 方向相反' },
  },
  'help.bands-higher': { message: { en: 'this table is higher-is-better (`>=`/`>` rows); write every row with `>=` or `>`', zh: '这张表是越高越好（`>=`/`>` 行）；每一行都用 `>=` 或 `>`' } },
  'help.bands-lower': { message: { en: 'this table is lower-is-better (`<=`/`<` rows); write every row with `<=` or `<`', zh: '这张表是越低越好（`<=`/`<` 行）；每一行都用 `<=` 或 `<`' } },
  'note.sets-direction': { message: { en: 'first row `{{row}}` sets the direction', zh: '第一行 `{{row}}` 决定了方向' } },
  KPI0502: {
    summaryZh: '某个分档行永远不会被选中：前面的行（或 `else`）已经覆盖了它。',
    message: { en: 'band row `{{row}}` of `{{name}}` can never be chosen', zh: '`{{name}}` 的分档行 `{{row}}` 永远不会被选中' },
  },
  'KPI0502.after-else': {
    message: { en: 'band row `{{row}}` of `{{name}}` comes after `else`', zh: '`{{name}}` 的分档行 `{{row}}` 写在 `else` 之后' },
    help: { en: '`else` matches everything left, so rows after it are never used; move `else` last', zh: '`else` 匹配剩下的所有值，它后面的行永远用不到；把 `else` 移到最后' },
  },
  'note.else-here': { message: { en: '`else` is here', zh: '`else` 在这里' } },
  'note.already-takes': { message: { en: '`{{row}}` above already takes every such value', zh: '上面的 `{{row}}` 已经包含了所有这些值' } },
  'help.rows-highest-first': {
    message: { en: 'rows are tried top down and the first that holds wins; order them from the highest bound down', zh: '分档行自上而下匹配，第一条成立的生效；按下限从高到低排列' },
  },
  'help.rows-lowest-first': {
    message: { en: 'rows are tried top down and the first that holds wins; order them from the lowest bound up', zh: '分档行自上而下匹配，第一条成立的生效；按上限从低到高排列' },
  },
  'fix.rows-highest-first': { message: { en: 'order the rows from the highest bound down', zh: '按下限从高到低排列各行' } },
  'fix.rows-lowest-first': { message: { en: 'order the rows from the lowest bound up', zh: '按上限从低到高排列各行' } },
  KPI0503: {
    summaryZh: '分档表对更好的完成情况给出更低的分数。',
    message: {
      en: 'band `{{band}}` of `{{name}}` scores {{score}}, more than the better band `{{better}}` ({{betterScore}})',
      zh: '`{{name}}` 的分档 `{{band}}` 得 {{score}} 分，高于更好的分档 `{{better}}`（{{betterScore}} 分）',
    },
  },
  'help.bands-lower-indicator': {
    message: { en: 'the indicator is `lower`, so with `>=` rows the later rows are the better results; give them higher scores', zh: '这个指标是 `lower`（越低越好），用 `>=` 行时越往下结果越好；给它们更高的分数' },
  },
  'help.bands-ge-better': {
    message: {
      en: 'with `>=` rows a higher actual is better; if lower is better for this indicator, write `<=` rows from the lowest bound up',
      zh: '用 `>=` 行时实际值越高越好；如果这个指标越低越好，请用 `<=` 行，从低到高排列',
    },
  },
  'help.bands-le-better': {
    message: {
      en: 'with `<=` rows a lower actual is better; if higher is better, write `>=` rows from the highest bound down',
      zh: '用 `<=` 行时实际值越低越好；如果越高越好，请用 `>=` 行，从高到低排列',
    },
  },
  'note.scores': { message: { en: '`{{band}}` scores {{score}}', zh: '`{{band}}` 得 {{score}} 分' } },
  KPI0504: {
    summaryZh: '曲线点的 X 没有严格递增。',
    message: { en: 'curve point {{x}} of `{{name}}` is not after {{prev}}', zh: '`{{name}}` 的曲线点 {{x}} 没有排在 {{prev}} 之后' },
    help: { en: 'list curve points with X strictly increasing; each X once', zh: '曲线点按 X 严格递增排列；每个 X 只出现一次' },
  },
  'note.previous-point': { message: { en: 'previous point {{x}}', zh: '前一个点 {{x}}' } },
  KPI0505: {
    summaryZh: '曲线时升时降（或按达成率时下降），完成得更好反而得分更低。',
    message: { en: 'curve of `{{name}}` both rises and falls', zh: '`{{name}}` 的曲线时升时降' },
    help: { en: 'a score should move one way as achievement rises; check the scores of the points', zh: '随着完成情况提高，分数应朝一个方向变化；检查各点的分数' },
  },
  'note.falls': { message: { en: 'falls from {{from}} to {{to}}', zh: '从 {{from}} 到 {{to}} 下降' } },
  'note.rises': { message: { en: 'rises from {{from}} to {{to}}', zh: '从 {{from}} 到 {{to}} 上升' } },
  'note.from-point': { message: { en: 'from {{x}}: {{y}}', zh: '从 {{x}}：{{y}}' } },
  'KPI0505.falls-ratio': {
    message: { en: 'curve of `{{name}}` falls as the ratio rises', zh: '`{{name}}` 的曲线随达成率升高而下降' },
    help: {
      en: 'a higher ratio is better (for `lower` indicators the ratio is target ÷ actual); give higher ratios higher scores',
      zh: '达成率越高越好（`lower` 指标的达成率是 目标 ÷ 实际）；给更高的达成率更高的分数',
    },
  },
  'KPI0505.falls-actual': {
    message: { en: 'curve of `{{name}}` falls as the actual rises', zh: '`{{name}}` 的曲线随实际值升高而下降' },
    help: { en: 'if lower is better for this indicator, mark it `lower`; otherwise give higher actuals higher scores', zh: '如果这个指标越低越好，请标记 `lower`；否则给更高的实际值更高的分数' },
  },
  KPI0506: {
    summaryZh: '`on ratio` 表中的界值写成了 `90` 这样的数（即 9000%），可能漏了 `%`。',
    message: { en: 'bound {{value}} in the ratio table of `{{name}}` means {{percent}}', zh: '`{{name}}` 的达成率表中界值 {{value}} 表示 {{percent}}' },
    help: { en: '`on ratio` compares actual ÷ target, where 1 = 100%; write `{{value}}%`', zh: '`on ratio` 比较的是 实际 ÷ 目标，1 = 100%；请写 `{{value}}%`' },
    fix: { en: 'write `{{value}}%`', zh: '改为 `{{value}}%`' },
  },
  KPI0507: {
    summaryZh: '分档表或曲线没有任何行。',
    message: { en: 'bands table of `{{name}}` has no rows', zh: '`{{name}}` 的分档表没有任何行' },
    help: { en: 'add rows such as `>= 100%: 100` and `else: 0`', zh: '加上 `>= 100%: 100`、`else: 0` 这样的行' },
  },
  'KPI0507.curve': {
    message: { en: 'curve of `{{name}}` has no points', zh: '`{{name}}` 的曲线没有任何点' },
    help: { en: 'add points `X: SCORE`, e.g. `curve { 80%: 60, 100%: 100, 120%: 120 }`', zh: '加上 `X: 分数` 形式的点，如 `curve { 80%: 60, 100%: 100, 120%: 120 }`' },
  },
  // ---- 07xx tests ----
  KPI0701: {
    summaryZh: '测试的 `given` 写了方案不读取的列。',
    message: { en: 'test "{{test}}" gives `{{column}}`, which the plan does not read', zh: '测试 "{{test}}" 给出了 `{{column}}`，而方案不读取这一列' },
    fix: { en: 'give `{{target}}` instead', zh: '改为给出 `{{target}}`' },
  },
  'help.given-raters': { message: { en: '`{{column}}` is rated by raters: give `{{column}}.RATER` columns ({{columns}})', zh: '`{{column}}` 由评分人打分：请给出 `{{column}}.评分人` 列（{{columns}}）' } },
  'help.given-input': { message: { en: '`{{column}}` reads its actual from column `{{input}}`; give that column', zh: '`{{column}}` 的实际值读取自 `{{input}}` 列；请给出这一列' } },
  'help.given-suggest': { message: { en: 'did you mean `{{column}}`? a `given` names a column the plan reads', zh: '是不是想写 `{{column}}`？`given` 写的是方案读取的列' } },
  'help.given-columns': { message: { en: 'a `given` names a column the plan reads: {{columns}}', zh: '`given` 写的是方案读取的列：{{columns}}' } },
  KPI0702: {
    summaryZh: '测试的 `expect` 对象不是 `total`、`grade`、`coefficient`、`bonus`、指标或分组。',
    message: {
      en: 'test "{{test}}" expects `{{subject}}`, which is not an indicator, a group or a result',
      zh: '测试 "{{test}}" 期望的 `{{subject}}` 既不是指标、分组，也不是结果',
    },
    fix: { en: 'expect `{{suggestion}}` instead', zh: '改为期望 `{{suggestion}}`' },
  },
  'help.expect-suggest': {
    message: {
      en: "did you mean `{{subject}}`? `expect` checks `total`, `grade`, `coefficient`, `bonus`, `penalty`, an indicator's or group's own score, or its contribution `NAME.weighted`",
      zh: '是不是想写 `{{subject}}`？`expect` 检查 `total`（总分）、`grade`（等级）、`coefficient`（系数）、`bonus`（加分）、`penalty`（扣分）、指标或分组的得分，或它对总分的贡献 `名称.weighted`',
    },
  },
  'help.expect-subjects': {
    message: {
      en: "`expect` checks `total`, `grade`, `coefficient`, `bonus`, `penalty`, an indicator's or group's own score, or its contribution `NAME.weighted`",
      zh: '`expect` 检查 `total`（总分）、`grade`（等级）、`coefficient`（系数）、`bonus`（加分）、`penalty`（扣分）、指标或分组的得分，或它对总分的贡献 `名称.weighted`',
    },
  },
  KPI0703: {
    summaryZh: '`expect grade = L` 写的等级名不在方案的等级中，或方案没有等级。',
    message: { en: "grade `{{label}}` is not one of the plan's grades", zh: '等级 `{{label}}` 不是方案中的等级' },
    help: { en: 'the grades are {{labels}}', zh: '方案的等级：{{labels}}' },
    fix: { en: 'expect grade `{{suggestion}}`', zh: '改为期望等级 `{{suggestion}}`' },
  },
  'note.grades-here': { message: { en: 'grades are defined here', zh: '等级定义在这里' } },
  'KPI0703.no-grades': {
    message: { en: 'test "{{test}}" expects a {{subject}}, but plan `{{plan}}` has no grades', zh: '测试 "{{test}}" 期望 {{subject}}，但方案 `{{plan}}` 没有等级' },
    help: { en: 'add a `grades { ... }` block, or remove this expect', zh: '加上 `grades { ... }`，或删除这一行 expect' },
  },
  KPI0704: {
    summaryZh: '`expect` 把数字和等级名相比较，或把等级名和数字相比较。',
    message: { en: '`expect grade` takes a grade label, not `{{value}}`', zh: '`expect grade` 需要等级名，而不是 `{{value}}`' },
    help: { en: "write a label of the plan's grades{{labels}}; use `expect total = N` for the score", zh: '请写方案中的等级名{{labels}}；检查分数请用 `expect total = N`' },
  },
  'KPI0704.number': {
    message: { en: '`expect {{subject}}` takes a number, not `{{value}}`', zh: '`expect {{subject}}` 需要数字，而不是 `{{value}}`' },
    help: {
      en: '`expect grade = L` checks the label; totals, coefficients, bonus and indicator scores are numbers',
      zh: '`expect grade = L` 检查等级名；总分、系数、加分和指标得分都是数字',
    },
  },
  KPI0705: {
    summaryZh: '测试没有 `expect` 行，什么也不检查。',
    message: { en: 'test "{{test}}" has no `expect` line', zh: '测试 "{{test}}" 没有 `expect` 行' },
    help: { en: 'add what the plan should give, e.g. `expect total = 100` or `expect grade = A`', zh: '写上方案应得的结果，如 `expect total = 100` 或 `expect grade = A`' },
  },
  KPI0706: {
    summaryZh: '测试把同一列给出了两次。',
    message: { en: 'test "{{test}}" gives `{{column}}` twice', zh: '测试 "{{test}}" 把 `{{column}}` 给出了两次' },
    help: { en: 'give each column once; keep the value you mean', zh: '每一列只给一次；保留你想要的值' },
  },
  'note.first-given': { message: { en: '`{{column}}` is first given here', zh: '`{{column}}` 首次给出在这里' } },
  // ---- 06xx practice ----
  KPI0601: {
    summaryZh: '一个范围内的指标或分组超过 10 个。',
    message: { en: '`{{name}}` has {{n}} {{what}}, more than {{max}}', zh: '`{{name}}` 有 {{n}} 个{{what}}，超过 {{max}} 个' },
    help: { en: 'KPIs measure the few key results: keep 3 to 10 per scope, or split them into groups', zh: 'KPI 只衡量少数关键结果：每个范围保留 3 到 10 个，或分成几个分组' },
  },
  'what.indicators': { message: { en: 'indicators', zh: '指标' } },
  'what.indicators-and-groups': { message: { en: 'indicators and groups', zh: '指标和分组' } },
  KPI0602: {
    summaryZh: '指标在其范围内的权重低于 5%。',
    message: { en: '`{{name}}` weighs {{weight}}, under 5%', zh: '`{{name}}` 的权重是 {{weight}}，低于 5%' },
    help: {
      en: 'an indicator this light hardly moves the total (80/20 rule); merge it into another indicator or drop it',
      zh: '权重这么小的指标几乎不影响总分（二八法则）；把它并入其他指标，或删除',
    },
  },
  KPI0603: {
    summaryZh: '指标的计分方法需要目标，但没有写目标；无法计分。',
    message: { en: '`{{name}}` has no target, which `{{how}}` needs; it cannot be scored', zh: '`{{name}}` 没有目标，而 `{{how}}` 需要目标；无法计分' },
    help: {
      en: 'add `target T` after the weight (e.g. `target 100%`), or score the actual directly with `bands` or `curve`',
      zh: '在权重后写 `target T`（如 `target 100%`），或用 `bands`（分档）或 `curve`（曲线）直接按实际值计分',
    },
  },
  'help.target-threshold': { message: { en: 'add `target T` after the weight: 100 if the actual reaches T', zh: '在权重后写 `target T`：实际值达到 T 得 100 分' } },
  KPI0604: {
    summaryZh: '某个选项（target、cap、floor）被指标的计分方法忽略。',
    message: { en: '`{{option}}` has no effect on `{{name}}`, scored by `{{method}}`', zh: '`{{option}}` 对 `{{name}}` 不起作用：它按 `{{method}}` 计分' },
    help: {
      en: 'remove it, or choose a method that uses it (cap and floor apply to a ratio: `linear`, `reverse`, `on ratio` tables)',
      zh: '删除它，或选用会用到它的方法（cap 封顶与 floor 门槛作用于达成率：`linear`、`reverse`、`on ratio` 的表）',
    },
  },
  KPI0605: {
    summaryZh: '`allow` 写的不是实践警告（KPI06xx）的代码，或没有写理由。',
    message: { en: '`allow` accepts practice warnings (KPI06xx) only, not `{{code}}`', zh: '`allow` 只能接受实践警告（KPI06xx），不能接受 `{{code}}`' },
    help: { en: 'write the code of a practice warning, e.g. `allow KPI0601 "岗位说明书共 11 项"`', zh: '请写实践警告的代码，例如 `allow KPI0601 "岗位说明书共 11 项"`' },
  },
  'help.allow-error': { message: { en: '`{{code}}` is an error: the plan cannot be scored correctly until it is fixed', zh: '`{{code}}` 是错误：不改正，方案就无法正确计分' } },
  'help.allow-likely-mistake': { message: { en: '`{{code}}` points at a likely mistake; fix it instead', zh: '`{{code}}` 指出的很可能是笔误；请改正它' } },
  'KPI0605.reason': {
    message: { en: '`allow {{code}}` needs a reason', zh: '`allow {{code}}` 需要写理由' },
    help: {
      en: 'say why the plan breaks the rule, for whoever reads it next: `allow KPI0601 "岗位说明书共 11 项"`',
      zh: '写明方案为什么不遵守这条规则，方便后来的人阅读：`allow KPI0601 "岗位说明书共 11 项"`',
    },
    fix: { en: 'add a reason', zh: '加上理由' },
  },
  KPI0606: {
    summaryZh: '`allow` 接受的警告在方案中并不存在。',
    message: { en: '`allow {{code}}` accepts a warning this plan does not have', zh: '`allow {{code}}` 接受的警告在这个方案中并不存在' },
    help: { en: 'remove the line; the plan no longer breaks that rule', zh: '删除这一行；方案已不再违反那条规则' },
    fix: { en: 'remove the line', zh: '删除这一行' },
  },
  KPI0950: {
    summaryZh: '派生指标或否决条件的值可能变得太大，无法精确计算（如一个指标反复自乘）。',
    message: {
      en: '{{what}} can grow too large to be computed exactly: its value may need more than {{units}} times the digits of one data value',
      zh: '{{what}}的值可能变得太大，无法精确计算：它可能需要一个数据值 {{units}} 倍以上的位数',
    },
    help: {
      en: 'each `*` or `/` adds the sizes of its two sides, so a metric that multiplies a metric by itself doubles the size at every level; compute it from data columns with fewer multiplications',
      zh: '每个 `*` 或 `/` 会把两边的位数相加，所以指标自乘时每一层位数翻倍；请直接从数据列计算，减少乘法的层数',
    },
  },
  'what.metric-named': { message: { en: 'metric `{{name}}`', zh: '派生指标 `{{name}}` ' } },
  'what.veto-named': { message: { en: 'veto `{{name}}`', zh: '否决项 `{{name}}` ' } },
} as const;
