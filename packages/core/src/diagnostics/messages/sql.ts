/**
 * texts of the SQL target (KPI11xx; `kpi compile --target sql`, `kpi score --engine duckdb`) — see
 * messages/index.ts. KPI1101–1102 are plans the generator refuses (compile/sql/generate.ts); KPI1103 and
 * the `.sql` variants of KPI08xx/09xx are the texts of the query's `error` column, rendered into the
 * SQL in the language given to generateSql (`{{value}}` is then the cell, filled in by the engine), so a
 * warehouse user reads them in that language too. The `duckdb` variants are the DuckDB engine's own
 * command-line findings (packages/cli, duckdb-engine.ts).
 */
const JS_ENGINE_HELP = { en: 'score this plan with `kpi score` (the JS engine)', zh: '请用 `kpi score`（JS 引擎）计算这个方案' } as const;

export const SQL_MESSAGES = {
  // ---- 1101–1102: the plan gets no SQL ----
  KPI1101: {
    summaryZh: '方案用到了 SQL 目标暂不能表达的写法；不生成 SQL。',
    message: { en: 'plan `{{plan}}` uses {{items}}, which the SQL target cannot express yet', zh: '方案 `{{plan}}` 用到了 {{items}}，SQL 目标暂不能表达' },
    help: JS_ENGINE_HELP,
  },
  'KPI1101.dialect': {
    message: { en: 'the SQL dialect `{{dialect}}` is not available yet', zh: 'SQL 方言 `{{dialect}}` 暂不可用' },
    help: { en: 'use `--dialect duckdb`, `--dialect postgres` or `--dialect clickhouse`', zh: '请用 `--dialect duckdb`、`--dialect postgres` 或 `--dialect clickhouse`' },
  },
  'KPI1101.method': {
    message: { en: 'indicator `{{indicator}}` is scored by `{{method}}`, which the SQL target cannot express yet', zh: '指标 `{{indicator}}` 的计分方式 `{{method}}`，SQL 目标暂不能表达' },
    help: JS_ENGINE_HELP,
  },
  'KPI1101.indicator-form': {
    message: { en: 'indicator `{{indicator}}` uses {{forms}}, which the SQL target cannot express yet', zh: '指标 `{{indicator}}` 用到了 {{forms}}，SQL 目标暂不能表达' },
    help: JS_ENGINE_HELP,
  },
  'KPI1101.operation': {
    message: { en: '`{{element}}` uses the operation `{{op}}`, which the SQL target cannot express yet', zh: '`{{element}}` 用到了运算 `{{op}}`，SQL 目标暂不能表达' },
    help: JS_ENGINE_HELP,
  },
  'KPI1101.expression': {
    message: { en: '`{{element}}` uses an expression the SQL target cannot express yet', zh: '`{{element}}` 用到的表达式 SQL 目标暂不能表达' },
    help: JS_ENGINE_HELP,
  },
  KPI1102: {
    summaryZh: '方案的精确运算可能超出 SQL 方言的整数范围；不生成 SQL。',
    message: {
      en: "`{{element}}` needs integers beyond {{dialect}}'s {{wide}} to stay exact, even with values below 10^{{digits}}",
      zh: '即使数值都小于 10^{{digits}}，`{{element}}` 要保持精确也需要超出 {{dialect}} 的 {{wide}} 的整数',
    },
    help: {
      en: 'use `--dialect postgres` (exact NUMERIC), or score with `kpi score` (the JS engine)',
      zh: '请用 `--dialect postgres`（精确的 NUMERIC），或用 `kpi score`（JS 引擎）计算',
    },
  },
  'help.sql.js-engine': { message: JS_ENGINE_HELP },
  // the plan forms KPI1101 names, in the words of the plan (not the lowered plan's field names)
  'what.sql.form.penalties': { message: { en: '`penalty` items', zh: '扣分项（`penalty`）' } },
  'what.sql.form.hasOptional': { message: { en: '`optional` indicators (N/A re-weighting)', zh: '可不适用的指标（`optional`，N/A 重新分配权重）' } },
  'what.sql.form.negativeTotal': { message: { en: '`allow negative total`', zh: '`allow negative total`（允许总分为负）' } },
  'what.sql.form.money': { message: { en: 'money items (`pay`, `commission`, `pool`, `distribution`, periods)', zh: '薪酬类项目（`pay`、`commission`、`pool`、`distribution`、考核期）' } },
  'what.sql.form.pool': { message: { en: '`pool` items', zh: '奖金池（`pool`）' } },
  'what.sql.form.aggregate': { message: { en: '`aggregate {{mode}}`', zh: '`aggregate {{mode}}`（考核期合并方式）' } },
  'what.sql.form.targetSrc': { message: { en: 'a per-person target (`target COLUMN`)', zh: '按人读取的目标值（`target 列名`）' } },
  'what.sql.form.targetHigh': { message: { en: 'a target range (`target LO..HI`)', zh: '目标区间（`target 下限..上限`）' } },
  'what.sql.form.optional': { message: { en: '`optional` (N/A)', zh: '`optional`（可不适用）' } },
  'what.sql.form.steps': { message: { en: 'steps (`每低 1% 扣 N 分`)', zh: '阶梯扣分/加分（`每低 1% 扣 N 分`）' } },
  'what.sql.numeric-limit': { message: { en: 'NUMERIC limit', zh: 'NUMERIC 上限' } },
  // the first line of a ClickHouse query longer than the server's defaults parse (generate.ts)
  'what.sql.clickhouse-size': {
    message: {
      en: "this query is {{bytes}} bytes of about {{tokens}} syntax elements, more than ClickHouse's defaults (max_query_size {{maxSize}}, max_ast_elements {{maxAst}}): run it with clickhouse-client --max_query_size={{size}} --max_ast_elements={{ast}} (over HTTP: ?max_query_size={{size}}&max_ast_elements={{ast}})",
      zh: '这条查询有 {{bytes}} 字节、约 {{tokens}} 个语法单元，超过了 ClickHouse 的默认上限（max_query_size {{maxSize}}、max_ast_elements {{maxAst}}）：请用 clickhouse-client --max_query_size={{size}} --max_ast_elements={{ast}} 运行（HTTP：?max_query_size={{size}}&max_ast_elements={{ast}}）',
    },
  },

  // ---- 1103 and the query's other row errors (the `error` column) ----
  KPI1103: {
    summaryZh: '数值超过 6 位小数，或不小于 10^12：SQL 引擎只能精确读取小于 10^12、最多 6 位小数的数值。',
    message: {
      en: "`{{value}}` in column `{{column}}` has more than {{decimals}} decimals or is 10^{{digits}} or more, beyond what this plan's SQL reads exactly",
      zh: '`{{column}}` 列的 `{{value}}` 超过 {{decimals}} 位小数或不小于 10^{{digits}}，超出了这个方案的 SQL 能精确读取的范围',
    },
    help: {
      en: 'round the cell to 6 decimals (4 for a percent), or score the file with the JS engine (`kpi score` without `--engine duckdb`)',
      zh: '把单元格四舍五入到 6 位小数（百分数 4 位），或用 JS 引擎计算这个文件（`kpi score` 不加 `--engine duckdb`）',
    },
  },
  'KPI1103.periods': {
    message: {
      en: 'the periods in column `{{column}}` differ in more than their numbers (as 一月, 二月 do), so the SQL engine cannot order them as the JS engine does',
      zh: '`{{column}}` 列的考核期不只是数字不同（如 一月、二月），SQL 引擎无法按 JS 引擎的顺序排列',
    },
    help: {
      en: 'name the periods by numbers (1月 … 12月, 2024-Q1 …), or score the file with the JS engine (`kpi score` without `--engine duckdb`)',
      zh: '用数字命名考核期（1月 … 12月、2024-Q1 …），或用 JS 引擎计算这个文件（`kpi score` 不加 `--engine duckdb`）',
    },
  },
  'KPI1103.periods-many': {
    message: { en: 'more than {{max}} periods in column `{{column}}`, beyond what this SQL adds up exactly', zh: '`{{column}}` 列的考核期超过 {{max}} 个，超出了这个 SQL 能精确合计的范围' },
  },
  'KPI1052.sql': { message: { en: 'two rows for one period in column `{{column}}`', zh: '`{{column}}` 列的同一考核期有两行' } },
  'KPI1053.sql': {
    message: { en: 'rows for {{n}} of the {{all}} periods in column `{{column}}` (a missing period is never taken as 0)', zh: '`{{column}}` 列的 {{all}} 个考核期中只有 {{n}} 个有数据行（缺少的考核期不会按 0 计算）' },
  },
  'KPI1051.sql': { message: { en: 'pool `{{pool}}` is not one amount within the group of this person', zh: '奖金池 `{{pool}}` 在此人所在的组内金额不一致' } },
  'KPI1056.pool-zero-sql': {
    message: { en: 'pool `{{pool}}` cannot be split in the group of this person: every coefficient is 0', zh: '奖金池 `{{pool}}` 在此人所在的组内无法分配：所有人的系数都是 0' },
  },
  'KPI1059.sql': { message: { en: 'a row has no period in column `{{column}}`', zh: '有一行的 `{{column}}` 列没有考核期' } },
  'KPI0809.sql': { message: { en: 'the row has no id', zh: '这一行没有编号' } },
  'KPI0811.sql': { message: { en: 'cannot read `{{value}}` in column `{{column}}`: not a number', zh: '无法读取 `{{column}}` 列的 `{{value}}`：不是数字' } },
  'KPI0811.sql-negative': {
    message: { en: '`{{value}}` in column `{{column}}` is negative, but it counts events', zh: '`{{column}}` 列的 `{{value}}` 是负数，而这一列记录的是次数' },
  },
  'KPI0812.sql': { message: { en: 'column `{{column}}` is blank', zh: '`{{column}}` 列为空' } },
  'KPI0818.sql': {
    message: {
      en: 'column `{{column}}` says `{{value}}` (not applicable), but {{readers}} is not `optional`',
      zh: '`{{column}}` 列写的是 `{{value}}`（不适用），但 {{readers}} 没有写 `optional`（可不适用）',
    },
  },
  'KPI0905.sql': { message: { en: 'no target in `{{column}}` for `{{element}}`', zh: '`{{element}}` 的目标 `{{column}}` 没有值' } },
  'KPI0905.sql-not-positive': {
    message: { en: 'the target in `{{column}}` must be above 0 for `{{element}}`', zh: '`{{column}}` 的目标必须大于 0，`{{element}}` 才能计分' },
  },
  'KPI0906.sql': { message: { en: '`{{element}}` reads a N/A cell, but it is not `optional`', zh: '`{{element}}` 读到了“不适用”，但它没有写 `optional`（可不适用）' } },
  'KPI0907.sql': { message: { en: 'every indicator is N/A for this row, so nothing can be scored', zh: '这一行的所有指标都“不适用”，无法计分' } },
  'KPI0901.sql': { message: { en: 'no value for `{{element}}`', zh: '`{{element}}` 没有值' } },
  'KPI0901.sql-veto': { message: { en: 'no value for veto `{{element}}`', zh: '否决项 `{{element}}` 没有值' } },
  'KPI0903.sql': {
    message: { en: 'a mark is outside the rating scale {{detail}} of `{{element}}`', zh: '有评分超出了 `{{element}}` 的评分范围 {{detail}}' },
  },
  'KPI0903.sql-column': {
    message: { en: 'a mark in column `{{column}}` is outside the rating scale {{detail}} of `{{element}}`', zh: '`{{column}}` 列有评分超出了 `{{element}}` 的评分范围 {{detail}}' },
  },

  // ---- the DuckDB engine of `kpi score` ----
  'what.sql.row-error': { message: { en: 'row with id `{{id}}`: {{text}}', zh: '编号为 `{{id}}` 的行：{{text}}' } },
  'KPI0808.count': {
    message: { en: 'id `{{id}}` is used by {{n}} rows', zh: '编号 `{{id}}` 被 {{n}} 行使用' },
    help: {
      en: 'each row needs its own id in column `{{column}}`; if this column is not unique, name one that is (`kpi score --id COLUMN`)',
      zh: '每行在 `{{column}}` 列中都需要不同的编号；如果这一列不唯一，请指定唯一的列（`kpi score --id 列名`）',
    },
  },
  'KPI0801.duckdb': {
    message: { en: 'cannot read `{{file}}`: {{reason}}', zh: '无法读取 `{{file}}`：{{reason}}' },
    help: { en: 'the DuckDB engine reads UTF-8 CSV; for GBK files use `--engine js`', zh: 'DuckDB 引擎读取 UTF-8 编码的 CSV；GBK 文件请用 `--engine js`' },
  },
  'KPI0801.duckdb-parquet': { message: { en: 'cannot read `{{file}}`: {{reason}}', zh: '无法读取 `{{file}}`：{{reason}}' } },
  'KPI0801.duckdb-run': { message: { en: 'cannot score `{{file}}` with DuckDB: {{reason}}', zh: '无法用 DuckDB 计算 `{{file}}`：{{reason}}' } },
  'KPI0006.duckdb-format': {
    message: { en: '`--engine duckdb` reads CSV and Parquet files, not `{{what}}`', zh: '`--engine duckdb` 只读取 CSV 和 Parquet 文件，不能读取 `{{what}}`' },
    help: { en: 'score XLSX and JSON data with the default engine (`--engine js`)', zh: 'XLSX 和 JSON 数据请用默认引擎计算（`--engine js`）' },
  },
  'KPI0006.duckdb-missing': {
    message: { en: '`--engine duckdb` needs the package `@duckdb/node-api`, which is not installed here', zh: '`--engine duckdb` 需要 `@duckdb/node-api` 包，这里没有安装' },
    help: {
      en: 'install it beside kpi (`npm i -g @duckdb/node-api`, or `npm i -D @duckdb/node-api` in the project), or score with the default engine',
      zh: '请在 kpi 旁边安装它（`npm i -g @duckdb/node-api`，或在项目中 `npm i -D @duckdb/node-api`），或用默认引擎计算',
    },
  },
  'KPI0006.duckdb-broken': {
    message: { en: '`--engine duckdb` cannot load `@duckdb/node-api`: {{reason}}', zh: '`--engine duckdb` 无法加载 `@duckdb/node-api`：{{reason}}' },
    help: {
      en: 'reinstall it beside kpi (`npm i -g @duckdb/node-api`): it needs its native build for {{platform}}',
      zh: '请在 kpi 旁边重新安装它（`npm i -g @duckdb/node-api`）：它需要 {{platform}} 平台的原生构建',
    },
  },
  'KPI0006.duckdb-flag': {
    message: { en: '`{{flag}}` is not available with the DuckDB engine yet', zh: 'DuckDB 引擎暂不支持 `{{flag}}`' },
    help: { en: 'use `--engine js` (CSV or XLSX) for `{{flag}}`', zh: '要用 `{{flag}}`，请用 `--engine js`（CSV 或 XLSX）' },
  },
  'KPI0006.parquet-tty': {
    message: { en: 'Parquet is binary: write it to a file with `-o results.parquet`', zh: 'Parquet 是二进制文件：请用 `-o 结果.parquet` 写入文件' },
  },
  'ui.data-errors': { message: { en: '{{n}} data error{{s}}', zh: '{{n}} 个数据错误' } },
  'ui.nothing-scored': { message: { en: '{{counts}} in `{{file}}`; nothing was scored', zh: '`{{file}}` 中有 {{counts}}；没有计算任何一行' } },
  'ui.scored-to': { message: { en: 'scored {{n}} row{{s}} → {{output}}', zh: '已计算 {{n}} 行 → {{output}}' } },
} as const;
