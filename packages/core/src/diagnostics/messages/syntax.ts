/**
 * KPI01xx texts (lexer and parser). Ids are a code (`KPI0101`), a code and a variant
 * (`KPI0101.between-clauses`) or a standalone text (`help.…`, `fix.…`, `note.…`, `what.…`).
 * Every template exists in English and Chinese with the same `{{placeholders}}` (test/catalogue.test.ts).
 */
export const SYNTAX_MESSAGES = {
  KPI0101: {
    summaryZh: '语法不允许的词出现在这里。',
    message: { en: 'unexpected {{found}}', zh: '这里不应出现 {{found}}' },
  },
  'KPI0101.expected-plan': {
    message: { en: 'expected `plan`, found {{found}}', zh: '应为 `plan`（方案），却是 {{found}}' },
  },
  'KPI0101.after-plan': {
    message: { en: 'unexpected {{found}} after the end of the plan', zh: '方案结束之后出现了 {{found}}' },
  },
  'KPI0101.between-clauses': {
    message: { en: 'unexpected {{found}} between clauses', zh: '子句之间出现了 {{found}}' },
    help: {
      en: 'the clauses of an item (`weight`, `target`, `scoring`, `cap` …) are separated by spaces, not commas',
      zh: '一项的各个子句（`weight` 权重、`target` 目标、`scoring` 计分、`cap` 封顶 …）之间用空格分隔，不用逗号',
    },
    fix: { en: 'remove {{found}}', zh: '删除 {{found}}' },
  },
  'KPI0101.before': {
    message: { en: 'unexpected `{{word}}` before `{{next}}`', zh: '`{{next}}` 之前出现了 `{{word}}`' },
  },
  'KPI0101.grade-gt': {
    message: { en: 'grade bounds are written with `>=`, found `>`', zh: '等级下限用 `>=` 书写，这里是 `>`' },
    help: { en: 'a grade line reads `LABEL >= N coefficient C`', zh: '等级行的写法：`等级 >= 分数 coefficient 系数`' },
    fix: { en: 'use `>=`', zh: '改用 `>=`' },
  },
  'KPI0101.target-nan': {
    message: { en: 'expected a number after `target`, found `{{word}}`', zh: '`target`（目标）后面应是一个数，这里是 `{{word}}`' },
    help: { en: 'write a number here', zh: '在这里写一个数' },
  },
  'KPI0101.after-allow': {
    message: { en: 'unexpected `{{word}}` after `allow {{code}}`', zh: '`allow {{code}}` 后面不应出现 `{{word}}`' },
    help: {
      en: 'write `allow KPI0601 "reason"` to accept a practice warning, or `allow negative total`',
      zh: '写 `allow KPI0601 "理由"` 接受一条实践警告，或写 `allow negative total`（允许总分为负）',
    },
  },
  'KPI0101.rounding-without-target': {
    message: { en: '`whole` and `started` apply to steps measured from the target', zh: '`whole`（整步）和 `started`（不足一步按一步）只用于从目标起算的步长' },
    help: {
      en: '`deduct N per 1` counts whole occurrences already; for a distance from the target write e.g. `deduct 5 per 1% below target whole`',
      zh: '`deduct N per 1` 本来就按整次计数；要按离目标的差距计，写如 `deduct 5 per 1% below target whole`',
    },
  },
  'KPI0101.chevrotain': { message: { en: '{{text}}', zh: '{{text}}' } },
  KPI0102: {
    summaryZh: '缺少必需的词（括号、数值或关键字）。',
    message: { en: '{{text}}', zh: '{{text}}' },
  },
  KPI0103: {
    summaryZh: '字符串没有在同一行用 `"` 结束。',
    message: { en: 'unterminated string', zh: '字符串没有结束' },
    help: { en: 'close the string with `"` on the same line', zh: '在同一行用 `"` 结束字符串' },
    fix: { en: 'add the closing `"`', zh: '补上结尾的 `"`' },
  },
  KPI0104: {
    summaryZh: '语言中不存在的字符。',
    message: { en: 'invalid character {{char}}', zh: '无效字符 {{char}}' },
  },
  'KPI0104.curly-quotes': {
    message: { en: 'curly quotes `“ ”` do not delimit strings', zh: '中文引号 `“ ”` 不能括起字符串' },
    help: { en: 'strings use straight double quotes: `"text"`', zh: '字符串用英文直双引号：`"文字"`' },
    fix: { en: 'use straight quotes', zh: '改用直引号' },
  },
  KPI0105: {
    summaryZh: '数字写法有误（多余的 `_`，或引号中的内容不是数字）。',
    message: { en: 'invalid number `{{text}}`', zh: '数字 `{{text}}` 写法有误' },
    help: { en: '`_` may only group digits, as in `1_200_000`', zh: '`_` 只能用来给数字分组，如 `1_200_000`' },
    fix: { en: 'remove the stray `_`', zh: '删除多余的 `_`' },
  },
  'KPI0105.too-many-decimals': {
    message: {
      en: 'number `{{text}}` has more than {{max}} decimal places{{asFraction}}; it cannot be kept exactly',
      zh: '数字 `{{text}}` 的小数位超过 {{max}} 位{{asFraction}}，无法精确保存',
    },
    help: { en: 'round it to at most {{max}} decimal places{{beforePercent}}', zh: '把它舍入到最多 {{max}} 位小数{{beforePercent}}' },
  },
  'KPI0105.string': {
    message: { en: 'expected a number, found the string `{{text}}`', zh: '应为数字，却是字符串 `{{text}}`' },
    help: {
      en: 'write a number (`1200000`, `95%`); a quoted number may use grouping commas and a currency sign: `"¥1,200,000"`',
      zh: '写一个数字（`1200000`、`95%`）；加引号的数字可以带千分位逗号和货币符号：`"¥1,200,000"`',
    },
  },
  KPI0106: {
    summaryZh: '指标或加分项缺少必需的子句（`weight`、`scoring`、`points ... per ...`）。',
    message: { en: '{{what}}', zh: '{{what}}' },
  },
  'KPI0106.no-weight': { message: { en: 'indicator `{{name}}` has no `weight`', zh: '指标 `{{name}}` 没有 `weight`（权重）' } },
  'KPI0106.no-weight.help': { message: { en: 'add `weight P` after the name, e.g. `weight 20%`', zh: '在名称后写 `weight P`，如 `weight 20%`' } },
  'KPI0106.no-scoring': { message: { en: 'indicator `{{name}}` has no `scoring` method', zh: '指标 `{{name}}` 没有 `scoring`（计分方法）' } },
  'KPI0106.no-scoring.help': {
    message: {
      en: 'add `scoring METHOD` (`linear`, `reverse`, `threshold`, `bands`, `curve`, `deduct`, `rating`)',
      zh: '写上 `scoring 方法`（`linear` 线性、`reverse` 反向、`threshold` 达标、`bands` 分档、`curve` 曲线、`deduct` 扣分、`rating` 评分）',
    },
  },
  'KPI0106.bonus': { message: { en: 'bonus `{{name}}` needs `points P per N`', zh: '加分项 `{{name}}` 需要 `points P per N`（每 N 加 P 分）' } },
  'KPI0106.bonus.help': { message: { en: 'write e.g. `bonus 创新提案 points 2 per 1 max 10`', zh: '例如写 `bonus 创新提案 points 2 per 1 max 10`' } },
  'KPI0106.penalty': { message: { en: 'penalty `{{name}}` needs `points P per N`', zh: '扣分项 `{{name}}` 需要 `points P per N`（每 N 扣 P 分）' } },
  'KPI0106.penalty.help': { message: { en: 'write e.g. `penalty 有效投诉 points 3 per 1 max 15`', zh: '例如写 `penalty 有效投诉 points 3 per 1 max 15`' } },
  'KPI0106.step-add': {
    message: { en: '`add … per …` here needs `below target` or `above target`', zh: '这里的 `add … per …` 需要写明 `below target`（低于目标）或 `above target`（高于目标）' },
    help: { en: 'write e.g. `add 2 per 1% above target max 10` (超额1%加2分，最高加10分)', zh: '例如写 `add 2 per 1% above target max 10`（超额1%加2分，最高加10分）' },
  },
  'KPI0106.step-deduct': {
    message: { en: '`deduct … per …` here needs `below target` or `above target`', zh: '这里的 `deduct … per …` 需要写明 `below target`（低于目标）或 `above target`（高于目标）' },
    help: { en: 'write e.g. `deduct 5 per 1% below target max 30` (每低1%扣5分，最多扣30分)', zh: '例如写 `deduct 5 per 1% below target max 30`（每低1%扣5分，最多扣30分）' },
  },
  'fix.add': { message: { en: 'add `{{text}}`', zh: '补上 `{{text}}`' } },
  KPI0107: {
    summaryZh: '同一项中 `cap`、`target` 等子句写了两次。',
    message: { en: '{{what}} is given twice in this {{where}}', zh: '这个{{where}}中{{what}}写了两次' },
    help: { en: 'keep one {{what}}', zh: '只保留一个{{what}}' },
    fix: { en: 'remove the second {{what}}', zh: '删除第二个{{what}}' },
  },
  'note.first-here': { message: { en: 'first {{what}} here', zh: '第一个{{what}}在这里' } },
  KPI0108: {
    summaryZh: '括号或代码块嵌套过深，超出解析器的限制。',
    message: { en: 'the file could not be parsed (nested too deeply or too large)', zh: '无法解析此文件（嵌套过深或文件过大）' },
    help: { en: 'reduce nesting; internal error: {{detail}}', zh: '减少嵌套；内部错误：{{detail}}' },
  },
  'KPI0108.parens': {
    message: { en: 'expression nested too deeply (more than {{max}} {{unit}})', zh: '表达式嵌套过深（超过 {{max}} 层{{unit}}）' },
    help: { en: 'split the expression into several `metric`s', zh: '把表达式拆成几个 `metric`（派生指标）' },
  },
  'KPI0108.blocks': {
    message: { en: 'blocks nested too deeply (more than {{max}} levels of `{ }`)', zh: '代码块嵌套过深（超过 {{max}} 层 `{ }`）' },
    help: { en: 'flatten the nested groups', zh: '减少分组的嵌套层数' },
  },
  KPI0109: {
    summaryZh: '设置的值不被允许（例如 `round` 需要整数位小数）。',
    message: { en: '`round` needs a whole number of decimals (0 to 6), found `{{text}}`', zh: '`round` 需要 0 到 6 之间的整数位小数，这里是 `{{text}}`' },
    help: { en: 'write e.g. `round 2` to report totals with two decimals', zh: '例如写 `round 2`，总分保留两位小数' },
  },
  // ---- helps and fixes shared by several syntax errors ----
  'help.straight-quotes': { message: { en: 'strings use straight double quotes: `"text"`', zh: '字符串用英文直双引号：`"文字"`' } },
  'help.ascii': { message: { en: 'use the ASCII `{{char}}`', zh: '改用半角（ASCII）的 `{{char}}`' } },
  'help.invalid-char': {
    message: {
      en: 'names with spaces or punctuation are written as strings, e.g. `"GMV (含税)"`; comments start with `#` or `//`',
      zh: '含空格或标点的名称要写成字符串，如 `"GMV (含税)"`；注释以 `#` 或 `//` 开头',
    },
  },
  'help.did-you-mean': { message: { en: 'did you mean `{{word}}`?', zh: '是不是想写 `{{word}}`？' } },
  'fix.replace': { message: { en: 'replace `{{old}}` with `{{word}}`', zh: '把 `{{old}}` 改为 `{{word}}`' } },
  'help.keyword-zh': {
    message: {
      en: '`{{word}}` is not a keyword: did you mean `{{keyword}}` (in Chinese `{{zh}}`)? Plans can use Chinese keywords: {{examples}}',
      zh: '`{{word}}` 不是关键字：是不是想写 `{{zh}}`（英文 `{{keyword}}`）？方案中可以使用中文关键字：{{examples}}',
    },
  },
  'help.plain': { message: { en: '{{text}}', zh: '{{text}}' } },
  'help.in-plan': { message: { en: 'a file holds plans: `plan NAME { ... }`; put this inside one', zh: '文件由方案组成：`plan 名称 { ... }`；把这部分放进方案里' } },
  'help.after-plan': {
    message: { en: 'everything belongs inside `plan NAME { ... }`: check for an extra `}` above', zh: '所有内容都应在 `plan 名称 { ... }` 之内：检查上方是否多了一个 `}`' },
  },
  'help.plan-holds': {
    message: {
      en: 'a plan holds `indicator`, `group`, `metric`, `bonus`, `veto`, `grades`, `test` and settings; close it with `}`',
      zh: '方案中可以写 `indicator`（指标）、`group`（分组）、`metric`（派生）、`bonus`（加分）、`veto`（否决）、`grades`（等级）、`test`（测试）和设置；用 `}` 结束',
    },
  },
  'help.group-holds': { message: { en: 'a group holds `indicator`s and `group`s; close it with `}`', zh: '分组中可以写 `indicator`（指标）和 `group`（分组）；用 `}` 结束' } },
  'help.block.bands': {
    message: {
      en: 'a band row reads `>= 90%: 85` (or `>`, `<=`, `<`), the last may be `else: 0`; close the table with `}`',
      zh: '分档行的写法：`>= 90%: 85`（或 `>`、`<=`、`<`），最后一行可以是 `else: 0`；用 `}` 结束分档表',
    },
  },
  'help.block.curve': { message: { en: 'a curve point reads `X: S`, e.g. `80%: 60`; close the curve with `}`', zh: '曲线点的写法：`X: S`，如 `80%: 60`；用 `}` 结束曲线' } },
  'help.block.raters': { message: { en: 'a rater reads `NAME P%`, e.g. `manager 70%`; close the list with `}`', zh: '评分人的写法：`名称 P%`，如 `manager 70%`；用 `}` 结束列表' } },
  'help.block.grades': {
    message: {
      en: 'a grade line reads `LABEL >= N coefficient C`, the last `LABEL coefficient C`; close with `}`',
      zh: '等级行的写法：`等级 >= 分数 coefficient 系数`，最后一行 `等级 coefficient 系数`；用 `}` 结束',
    },
  },
  'help.block.test': {
    message: { en: 'a test holds `given NAME = V, ...` and `expect SUBJECT = V` lines; close it with `}`', zh: '测试中写 `given 名称 = 值, ...` 和 `expect 对象 = 值` 两种行；用 `}` 结束' },
  },
  'help.use-ge': { message: { en: 'did you mean `>=`?', zh: '是不是想写 `>=`？' } },
  'fix.use-ge': { message: { en: 'replace `=` with `>=`', zh: '把 `=` 改为 `>=`' } },
  'help.use-eqeq': { message: { en: 'comparisons are written `==`: did you mean `==`?', zh: '比较相等写作 `==`：是不是想写 `==`？' } },
  'fix.use-eqeq': { message: { en: 'replace `=` with `==`', zh: '把 `=` 改为 `==`' } },
  'help.eof': { message: { en: 'the file ends too early: check for a missing `}` or value', zh: '文件提前结束了：检查是否缺少 `}` 或数值' } },
  'help.insert': { message: { en: 'insert {{what}} before {{found}}', zh: '在 {{found}} 之前插入{{what}}' } },
  'help.write-here': { message: { en: 'write {{what}} here', zh: '这里应写{{what}}' } },
  'help.remove-token': { message: { en: 'remove or correct this token', zh: '删除或改正这个词' } },
  // ---- words used inside the texts above ----
  'what.end-of-file': { message: { en: 'end of file', zh: '文件结尾' } },
  'what.after': { message: { en: ' after `{{word}}`', zh: '`{{word}}` 之后' } },
  'what.operators': { message: { en: 'levels of operators', zh: '运算符' } },
  'what.plan': { message: { en: 'plan', zh: '方案' } },
  'what.indicator': { message: { en: 'indicator', zh: '指标' } },
  'what.bonus': { message: { en: 'bonus', zh: '加分项' } },
  'what.penalty': { message: { en: 'penalty', zh: '扣分项' } },
  'what.scoring-method': { message: { en: 'scoring method', zh: '计分方法' } },
  'what.parentheses': { message: { en: 'parentheses', zh: '括号' } },
  'what.as-fraction': { message: { en: ' (as a fraction)', zh: '（按小数计）' } },
  'what.before-percent': { message: { en: ' ({{n}} before the `%`)', zh: '（`%` 之前 {{n}} 位）' } },
  'KPI0101.tier-op': {
    message: { en: 'a commission tier is written `<= BOUND: RATE` (or `<`), found `{{found}}`', zh: '提成档位应写成 `<= 上限: 比例`（或 `<`），这里是 `{{found}}`' },
    help: { en: 'tiers go from the lowest amount up: `<= 300000: 3%`, then `<= 500000: 5%`, then `else: 7%`', zh: '档位从低到高：`<= 300000: 3%`，然后 `<= 500000: 5%`，最后 `else: 7%`' },
    fix: { en: 'use `<=`', zh: '改为 `<=`' },
  },
} as const;
