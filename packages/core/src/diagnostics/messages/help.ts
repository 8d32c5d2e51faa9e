/**
 * The command line's help (`kpi --help`, `kpi <command> --help`): every command's description, its arguments'
 * and options' help, the examples and notes after them, and commander's own words around them (titles,
 * `(choices: …)`, `(default: …)`, the help option and command). The English is what `kpi --help` has always
 * printed, byte for byte; packages/cli/src/help.ts and the commands render it in the run's language. See
 * messages/index.ts.
 */
export const HELP_MESSAGES = {
  // ---- commander's own words (packages/cli/src/help.ts): the titles of the help's sections ----
  'cli-help.title.usage': { message: { en: 'Usage:', zh: '用法：' } },
  'cli-help.title.arguments': { message: { en: 'Arguments:', zh: '参数：' } },
  'cli-help.title.options': { message: { en: 'Options:', zh: '选项：' } },
  'cli-help.title.global-options': { message: { en: 'Global Options:', zh: '全局选项：' } },
  'cli-help.title.commands': { message: { en: 'Commands:', zh: '命令：' } },
  // after an option's or argument's help: `(choices: "zh", "en", default: "zh")`
  'cli-help.described': { message: { en: '{{description}} {{extra}}', zh: '{{description}}{{extra}}' } },
  'cli-help.extra': { message: { en: '({{items}})', zh: '（{{items}}）' } },
  'cli-help.extra.sep': { message: { en: ', ', zh: '；' } },
  'cli-help.extra.values-sep': { message: { en: ', ', zh: '、' } },
  'cli-help.extra.choices': { message: { en: 'choices: {{values}}', zh: '可选值：{{values}}' } },
  'cli-help.extra.default': { message: { en: 'default: {{value}}', zh: '默认值：{{value}}' } },
  'cli-help.extra.preset': { message: { en: 'preset: {{value}}', zh: '预设值：{{value}}' } },
  'cli-help.extra.env': { message: { en: 'env: {{name}}', zh: '环境变量：{{name}}' } },
  // `-h, --help` of each command, and `kpi help [command]`
  'cli-help.help-option': { message: { en: 'display help for command', zh: '显示本命令的帮助' } },
  'cli-help.help-command': { message: { en: 'display help for command', zh: '显示某个命令的帮助' } },

  // ---- kpi (packages/cli/src/program.ts) ----
  'cli-help.kpi': { message: { en: 'KPI appraisal plans (绩效考核方案): check, test, score and explain', zh: 'KPI 绩效考核方案：检查、测试、计分和解释得分' } },
  'cli-help.kpi.version': { message: { en: 'print the version', zh: '显示版本号' } },
  'cli-help.kpi.help': { message: { en: 'show help', zh: '显示帮助' } },
  'cli-help.examples.kpi': {
    message: {
      en: `Examples:
  $ kpi init my-plans              scaffold a plan, sample data and a CI workflow
  $ kpi check plans/               check every .kpi file under plans/
  $ kpi test plans/                run the test blocks of every plan
  $ kpi score 店长.kpi --data 五月.csv -o 五月结果.xlsx

Exit codes: 0 ok · 1 errors in a plan or failed tests · 2 usage, I/O or data error.`,
      zh: `示例：
  $ kpi init my-plans              创建示例方案、样例数据和 CI 工作流
  $ kpi check plans/               检查 plans/ 下的每个 .kpi 文件
  $ kpi test plans/                运行每个方案中的 test 测试块
  $ kpi score 店长.kpi --data 五月.csv -o 五月结果.xlsx

退出码：0 正常 · 1 方案有错误或测试未通过 · 2 用法、读写或数据错误。`,
    },
  },

  // ---- shared by several commands ----
  'cli-help.common.files': { message: { en: 'plan files, directories (every .kpi under them) or globs', zh: '方案文件、目录（其下所有 .kpi 文件）或通配符' } },
  'cli-help.common.plan-file': { message: { en: 'plan file (.kpi)', zh: '方案文件（.kpi）' } },
  'cli-help.common.format': { message: { en: 'output format', zh: '输出格式' } },
  'cli-help.common.id-column': { message: { en: 'id column (default: the first column)', zh: '人员标识列，如工号（默认：第一列）' } },
  'cli-help.common.plan': { message: { en: 'plan to use when the file holds several', zh: '文件中有多个方案时，使用哪一个' } },
  'cli-help.common.encoding': { message: { en: 'CSV encoding (default: detected)', zh: 'CSV 编码（默认：自动识别）' } },
  'cli-help.common.sheet': { message: { en: 'XLSX sheet name or 1-based number', zh: 'XLSX 工作表名称或序号（从 1 开始）' } },
  'cli-help.common.max-errors': { message: { en: 'stop listing data errors after this many', zh: '最多列出多少条数据错误' } },
  'cli-help.common.period': {
    message: { en: "several periods per person: the column naming each row's period (or the plan's `period`)", zh: '每人有多个考核周期时：标明每行所属周期的列（或方案中的 `period`）' },
  },
  // --lang (packages/cli/src/lang.ts): what it changes in a command, then where its default comes from
  'cli-help.lang': { message: { en: 'language of messages', zh: '消息的语言' } },
  'cli-help.lang.default': { message: { en: '{{what}} (default: KPI_LANG, then LC_ALL/LANG: zh_* → zh)', zh: '{{what}}（默认依次取自 KPI_LANG、LC_ALL/LANG：zh_* → zh）' } },
  // the data options of score and explain (dataOptions in packages/cli/src/commands/score.ts)
  'cli-help.data.data': { message: { en: 'actuals: .csv (UTF-8 or GBK), .xlsx or .json (required)', zh: '实际完成数据：.csv（UTF-8 或 GBK）、.xlsx 或 .json（必填）' } },
  'cli-help.data.encoding': { message: { en: 'CSV encoding: utf-8, gbk, gb18030, utf-16le (default: detected)', zh: 'CSV 编码：utf-8、gbk、gb18030、utf-16le（默认：自动识别）' } },
  'cli-help.data.sheet': { message: { en: 'XLSX sheet name or 1-based number (default: the first)', zh: 'XLSX 工作表名称或序号（从 1 开始；默认：第一个）' } },

  // ---- kpi check ----
  'cli-help.check': { message: { en: 'check plan files: syntax, weights, ranges, tables, names, KPI practice', zh: '检查方案文件：语法、权重、取值范围、计分表、名称，以及 KPI 设计惯例' } },
  'cli-help.check.strict': { message: { en: 'fail (exit 1) on warnings too', zh: '有警告也算失败（退出码 1）' } },
  'cli-help.check.max-warnings': { message: { en: 'fail (exit 1) when there are more than n warnings', zh: '警告超过 n 个时算失败（退出码 1）' } },
  'cli-help.check.all': {
    message: {
      en: 'show every finding in the terminal (a code with more than {{more}} warnings in a file shows its first {{keep}})',
      zh: '在终端显示全部问题（不加时，同一文件中某个代码的警告超过 {{more}} 个只显示前 {{keep}} 个）',
    },
  },
  'cli-help.examples.check': {
    message: {
      en: `Examples:
  $ kpi check 店长.kpi
  $ kpi check plans/ 'teams/**/*.kpi'
  $ kpi check --format github plans/        annotations in a GitHub Actions run
  $ kpi check --format sarif plans/ > kpi.sarif
  $ kpi check --max-warnings 20 plans/       no new warnings beyond today's 20 in CI

Exit codes: 0 no errors (warnings allowed unless --strict or --max-warnings) · 1 errors · 2 usage or I/O error.`,
      zh: `示例：
  $ kpi check 店长.kpi
  $ kpi check plans/ 'teams/**/*.kpi'
  $ kpi check --format github plans/        在 GitHub Actions 运行中标注问题
  $ kpi check --format sarif plans/ > kpi.sarif
  $ kpi check --max-warnings 20 plans/       在 CI 中：警告不得超过现有的 20 个

退出码：0 没有错误（有警告也算通过，除非加了 --strict 或 --max-warnings）· 1 有错误 · 2 用法或读写错误。`,
    },
  },

  // ---- kpi test ----
  'cli-help.test': { message: { en: 'run the `test` blocks of plan files', zh: '运行方案文件中的 `test` 测试块' } },
  'cli-help.test.plan': { message: { en: 'only the plan with this name', zh: '只测试这个名称的方案' } },
  'cli-help.examples.test': {
    message: {
      en: `Examples:
  $ kpi test 店长.kpi
  $ kpi test plans/
  $ kpi test --format junit plans/ > kpi-tests.xml
  $ kpi test --format github plans/         the same lines, plus annotations in a GitHub Actions run

A failure shows what was expected and what the plan computed. The last line is always
\`N passed, N failed\`. Exit codes: 0 all passed · 1 a test failed or a plan has errors · 2 usage or I/O error.`,
      zh: `示例：
  $ kpi test 店长.kpi
  $ kpi test plans/
  $ kpi test --format junit plans/ > kpi-tests.xml
  $ kpi test --format github plans/         输出同样的内容，并在 GitHub Actions 运行中标注失败项

每个未通过的测试都会列出期望值和方案实际算出的值。最后一行总是
\`N 个通过，N 个失败\`。退出码：0 全部通过 · 1 有测试未通过或方案有错误 · 2 用法或读写错误。`,
    },
  },

  // ---- kpi score ----
  'cli-help.score': { message: { en: 'score every row of a data file with a plan', zh: '用方案为数据文件的每一行计分' } },
  'cli-help.score.format': {
    message: { en: 'output format (default: from -o, else table); parquet with `--engine duckdb`', zh: '输出格式（默认：按 -o 的扩展名，没有 -o 时为表格）；parquet 需配合 `--engine duckdb`' },
  },
  'cli-help.score.engine': {
    message: {
      en: 'js (default), or duckdb: the plan as exact SQL in embedded DuckDB, for big CSV and Parquet (picked for .parquet)',
      zh: 'js（默认）或 duckdb：把方案转成精确的 SQL，在内嵌的 DuckDB 中计算，适合大型 CSV 和 Parquet（.parquet 文件自动选用）',
    },
  },
  'cli-help.score.output': { message: { en: 'write to a file (written whole or not at all)', zh: '写入文件（要么完整写入，要么完全不写）' } },
  'cli-help.score.keep': {
    message: { en: 'copy these data columns into the report after the id, e.g. `--keep 姓名,部门`', zh: '把这些数据列复制到结果中，放在人员标识之后，例如 `--keep 姓名,部门`' },
  },
  'cli-help.score.lang': { message: { en: 'language of column headers and messages (headers default to zh)', zh: '列标题和消息的语言（列标题默认为中文）' } },
  'cli-help.score.strict': {
    message: { en: 'data warnings fail too (e.g. `95` where the target is 98%): exit 2, nothing written', zh: '数据警告也算失败（例如目标是 98%，却填了 `95`）：退出码 2，不写出任何结果' },
  },
  'cli-help.examples.score': {
    message: {
      en: `Examples:
  $ kpi score 店长.kpi --data data/店长.csv
  $ kpi score 店长.kpi --data 五月.xlsx --sheet 门店 --id 工号 -o 五月结果.xlsx
  $ kpi score 店长.kpi --data 五月.csv --keep 姓名,门店 -o 五月结果.csv
  $ kpi score 运营中心.kpi --plan 店长月度考核 --data actuals.csv --format json
  $ kpi score 店长.kpi --data 五月.csv --strict -o 五月结果.csv      (for CI: a data warning fails too)

Values are read as people write them: 95%, 0.95, 1,200,000, ¥1,200,000, full-width digits.
Any data error (missing column, unreadable value, duplicate id) stops the run with exit 2 and
lists every error with its row and column; no output file is written.`,
      zh: `示例：
  $ kpi score 店长.kpi --data data/店长.csv
  $ kpi score 店长.kpi --data 五月.xlsx --sheet 门店 --id 工号 -o 五月结果.xlsx
  $ kpi score 店长.kpi --data 五月.csv --keep 姓名,门店 -o 五月结果.csv
  $ kpi score 运营中心.kpi --plan 店长月度考核 --data actuals.csv --format json
  $ kpi score 店长.kpi --data 五月.csv --strict -o 五月结果.csv      （用于 CI：有数据警告也算失败）

数值按平常的写法读取：95%、0.95、1,200,000、¥1,200,000、全角数字都可以。
只要有数据错误（缺列、无法识别的值、重复的人员标识），运行就会停止，退出码 2，
并列出每个错误所在的行和列；不会写出结果文件。`,
    },
  },

  // ---- kpi explain ----
  'cli-help.explain': {
    message: {
      en: "explain one person's score: each indicator's actual, ratio, rule, cap, weight; bonus and veto",
      zh: '解释一个人的得分：每项指标的实际值、达成率、计分规则、封顶、权重；加分项和否决项',
    },
  },
  'cli-help.explain.id': { message: { en: 'the id of the person to explain (a value of the id column)', zh: '要解释的人员标识（人员标识列中的一个值）' } },
  'cli-help.explain.lang': { message: { en: 'language of the sentences and messages (sentences default to zh)', zh: '解释语句和消息的语言（解释语句默认为中文）' } },
  'cli-help.examples.explain': {
    message: {
      en: `Examples:
  $ kpi explain 店长.kpi --data data/店长.csv --id S002
  $ kpi explain 店长.kpi --data data/店长.csv --id-column 姓名 --id 王芳 --lang en
  $ kpi explain 店长.kpi --data data/店长.csv --id S002 --format json

\`--id\` is the person's id, looked up in the first column (or the column named by \`--id-column\`).`,
      zh: `示例：
  $ kpi explain 店长.kpi --data data/店长.csv --id S002
  $ kpi explain 店长.kpi --data data/店长.csv --id-column 姓名 --id 王芳 --lang en
  $ kpi explain 店长.kpi --data data/店长.csv --id S002 --format json

\`--id\` 是人员标识，在第一列中查找（或在 \`--id-column\` 指定的列中查找）。`,
    },
  },

  // ---- kpi fmt ----
  'cli-help.fmt': { message: { en: 'format plan files in the canonical layout (comments kept)', zh: '按标准版式格式化方案文件（保留注释）' } },
  'cli-help.fmt.check': { message: { en: 'change nothing; list files that are not formatted and exit 1 if any', zh: '不做任何修改；列出未格式化的文件，有则退出码为 1' } },
  'cli-help.fmt.stdout': { message: { en: 'print the formatted text instead of writing files (one file only)', zh: '把格式化后的文本打印出来，不写回文件（只能一个文件）' } },
  'cli-help.fmt.keywords': {
    message: { en: 'write keywords in English (weight) or Chinese (权重); default: each file keeps its style', zh: '关键字写成英文（weight）或中文（权重）；默认：每个文件保持原来的写法' },
  },
  'cli-help.examples.fmt': {
    message: {
      en: `Examples:
  $ kpi fmt 店长.kpi
  $ kpi fmt plans/
  $ kpi fmt --check plans/        in CI: exit 1 if a file is not formatted

A file with syntax errors is left unchanged and its errors are printed (exit 1).`,
      zh: `示例：
  $ kpi fmt 店长.kpi
  $ kpi fmt plans/
  $ kpi fmt --check plans/        在 CI 中：有文件未格式化时退出码为 1

有语法错误的文件保持不变，并打印其中的错误（退出码 1）。`,
    },
  },

  // ---- kpi compile ----
  'cli-help.compile': {
    message: { en: 'compile a plan to a standalone JS scoring module, or print its IR as JSON', zh: '把方案编译成独立的 JS 计分模块，或以 JSON 输出它的中间表示（IR）' },
  },
  'cli-help.compile.target': { message: { en: 'what to produce', zh: '生成什么' } },
  'cli-help.compile.dialect': { message: { en: 'SQL dialect (--target sql)', zh: 'SQL 方言（--target sql）' } },
  'cli-help.compile.table': { message: { en: 'table or view of actuals the query reads (--target sql)', zh: '查询所读取的实际数据表或视图（--target sql）' } },
  'cli-help.compile.id': { message: { en: 'id column of that table (--target sql)', zh: '该表的人员标识列（--target sql）' } },
  'cli-help.compile.order-by': {
    message: {
      en: 'sort the results by this column, e.g. the row number of the export (--target sql; ClickHouse sorts by id without it)',
      zh: '按这一列给结果排序，例如导出数据的行号（--target sql；不指定时 ClickHouse 按人员标识排序）',
    },
  },
  'cli-help.compile.plan': {
    message: { en: 'plan to compile when the file holds several (js; json gives them all unless named)', zh: '文件中有多个方案时编译哪一个（js；json 不指定时输出全部方案）' },
  },
  'cli-help.compile.output': { message: { en: 'write to a file instead of stdout', zh: '写入文件，而不是输出到标准输出' } },
  'cli-help.examples.compile': {
    message: {
      en: `Examples:
  $ kpi compile 店长.kpi --target js -o 店长.mjs
  $ kpi compile 店长.kpi --target json > 店长.ir.json
  $ kpi compile 店长.kpi --target sql --dialect postgres --table hr.actuals_2024_05 --id 工号 > 店长.sql
  $ kpi compile 店长.kpi --target sql --dialect clickhouse --table hr.actuals_all --id 工号 > 店长.sql

--target json writes the typed IR with an \`irVersion\`; --target js an ES module whose code holds only
validated numbers and indices from the plan (names travel as JSON data).`,
      zh: `示例：
  $ kpi compile 店长.kpi --target js -o 店长.mjs
  $ kpi compile 店长.kpi --target json > 店长.ir.json
  $ kpi compile 店长.kpi --target sql --dialect postgres --table hr.actuals_2024_05 --id 工号 > 店长.sql
  $ kpi compile 店长.kpi --target sql --dialect clickhouse --table hr.actuals_all --id 工号 > 店长.sql

--target json 输出带 \`irVersion\` 的类型化中间表示（IR）；--target js 输出一个 ES 模块，其代码中只有
方案里经过校验的数字和下标（名称作为 JSON 数据传入）。`,
    },
  },

  // ---- kpi init ----
  'cli-help.init': {
    message: { en: 'scaffold a plan repository: an example plan, sample data, a CI workflow, package.json and a README', zh: '创建方案仓库：示例方案、样例数据、CI 工作流、package.json 和 README' },
  },
  'cli-help.init.dir': { message: { en: 'directory to create or fill', zh: '要创建的目录，或要补充文件的已有目录' } },
  'cli-help.init.force': { message: { en: 'overwrite files that already exist', zh: '覆盖已存在的文件' } },
  'cli-help.init.cli': {
    message: {
      en: 'how package.json gets kpi: a version (default ^{{version}}) or a kpi-cli-X.Y.Z.tgz to keep in vendor/',
      zh: 'package.json 如何引入 kpi：一个版本号（默认 ^{{version}}），或一个保存在 vendor/ 中的 kpi-cli-X.Y.Z.tgz',
    },
  },
  'cli-help.examples.init': {
    message: {
      en: `Examples:
  $ kpi init                 in the current directory
  $ kpi init 绩效方案         in a new directory
  $ kpi init --cli ./kpi-cli-{{version}}.tgz 绩效方案
                             kpi from a tarball kept in the repository (CI needs no registry for it)

Creates 店长.kpi, data/店长.csv, .github/workflows/kpi.yml, package.json, .gitignore and README.md;
existing files are kept unless --force is given.`,
      zh: `示例：
  $ kpi init                 在当前目录中创建
  $ kpi init 绩效方案         在新目录中创建
  $ kpi init --cli ./kpi-cli-{{version}}.tgz 绩效方案
                             使用保存在仓库中的 kpi 安装包（CI 安装它时不需要访问 npm 仓库）

创建 店长.kpi、data/店长.csv、.github/workflows/kpi.yml、package.json、.gitignore 和 README.md；
已存在的文件保持不变，除非加了 --force。`,
    },
  },

  // ---- kpi diff ----
  'cli-help.diff': {
    message: {
      en: 'what changed between two versions of a plan, in plan terms; with --data, who gains and who loses',
      zh: '比较方案的两个版本，按方案的内容说明改了什么；加 --data 时，还列出谁的得分升了、谁的降了',
    },
  },
  'cli-help.diff.old': { message: { en: 'old plan: a file, or a git revision and path (HEAD~1:plans/店长.kpi)', zh: '旧方案：一个文件，或 git 版本加路径（HEAD~1:plans/店长.kpi）' } },
  'cli-help.diff.new': { message: { en: 'new plan: a file, or a git revision and path', zh: '新方案：一个文件，或 git 版本加路径' } },
  'cli-help.diff.data': { message: { en: 'actuals to replay on both versions: .csv, .xlsx or .json', zh: '用新旧两个版本分别计分的实际完成数据：.csv、.xlsx 或 .json' } },
  'cli-help.diff.plan': { message: { en: 'plan to use when a file holds several (both sides)', zh: '文件中有多个方案时，使用哪一个（新旧两边都适用）' } },
  'cli-help.diff.old-plan': { message: { en: 'the old side’s plan name, when it was renamed', zh: '方案改过名时，旧版本中的方案名' } },
  'cli-help.diff.lang': { message: { en: 'language of the text and markdown', zh: '文本和 Markdown 输出的语言' } },
  'cli-help.examples.diff': {
    message: {
      en: `Examples:
  $ kpi diff 店长-v1.kpi 店长.kpi
  $ kpi diff HEAD~1:plans/店长.kpi plans/店长.kpi --data data/五月.csv
  $ kpi diff origin/main:店长.kpi 店长.kpi --data data/店长.csv --format markdown >> "$GITHUB_STEP_SUMMARY"

Exit codes: 0 (also when the plans differ) · 1 a plan has errors · 2 usage, I/O or data error.`,
      zh: `示例：
  $ kpi diff 店长-v1.kpi 店长.kpi
  $ kpi diff HEAD~1:plans/店长.kpi plans/店长.kpi --data data/五月.csv
  $ kpi diff origin/main:店长.kpi 店长.kpi --data data/店长.csv --format markdown >> "$GITHUB_STEP_SUMMARY"

退出码：0（方案有差异时也是 0）· 1 方案有错误 · 2 用法、读写或数据错误。`,
    },
  },

  // ---- kpi solve ----
  'cli-help.solve': {
    message: {
      en: 'what it takes: per indicator, the actual that reaches a goal (grade or total) with the others held, or why not',
      zh: '达成目标需要多少：其他指标不变时，每项指标的实际值要做到多少才能达到目标（等级或总分），做不到时说明原因',
    },
  },
  'cli-help.solve.data': { message: { en: 'actuals: .csv, .xlsx or .json', zh: '实际完成数据：.csv、.xlsx 或 .json' } },
  'cli-help.solve.id': { message: { en: 'the person (a value of the id column)', zh: '人员（人员标识列中的一个值）' } },
  'cli-help.solve.goal': { message: { en: 'the goal: "grade A" (or 等级 A) or "total 90" (or 总分 90)', zh: '目标："等级 A"（或 grade A），或 "总分 90"（或 total 90）' } },
  'cli-help.solve.set': {
    message: { en: 'what-if: set a column before solving (repeatable), e.g. --set 销售额达成=105%', zh: '假设分析：求解前先改某一列的值（可多次使用），例如 --set 销售额达成=105%' },
  },
  'cli-help.solve.lang': { message: { en: 'language of the text output', zh: '文本输出的语言' } },
  'cli-help.examples.solve': {
    message: {
      en: `Examples:
  $ kpi solve 店长.kpi --data data/店长.csv --id S002 --goal "grade A"
  $ kpi solve 店长.kpi --data data/店长.csv --id S002 --goal "total 90" --set 人员流失率=2% --format json

Each answer is the least change on the input's minimal unit (0.01% for percents, 1 step for counts,
0.01 otherwise) that reaches the goal, checked by scoring it exactly — rounding of the total included —
and one unit less does not. An indicator that cannot reach it says why: cap, top of its table, veto.`,
      zh: `示例：
  $ kpi solve 店长.kpi --data data/店长.csv --id S002 --goal "grade A"
  $ kpi solve 店长.kpi --data data/店长.csv --id S002 --goal "total 90" --set 人员流失率=2% --format json

每个答案都是按输入的最小单位（百分数为 0.01%，计数为 1，其他为 0.01）计算的、刚好达到目标的最小变化，
已按精确计分核对（包括总分的舍入），少一个单位就达不到。达不到目标的指标会说明原因：封顶、已到计分表顶端、否决。`,
    },
  },

  // ---- kpi lsp ----
  'cli-help.lsp': { message: { en: 'run the language server (LSP over stdin/stdout) for editors', zh: '为编辑器运行语言服务器（通过 stdin/stdout 使用 LSP 协议）' } },
  'cli-help.lsp.stdio': {
    message: {
      en: 'talk over stdin/stdout (the default and only transport; accepted for editors that pass it)',
      zh: '通过 stdin/stdout 通信（默认也是唯一的传输方式；有的编辑器会传这个选项，所以接受它）',
    },
  },
  'cli-help.examples.lsp': {
    message: {
      en: `Editors start it themselves; for example in Neovim:
  vim.lsp.start({ name = 'kpi', cmd = { 'kpi', 'lsp' } })
The server runs until the editor sends \`exit\`.`,
      zh: `编辑器会自己启动它，例如在 Neovim 中：
  vim.lsp.start({ name = 'kpi', cmd = { 'kpi', 'lsp' } })
服务器会一直运行，直到编辑器发送 \`exit\`。`,
    },
  },
} as const;
