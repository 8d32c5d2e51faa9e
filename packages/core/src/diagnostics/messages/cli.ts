/** texts of the command line's diagnostics (KPI00xx) — see messages/index.ts */
export const CLI_MESSAGES = {
  KPI0001: {
    summaryZh: '命令行中指定的文件不存在。',
    message: { en: 'cannot find `{{file}}`', zh: '找不到 `{{file}}`' },
    help: { en: 'check the name and the folder you run `kpi` in', zh: '检查文件名，以及运行 `kpi` 的目录' },
  },
  KPI0002: {
    summaryZh: '需要方案文件的命令收到了文件夹或数据文件。',
    message: { en: '`{{file}}` is a directory, not a plan file', zh: '`{{file}}` 是文件夹，不是方案文件' },
  },
  'KPI0002.data-file': {
    message: { en: '`{{file}}` is a data file, not a plan', zh: '`{{file}}` 是数据文件，不是方案' },
    help: {
      en: 'this command takes plan files (.kpi); score data with `kpi score PLAN.kpi --data {{file}}`',
      zh: '这个命令处理方案文件（.kpi）；计算数据请用 `kpi score 方案.kpi --data {{file}}`',
    },
  },
  KPI0953: {
    summaryZh: '方案文件无法读取，或不是 UTF-8 编码。',
    message: { en: 'cannot read `{{file}}`: {{reason}}', zh: '无法读取 `{{file}}`：{{reason}}' },
  },
  'KPI0953.binary': {
    message: { en: '`{{file}}` is a binary file, not a plan (it holds NUL bytes)', zh: '`{{file}}` 是二进制文件，不是方案（其中有 NUL 字节）' },
    help: { en: 'plan files are UTF-8 text (.kpi); check the file name or the glob', zh: '方案文件是 UTF-8 文本（.kpi）；请检查文件名或通配符' },
  },
  'KPI0953.encoding': {
    message: { en: '`{{file}}` is {{was}}', zh: '`{{file}}` {{was}}' },
    help: { en: 'plan files are UTF-8: save it again as UTF-8', zh: '方案文件须为 UTF-8 编码：请另存为 UTF-8' },
  },
  // what a plan file is when it is not UTF-8 (packages/cli/src/plan.ts), the {{was}} of KPI0953.encoding
  'what.not-valid-utf8': { message: { en: 'not valid UTF-8', zh: '不是有效的 UTF-8' } },
  'what.encoding-not-utf8': { message: { en: '{{encoding}}, not UTF-8', zh: '的编码是 {{encoding}}，不是 UTF-8' } },
  'KPI0953.gbk': {
    message: { en: '`{{file}}` is GBK (or another legacy Chinese encoding), not UTF-8', zh: '`{{file}}` 是 GBK（或其他旧式中文编码），不是 UTF-8' },
    help: {
      en: 'plan files are UTF-8: save it again as UTF-8 (in Notepad: Save As → Encoding UTF-8), or convert it: `iconv -f gbk -t utf-8 {{file}} > fixed.kpi`',
      zh: '方案文件须为 UTF-8 编码：请另存为 UTF-8（记事本：另存为 → 编码 UTF-8），或转换：`iconv -f gbk -t utf-8 {{file}} > fixed.kpi`',
    },
  },
  KPI0004: {
    summaryZh: '文件夹或通配符中没有方案文件（.kpi）。',
    message: { en: 'no .kpi files in directory `{{file}}`', zh: '文件夹 `{{file}}` 中没有 .kpi 文件' },
  },
  'KPI0004.pattern': { message: { en: 'no files match `{{pattern}}`', zh: '没有文件匹配 `{{pattern}}`' } },
  'KPI0004.pattern-plans': { message: { en: 'no plan files (.kpi) match `{{pattern}}`', zh: '没有方案文件（.kpi）匹配 `{{pattern}}`' } },
  KPI0005: {
    summaryZh: '文件中没有这个名称的方案、没有方案，或有多个方案而未用 `--plan` 指定。',
    message: { en: '`{{file}}` has no plan `{{plan}}`', zh: '`{{file}}` 中没有方案 `{{plan}}`' },
    help: { en: 'its plans are {{names}}', zh: '其中的方案：{{names}}' },
  },
  'KPI0005.none': { message: { en: '`{{file}}` has no plan', zh: '`{{file}}` 中没有方案' } },
  'KPI0005.several': {
    message: { en: '`{{file}}` holds {{n}} plans; pick one with `--plan NAME`', zh: '`{{file}}` 中有 {{n}} 个方案；请用 `--plan 名称` 选择一个' },
    help: { en: 'its plans are {{names}}', zh: '其中的方案：{{names}}' },
  },
  'KPI0005.in-files': {
    message: { en: 'no plan named `{{plan}}` in {{where}}', zh: '{{where}}中没有名为 `{{plan}}` 的方案' },
    help: { en: 'the plans are {{names}}', zh: '现有方案：{{names}}' },
  },
  'what.n-files': { message: { en: 'the {{n}} files', zh: '这 {{n}} 个文件' } },
  KPI0006: {
    summaryZh: '命令的参数或选项无效。',
    message: { en: '{{text}}', zh: '{{text}}' },
  },
  'KPI0006.unexpected-argument': {
    message: { en: 'unexpected argument{{s}} {{args}}', zh: '多余的参数 {{args}}' },
    help: { en: '`kpi {{command}}` takes one plan file; see `kpi {{command}} --help`', zh: '`kpi {{command}}` 只接受一个方案文件；见 `kpi {{command}} --help`' },
  },
  'KPI0006.data-required': {
    message: { en: "required option '-d, --data <file>' not specified", zh: "缺少必需的选项 '-d, --data <文件>'" },
    help: { en: 'e.g. `kpi {{command}} 店长.kpi --data 五月.csv`', zh: '例如 `kpi {{command}} 店长.kpi --data 五月.csv`' },
  },
  'help.data-flag': {
    message: { en: 'name the data file with `--data`: `kpi {{command}} {{plan}} --data {{data}}`', zh: '用 `--data` 指定数据文件：`kpi {{command}} {{plan}} --data {{data}}`' },
  },
  'KPI0006.keep-unknown': {
    message: { en: '{{names}} given with `--keep` {{verb}} of `{{file}}`', zh: '`--keep` 中的 {{names}} 不是 `{{file}}` 的列' },
    help: { en: 'its columns are {{columns}}', zh: '其中的列：{{columns}}' },
  },
  'what.is-not-column': { message: { en: 'is not a column', zh: '不是列' } },
  'what.are-not-columns': { message: { en: 'are not columns', zh: '不是列' } },
  'KPI0006.max-warnings': { message: { en: '`--max-warnings` must be a whole number, 0 or more, not `{{value}}`', zh: '`--max-warnings` 须为 0 或正整数，而不是 `{{value}}`' } },
  'KPI0006.max-errors': { message: { en: '`--max-errors` must be a positive whole number, not `{{value}}`', zh: '`--max-errors` 须为正整数，而不是 `{{value}}`' } },
  'KPI0006.xlsx-tty': { message: { en: 'an XLSX report is binary: write it to a file with `-o report.xlsx`', zh: 'XLSX 报表是二进制文件：请用 `-o 结果.xlsx` 写入文件' } },
  'KPI0006.keep-empty': { message: { en: '`--keep` needs column names, e.g. `--keep 姓名,部门`', zh: '`--keep` 需要列名，如 `--keep 姓名,部门`' } },
  'KPI0006.stdout-one': { message: { en: '`--stdout` formats exactly one file', zh: '`--stdout` 只能格式化一个文件' } },
  'KPI0006.output-is-input': {
    message: {
      en: '`-o {{output}}` is the {{what}} `{{input}}`: writing there would replace it; choose another output file',
      zh: '`-o {{output}}` 就是{{what}} `{{input}}`：写入会覆盖它；请换一个输出文件',
    },
  },
  'what.plan-file': { message: { en: 'plan file', zh: '方案文件' } },
  'what.data-file': { message: { en: 'data file', zh: '数据文件' } },
  'KPI0006.parquet-js': {
    message: { en: 'Parquet is read and written by the DuckDB engine', zh: 'Parquet 文件由 DuckDB 引擎读写' },
    help: { en: 'drop `--engine js` (or pass `--engine duckdb`)', zh: '去掉 `--engine js`（或写 `--engine duckdb`）' },
  },
  'KPI0006.lang': { message: { en: '`--lang` must be `zh` or `en`, not `{{value}}`', zh: '`--lang` 须为 `zh` 或 `en`，而不是 `{{value}}`' } },
  'KPI0006.keywords': { message: { en: '`--keywords` must be `zh` or `en`, not `{{value}}`', zh: '`--keywords` 须为 `zh` 或 `en`，而不是 `{{value}}`' } },
  // commander's own usage errors (packages/cli/src/main.ts): the English is commander's, byte for byte (commander
  // 14: lib/command.js, lib/suggestSimilar.js); main.ts reads the arguments back out of commander's message
  'KPI0006.unknown-option': { message: { en: "unknown option '{{option}}'{{suggestion}}", zh: "未知选项 '{{option}}'{{suggestion}}" } },
  'KPI0006.unknown-command': { message: { en: "unknown command '{{command}}'{{suggestion}}", zh: "未知命令 '{{command}}'{{suggestion}}" } },
  'what.did-you-mean': { message: { en: '\n(Did you mean {{name}}?)', zh: '（是不是想写 {{name}}？）' } },
  'what.did-you-mean-one-of': { message: { en: '\n(Did you mean one of {{names}}?)', zh: '（是不是想写 {{names}}？）' } },
  'KPI0006.missing-argument': { message: { en: "missing required argument '{{name}}'", zh: "缺少必需的参数 '{{name}}'" } },
  'KPI0006.missing-option': { message: { en: "required option '{{flags}}' not specified", zh: "缺少必需的选项 '{{flags}}'" } },
  'KPI0006.option-value-missing': { message: { en: "option '{{flags}}' argument missing", zh: "选项 '{{flags}}' 缺少值" } },
  'KPI0006.option-choices': {
    message: { en: "option '{{flags}}' argument '{{value}}' is invalid. Allowed choices are {{choices}}.", zh: "选项 '{{flags}}' 的值 '{{value}}' 无效，可选的值有 {{choices}}" },
  },
  'KPI0006.too-many-arguments': {
    message: { en: "too many arguments for '{{command}}'. Expected {{expected}} argument{{s}} but got {{got}}.", zh: "'{{command}}' 的参数过多：只接受 {{expected}} 个，却给了 {{got}} 个" },
  },
  KPI0952: {
    summaryZh: '无法写入输出文件或文件夹。',
    message: { en: 'cannot write `{{file}}`: {{reason}}', zh: '无法写入 `{{file}}`：{{reason}}' },
  },
  'help.write.disk-full': {
    message: {
      en: 'free some space, or write the report to another disk with `-o`; nothing was written and any older file is unchanged',
      zh: '请腾出磁盘空间，或用 `-o` 写到另一块磁盘；这次什么也没写入，原有文件保持不变',
    },
  },
  'help.write.permission': { message: { en: 'write it to a folder you can write to, with `-o`', zh: '用 `-o` 写到你有写权限的文件夹' } },
  'help.write.folder': { message: { en: 'give a file name, e.g. `-o 结果.xlsx`', zh: '请给出文件名，如 `-o 结果.xlsx`' } },
  'help.write.unchanged': { message: { en: 'nothing was written; any older file is unchanged', zh: '这次什么也没写入，原有文件保持不变' } },
  'KPI0952.folder': {
    message: { en: 'cannot write `{{file}}`: it is a folder', zh: '无法写入 `{{file}}`：它是一个文件夹' },
    help: { en: 'give a file name, e.g. `-o 结果.xlsx`', zh: '请给出文件名，如 `-o 结果.xlsx`' },
  },
  'KPI0952.temp': {
    message: {
      en: 'cannot write `{{file}}`: the report waits in a temporary file in `{{dir}}` until the run succeeds, and that failed: {{reason}}',
      zh: '无法写入 `{{file}}`：报告在运行成功前先存放在 `{{dir}}` 中的临时文件里，这一步失败了：{{reason}}',
    },
    help: {
      en: 'set TMPDIR to a folder with room that you can write to; nothing was written and any older file is unchanged',
      zh: '请把 TMPDIR 设为有空间且可写的文件夹；这次什么也没写入，原有文件保持不变',
    },
  },
  'KPI0952.create': { message: { en: 'cannot create files in `{{dir}}`: {{reason}}', zh: '无法在 `{{dir}}` 中创建文件：{{reason}}' } },
  'KPI0952.not-dir': { message: { en: '`{{dir}}` exists and is not a directory', zh: '`{{dir}}` 已存在，且不是文件夹' } },
  'reason.no-folder': { message: { en: 'the folder `{{dir}}` does not exist', zh: '文件夹 `{{dir}}` 不存在' } },
  'reason.not-folder': { message: { en: '`{{dir}}` is not a folder', zh: '`{{dir}}` 不是文件夹' } },
  'reason.permission': { message: { en: 'permission denied', zh: '没有权限' } },
  'reason.is-folder': { message: { en: 'it is a folder', zh: '它是一个文件夹' } },
  'reason.read-only': { message: { en: 'the file system is read-only', zh: '文件系统是只读的' } },
  'reason.disk-full': { message: { en: 'the disk is full', zh: '磁盘已满' } },
  'reason.too-large': { message: { en: 'the file is too large for the file system', zh: '文件超出了文件系统允许的大小' } },
  'reason.io': { message: { en: 'an input/output error of the disk', zh: '磁盘读写出错' } },
  'reason.no-reader': { message: { en: 'nothing is reading from it (a FIFO or socket without a reader)', zh: '没有程序在读取它（没有读者的管道或套接字）' } },
  'reason.name-too-long': { message: { en: 'the file name is too long', zh: '文件名太长' } },
  'reason.loop': { message: { en: 'too many symbolic links', zh: '符号链接层数太多' } },
  'reason.other': { message: { en: '{{text}}', zh: '{{text}}' } },
  'KPI0006.revision-utf8': { message: { en: '`{{spec}}` is not valid UTF-8', zh: '`{{spec}}` 不是有效的 UTF-8' }, help: { en: 'plan files are UTF-8', zh: '方案文件须为 UTF-8 编码' } },
  'KPI0006.revision': {
    message: { en: 'cannot read `{{spec}}`: not a file, and git says: {{reason}}', zh: '无法读取 `{{spec}}`：它不是文件，git 的回答是：{{reason}}' },
    help: {
      en: 'give a plan file, or a git revision and path such as `HEAD~1:plans/店长.kpi` (run inside the repository)',
      zh: '请给出方案文件，或 git 版本加路径，如 `HEAD~1:plans/店长.kpi`（在仓库内运行）',
    },
  },
  'KPI0006.set-form': { message: { en: '`--set {{set}}`: write NAME=VALUE', zh: '`--set {{set}}`：请写成 列名=值' }, help: { en: 'e.g. `--set 销售额达成=105%`', zh: '如 `--set 销售额达成=105%`' } },
  'KPI0006.set-column': { message: { en: '`--set {{set}}`: the plan reads no column `{{name}}`', zh: '`--set {{set}}`：方案不读取 `{{name}}` 列' }, help: { en: 'it reads {{columns}}', zh: '方案读取的列：{{columns}}' } },
  'KPI0006.set-number': {
    message: { en: '`--set {{set}}`: `{{value}}` is not a number{{reason}}', zh: '`--set {{set}}`：`{{value}}` 不是数字{{reason}}' },
    help: { en: 'write a number as people do: `95%`, `0.95`, `1,200,000`', zh: '按常见写法写数字：`95%`、`0.95`、`1,200,000`' },
  },
  'KPI0006.solve-no-id': {
    message: { en: 'no row has id `{{id}}` in `{{file}}`', zh: '`{{file}}` 中没有编号为 `{{id}}` 的行' },
    help: { en: 'the id is read from the first column; pick another with `--id-column`', zh: '编号读取自第一列；可用 `--id-column` 指定其他列' },
  },
  'KPI0006.set-unscorable': { message: { en: 'with `--set`, row {{row}} cannot be scored: {{errors}}', zh: '加上 `--set` 后，第 {{row}} 行无法计分：{{errors}}' } },
  'KPI0006.goal-number': { message: { en: 'goal `{{goal}}`: `{{value}}` is not a number', zh: '目标 `{{goal}}`：`{{value}}` 不是数字' }, help: { en: 'write e.g. `--goal "total 90"`', zh: '例如写 `--goal "total 90"`' } },
  'KPI0006.goal-no-grades': { message: { en: 'goal `{{goal}}`: the plan has no grades', zh: '目标 `{{goal}}`：方案没有等级' }, help: { en: 'aim for a total instead, e.g. `--goal "total 90"`', zh: '请改为以总分为目标，如 `--goal "total 90"`' } },
  'KPI0006.goal-grade': {
    message: { en: 'goal `{{goal}}`: `{{value}}` is not a grade of the plan', zh: '目标 `{{goal}}`：`{{value}}` 不是方案中的等级' },
    help: { en: 'its grades are {{grades}}; or aim for a total, e.g. `--goal "total 90"`', zh: '方案的等级有 {{grades}}；也可以以总分为目标，如 `--goal "total 90"`' },
  },
} as const;
