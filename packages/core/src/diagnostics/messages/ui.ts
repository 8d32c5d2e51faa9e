/**
 * Words around the diagnostics and reports (labels, summary lines), in the same table as the
 * diagnostics so every text of the toolchain has one home and the same two-language test.
 */
export const UI_MESSAGES = {
  'ui.error': { message: { en: 'error', zh: '错误' } },
  'ui.warning': { message: { en: 'warning', zh: '警告' } },
  'ui.info': { message: { en: 'info', zh: '提示' } },
  'ui.note': { message: { en: 'note', zh: '注' } },
  'ui.at': { message: { en: 'at', zh: '位置' } },
  'ui.help': { message: { en: 'help', zh: '帮助' } },
  'ui.fix': { message: { en: 'fix', zh: '修复' } },
  'ui.row': { message: { en: 'row {{row}}', zh: '第 {{row}} 行' } },
  'ui.column': { message: { en: 'column `{{column}}`', zh: '列 `{{column}}`' } },
  'ui.value': { message: { en: 'value `{{value}}`', zh: '值 `{{value}}`' } },
  'ui.list-sep': { message: { en: ', ', zh: '，' } },
  'ui.list-or': { message: { en: ' or ', zh: ' 或 ' } },
  'ui.errors': { message: { en: '{{n}} error{{s}}', zh: '{{n}} 个错误' } },
  'ui.warnings': { message: { en: '{{n}} warning{{s}}', zh: '{{n}} 个警告' } },
  'ui.notes': { message: { en: '{{n}} note{{s}}', zh: '{{n}} 条提示' } },
  'ui.files': { message: { en: '{{n}} file{{s}}', zh: '{{n}} 个文件' } },
  'ui.no-problems': { message: { en: 'no problems', zh: '没有问题' } },
  'ui.accepted': { message: { en: ' ({{n}} warning{{s}} accepted with `allow`)', zh: '（另有 {{n}} 个警告已用 `allow` 接受）' } },
  'ui.summary': { message: { en: '{{counts}} in {{files}}', zh: '{{files}}中：{{counts}}' } },
  // `kpi check` in a terminal: a code repeated many times in a file shows its first few (cli/src/repeated-findings.ts)
  'ui.more-warnings-not-shown': { message: { en: '… and {{n}} more {{code}} warning{{s}} in `{{file}}`, not shown (`--all` shows every one)', zh: '…… `{{file}}` 中还有 {{n}} 个 {{code}} 警告未显示（加 `--all` 显示全部）' } },
  'ui.more-notes-not-shown': { message: { en: '… and {{n}} more {{code}} note{{s}} in `{{file}}`, not shown (`--all` shows every one)', zh: '…… `{{file}}` 中还有 {{n}} 条 {{code}} 提示未显示（加 `--all` 显示全部）' } },
  'ui.max-warnings': { message: { en: '{{count}}: more than `--max-warnings {{max}}` allows', zh: '{{count}}，超过 `--max-warnings {{max}}` 的上限' } },
  // ---- kpi test (packages/cli/src/commands/test.ts): a file with errors, failed expectations, the last line ----
  'ui.test.has-errors': { message: { en: '{{file}} has errors', zh: '{{file}} 中有错误' } },
  'ui.test.run-check': { message: { en: '{{errors}}: run `kpi check {{file}}`', zh: '{{errors}}：请运行 `kpi check {{file}}` 查看' } },
  'ui.test.cannot-run': { message: { en: 'cannot run the tests: the file has {{errors}}', zh: '无法运行测试：文件中有 {{errors}}' } },
  'ui.test.given-unscorable': { message: { en: 'the `given` row cannot be scored: {{code}} {{message}}', zh: '`given` 给出的这一行无法计分：{{code}} {{message}}' } },
  'ui.test.expected-got': { message: { en: '{{subject}}: expected {{expected}}, got {{actual}}', zh: '{{subject}}：期望 {{expected}}，实际为 {{actual}}' } },
  'ui.test.not-scored': { message: { en: '{{subject}}: expected {{expected}}, not scored', zh: '{{subject}}：期望 {{expected}}，未能计分' } },
  'ui.test.failed': { message: { en: 'failed', zh: '失败' } },
  'ui.test.summary': { message: { en: '{{passed}} passed, {{failed}} failed{{notRun}}', zh: '{{passed}} 个通过，{{failed}} 个失败{{notRun}}' } },
  'ui.test.not-run': { message: { en: ', {{n}} file{{s}} not run (errors in the plan)', zh: '，{{n}} 个文件未运行（方案有错误）' } },
  // ---- kpi fmt (packages/cli/src/commands/fmt.ts); {{verb}} is English grammar only (is/are, has/have) ----
  'ui.fmt.formatted': { message: { en: 'formatted', zh: '已格式化' } },
  'ui.fmt.not-formatted': { message: { en: '{{n}} file{{s}} {{verb}} not formatted', zh: '{{n}} 个文件未格式化' } },
  'ui.fmt.syntax-errors': { message: { en: '{{n}} file{{s}} {{verb}} syntax errors and cannot be formatted', zh: '{{n}} 个文件有语法错误，无法格式化' } },
  'ui.fmt.run-one': { message: { en: '; run `kpi fmt {{file}}`', zh: '；请运行 `kpi fmt {{file}}`' } },
  'ui.fmt.run-many': { message: { en: '; run `kpi fmt <files>`', zh: '；请运行 `kpi fmt <文件>`' } },
  'ui.fmt.summary': { message: { en: '{{n}} file{{s}} formatted, {{already}} already formatted{{broken}}', zh: '已格式化 {{n}} 个文件，{{already}} 个已是规范格式{{broken}}' } },
  'ui.fmt.with-errors': { message: { en: ', {{n}} with errors', zh: '，{{n}} 个有错误' } },
  // ---- kpi init (packages/cli/src/commands/init.ts): one line per file, then what to run next ----
  'ui.init.created': { message: { en: 'created', zh: '已创建' } },
  'ui.init.copied': { message: { en: 'copied', zh: '已复制' } },
  'ui.init.kept': { message: { en: 'kept', zh: '已保留' } },
  'ui.init.exists': { message: { en: ' (exists; --force to overwrite)', zh: '（文件已存在；加 --force 可覆盖）' } },
  'ui.init.needs-kpi': {
    message: { en: 'the CI workflow needs kpi from it: run `npm install --save-dev {{package}}` there', zh: 'CI 工作流要从这个 package.json 安装 kpi：请在该目录运行 `npm install --save-dev {{package}}`' },
  },
  'ui.init.next': { message: { en: 'Next: {{commands}}', zh: '下一步：{{commands}}' } },
  'ui.init.dev-dependency': {
    message: {
      en: '(package.json lists kpi as a dev dependency: `npm install` there gives `npx kpi` and the CI workflow its command)',
      zh: '（package.json 已把 kpi 列为开发依赖：在该目录运行 `npm install` 后，`npx kpi` 即可使用，CI 工作流也用它运行 kpi）',
    },
  },
  // ---- the other commands' own lines ----
  'ui.compile.wrote': { message: { en: 'wrote {{file}}', zh: '已写入 {{file}}' } },
  'ui.lsp.at-terminal': {
    message: {
      en: 'kpi lsp: a language server for editors, speaking LSP on stdin/stdout; press Ctrl-C to quit',
      zh: 'kpi lsp：供编辑器使用的语言服务器，通过 stdin/stdout 以 LSP 协议通信；按 Ctrl-C 退出',
    },
  },
  // score's progress line on a terminal (packages/cli/src/progress.ts)
  'ui.progress.scoring': { message: { en: 'scoring', zh: '计分中' } },
  'ui.progress.checking-ids': { message: { en: 'checking ids', zh: '核对编号' } },
  'ui.progress.rows': { message: { en: '{{rows}} rows  {{rate}} rows/s', zh: '{{rows}} 行  {{rate}} 行/秒' } },
  // a workbook read for its first sheet while it has others (packages/cli/src/data/read.ts), printed after `note: `
  'ui.data.other-sheets': {
    message: { en: 'read sheet `{{sheet}}`; the workbook also has {{others}}: pick one with `--sheet NAME`', zh: '读取的是工作表 `{{sheet}}`；工作簿中还有 {{others}}：请用 `--sheet 名称` 选择' },
  },
  // a cell of an XLSX merged range other than its top-left one (packages/cli/src/data/read.ts): read as this text,
  // so a plan reading it gets an error naming row and column instead of the value given to several people
  'ui.data.merged-with': { message: { en: '(merged with {{cell}})', zh: '（与 {{cell}} 合并）' } },
  // a bug of ours (packages/cli/src/main.ts): the message of the exception itself stays as thrown
  'ui.internal-error': { message: { en: 'internal error', zh: '内部错误' } },
  'ui.internal-error.bug': {
    message: { en: 'This is a bug in kpi {{version}}, not in your plan. Please report it with the command you ran', zh: '这是 kpi {{version}} 自身的缺陷，不是方案的问题。请连同所运行的命令一起报告' },
  },
  'ui.internal-error.debug': { message: { en: ' (set KPI_DEBUG=1 to see the stack trace).', zh: '（设置 KPI_DEBUG=1 可查看调用栈）。' } },
  // report headers of `kpi score` (CSV, XLSX, table)
  // ---- kpi explain of a plan with money (packages/cli/src/commands/explain-money.ts) ----
  'ui.explain.person': { message: { en: '{{id}} (row {{row}}) · {{plan}}', zh: '{{id}} (第 {{row}} 行) · {{plan}}' } },
  'ui.explain.periods': { message: { en: '{{n}} periods combined: {{periods}}', zh: '合并 {{n}} 期：{{periods}}' } },
  'ui.explain.indicator': { message: { en: '{{name}} {{score}} points × {{weight}}% = {{weighted}}', zh: '{{name}} {{score}} 分 × {{weight}}% = {{weighted}}' } },
  'ui.explain.total': { message: { en: 'total {{total}}', zh: '总分 {{total}}' } },
  'ui.explain.total-score-grade': { message: { en: 'total {{total}}, score-based grade {{grade}}', zh: '总分 {{total}}，按分等级 {{grade}}' } },
  'ui.report.total': { message: { en: 'total', zh: '总分' } },
  'ui.report.grade': { message: { en: 'grade', zh: '等级' } },
  'ui.report.coefficient': { message: { en: 'coefficient', zh: '绩效系数' } },
  'ui.report.bonus': { message: { en: 'bonus', zh: '加分' } },
  'ui.report.penalty': { message: { en: 'penalty', zh: '扣分' } },
  'ui.report.na': { message: { en: 'N/A', zh: '不适用' } },
  'ui.report.score-grade': { message: { en: 'score grade', zh: '按分等级' } },
  'ui.report.final-grade': { message: { en: 'final grade', zh: '最终等级' } },
  'ui.report.rank': { message: { en: 'rank', zh: '排名' } },
  'ui.report.periods': { message: { en: 'periods', zh: '期间' } },
  'ui.report.veto': { message: { en: 'veto', zh: '否决' } },
  'ui.report.score': { message: { en: ' score', zh: ' 得分' } },
  // the summary lines of the commands that read data (kpi score, explain, diff, solve)
  'ui.data-errors-in': { message: { en: '{{n}} data error{{s}} in `{{file}}`; {{outcome}}', zh: '`{{file}}` 中有 {{n}} 个数据错误；{{outcome}}' } },
  'ui.data-warnings-strict': {
    message: { en: '{{n}} data warning{{s}} in `{{file}}`; {{outcome}} (`--strict` makes warnings fail)', zh: '`{{file}}` 中有 {{n}} 个数据警告；{{outcome}}（`--strict` 让警告也算失败）' },
  },
  'ui.outcome.scored': { message: { en: 'nothing was scored', zh: '没有输出计分结果' } },
  'ui.outcome.explained': { message: { en: 'nothing was explained', zh: '没有输出计分说明' } },
  'ui.outcome.compared': { message: { en: 'nothing was compared', zh: '没有进行比较' } },
  'ui.outcome.solved': { message: { en: 'nothing was solved', zh: '没有进行求解' } },
  'ui.table-too-wide': {
    message: {
      en: 'note: the table is {{width}} columns wide and the terminal {{cols}}; for a spreadsheet: -o 结果.xlsx (or --format csv)',
      zh: '注：表格宽 {{width}} 列，终端只有 {{cols}} 列；要电子表格请用 -o 结果.xlsx（或 --format csv）',
    },
  },
} as const;
