/** texts of the data-file diagnostics (KPI08xx) — see messages/index.ts */
export const DATA_MESSAGES = {
  KPI0801: {
    summaryZh: '数据文件无法读取或解码。',
    message: { en: '{{text}}', zh: '{{text}}' },
  },
  KPI0802: {
    summaryZh: '数据文件没有表头行。',
    message: { en: 'the data file has no header row', zh: '数据文件没有表头行' },
    help: { en: 'the first row must name the columns: an id column, then one column per input the plan reads', zh: '第一行须写列名：一个编号列，然后是方案读取的每一列' },
  },
  KPI0803: {
    summaryZh: '数据文件只有表头，没有数据行。',
    message: { en: 'the data file has a header but no data rows', zh: '数据文件只有表头，没有数据行' },
    help: { en: 'add one row per employee below the header (or pick the right sheet with `--sheet`)', zh: '在表头下每位员工写一行（或用 `--sheet` 选择正确的工作表）' },
  },
  KPI0804: {
    summaryZh: '数据文件中缺少方案读取的列。',
    message: { en: 'column `{{column}}` is missing from the data file{{readers}}', zh: '数据文件中缺少 `{{column}}` 列{{readers}}' },
  },
  'what.read-by': { message: { en: ' (read by {{readers}})', zh: '（由 {{readers}} 读取）' } },
  'help.rater-column-near': {
    message: {
      en: "did you mean `{{near}}`? a rater's marks are read from the column `INDICATOR.RATER`: rename `{{near}}` to `{{column}}` (a blank mark in a row re-weights the other raters)",
      zh: '是不是想写 `{{near}}`？评分人的打分读取自 `指标.评分人` 列：把 `{{near}}` 改名为 `{{column}}`（某行打分为空时，其余评分人的权重按比例调整）',
    },
  },
  'help.rater-column': {
    message: {
      en: "a rater's marks are read from the column `INDICATOR.RATER`: add a column `{{column}}` (a blank mark in a row re-weights the other raters)",
      zh: '评分人的打分读取自 `指标.评分人` 列：加上 `{{column}}` 列（某行打分为空时，其余评分人的权重按比例调整）',
    },
  },
  'help.column-near': {
    message: {
      en: 'did you mean `{{near}}`? Rename the column, or point the indicator at it with `input {{input}}`',
      zh: '是不是想写 `{{near}}`？请给这一列改名，或用 `input {{input}}` 让指标读取它',
    },
  },
  'help.column-add': { message: { en: 'add a column `{{column}}`, or give its readers a `default`', zh: '加上 `{{column}}` 列，或给读取它的项写 `default`（默认值）' } },
  KPI0805: {
    summaryZh: '数据文件中两列的表头相同。',
    message: { en: 'column `{{column}}` appears {{n}} times in the header (columns {{columns}})', zh: '表头中 `{{column}}` 出现了 {{n}} 次（第 {{columns}} 列）' },
    help: { en: 'rename or delete the extra columns so each column the plan reads appears once', zh: '给多余的列改名或删除，使方案读取的每一列只出现一次' },
  },
  KPI0806: {
    summaryZh: '有数据的列没有表头，将被忽略。',
    message: { en: 'column {{n}} has data but no header; it is ignored', zh: '第 {{n}} 列有数据但没有表头，将被忽略' },
    help: { en: 'give the column a header, or delete it', zh: '给这一列写上表头，或删除它' },
  },
  KPI0807: {
    summaryZh: '用 `--id` 指定的编号列不在数据文件中。',
    message: { en: 'id column `{{column}}` is not in the data file', zh: '数据文件中没有编号列 `{{column}}`' },
  },
  'help.header-has': { message: { en: 'the header has {{columns}}', zh: '表头中有：{{columns}}' } },
  KPI0808: {
    summaryZh: '两行的编号相同。',
    message: { en: 'id `{{id}}` in row {{row}} was already used in row {{first}}{{lookalike}}', zh: '第 {{row}} 行的编号 `{{id}}` 已在第 {{first}} 行使用过{{lookalike}}' },
    help: {
      en: 'each row needs its own id in column `{{column}}`; if this column is not unique, name one that is (`kpi score --id COLUMN`, `kpi explain --id-column COLUMN`)',
      zh: '每行在 `{{column}}` 列中都需要不同的编号；如果这一列不唯一，请指定唯一的列（`kpi score --id 列名`、`kpi explain --id-column 列名`）',
    },
  },
  'what.id-lookalike': {
    message: {
      en: ' (ids are compared without invisible characters and with full-width letters and digits read as ASCII)',
      zh: '（比较编号时忽略不可见字符，全角字母和数字按半角读）',
    },
  },
  'what.percent-via': { message: { en: ' (it feeds `{{metric}}`, compared with {{target}})', zh: '（它参与计算 `{{metric}}`，与 {{target}} 比较）' } },
  KPI0809: {
    summaryZh: '有数据的行没有编号。',
    message: { en: 'row {{row}} has no id in column `{{column}}`', zh: '第 {{row}} 行的 `{{column}}` 列没有编号' },
    help: { en: 'fill in the id, or delete the row', zh: '填上编号，或删除这一行' },
  },
  KPI0810: {
    summaryZh: '某行的单元格数与表头不同。',
    message: { en: 'row {{row}} has {{n}} cells, the header has {{width}}', zh: '第 {{row}} 行有 {{n}} 个单元格，表头有 {{width}} 个' },
  },
  'help.cell-missing': { message: { en: 'a cell is missing: check for a missing separator or an unquoted line break', zh: '少了一个单元格：检查是否漏了分隔符，或有未加引号的换行' } },
  'help.cell-extra': {
    message: { en: 'a value is outside the named columns: check for an unquoted comma in a value (`"1,200"`)', zh: '有值超出了带表头的列：检查值中是否有未加引号的逗号（`"1,200"`）' },
  },
  KPI0811: {
    summaryZh: '单元格不是方案能读取的数字。',
    message: { en: 'cannot read `{{value}}` in column `{{column}}`, row {{row}}: {{reason}}', zh: '无法读取第 {{row}} 行 `{{column}}` 列的 `{{value}}`：{{reason}}' },
    help: {
      en: 'write a number as `95%`, `0.95`, `1,200,000` or `¥1,200,000`; leave the cell blank only if the plan gives a `default`',
      zh: '数字可以写成 `95%`、`0.95`、`1,200,000` 或 `¥1,200,000`；只有方案写了 `default`（默认值）时才能留空',
    },
  },
  'KPI0811.negative': {
    message: { en: '`{{value}}` in column `{{column}}`, row {{row}} is negative, but it counts events', zh: '第 {{row}} 行 `{{column}}` 列的 `{{value}}` 是负数，而这一列记录的是次数' },
    help: { en: 'write how many times it happened (0 or more); {{readers}} {{verb}} points per event', zh: '请写发生的次数（0 或以上）；{{readers}} 按次数{{verb}}' },
  },
  'what.deducts': { message: { en: 'deducts', zh: '扣分' } },
  'what.adds': { message: { en: 'adds', zh: '加分' } },
  KPI0812: {
    summaryZh: '方案需要的单元格为空，且方案没有写 `default`。',
    message: { en: 'column `{{column}}` is blank in row {{row}}', zh: '第 {{row}} 行的 `{{column}}` 列为空' },
    help: { en: 'fill in the value, or give {{readers}} a `default`', zh: '填上数值，或给 {{readers}} 写 `default`（默认值）' },
  },
  'what.its-reader': { message: { en: 'its reader', zh: '读取它的项' } },
  KPI0813: {
    summaryZh: '不带 `%` 的值看起来像百分数。',
    message: {
      en: '`{{value}}` in column `{{column}}`, row {{row}}{{more}}, reads as {{read}}, but the target is {{target}}{{via}}',
      zh: '第 {{row}} 行{{more}} `{{column}}` 列的 `{{value}}` 读作 {{read}}，而目标是 {{target}}{{via}}',
    },
    help: {
      en: 'if it is a percent, write `{{percent}}` (or `{{fraction}}`); a number without `%` is a fraction',
      zh: '如果它是百分数，请写 `{{percent}}`（或 `{{fraction}}`）；不带 `%` 的数是小数',
    },
  },
  'what.more-rows': { message: { en: ' (and {{n}} more row{{s}})', zh: '（另有 {{n}} 行）' } },
  KPI0814: {
    summaryZh: '数据错误太多，已停止列出。',
    message: { en: '{{n}} more data error{{s}} not shown ({{total}} in all)', zh: '还有 {{n}} 个数据错误未显示（共 {{total}} 个）' },
    help: { en: 'fix the errors above, or raise the limit with `--max-errors`', zh: '先改正上面的错误，或用 `--max-errors` 提高上限' },
  },
  KPI0815: {
    summaryZh: '用 `--sheet` 指定的工作表不在工作簿中。',
    message: { en: '`{{file}}` has no sheet `{{sheet}}`', zh: '`{{file}}` 中没有工作表 `{{sheet}}`' },
    help: { en: 'its sheets are {{sheets}}', zh: '其中的工作表：{{sheets}}' },
  },
  KPI0816: {
    summaryZh: '没有任何一行的编号是 `--id` 给出的值。',
    message: { en: 'no row has id `{{id}}`', zh: '没有编号为 `{{id}}` 的行' },
  },
  KPI0817: {
    summaryZh: '数据文件的结构不对（JSON 应为对象数组）。',
    message: { en: '{{text}}', zh: '{{text}}' },
  },
} as const;
