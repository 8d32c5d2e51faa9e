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
  // kpi explain --id (packages/cli/src/commands/explain.ts): ids that differ from the one given only in case, width or spaces
  'help.id-near': { message: { en: 'did you mean {{ids}}?', zh: '是不是想写 {{ids}}？' } },
  'help.id-column': {
    message: { en: 'the id is read from column `{{column}}`; pick another id column with `--id-column`', zh: '编号读取自 `{{column}}` 列；可用 `--id-column` 指定其他编号列' },
  },
  'KPI0808.lookalikes': {
    message: {
      en: 'id `{{id}}` is in {{n}} rows: {{rows}}; they differ only by invisible characters or full-width letters',
      zh: '编号 `{{id}}` 出现在 {{n}} 行：{{rows}}；它们只差在不可见字符或全角字母上',
    },
    help: { en: 'each row needs its own id: correct the id column (retype the ids), then explain again', zh: '每行都需要不同的编号：请改正编号列（重新输入这些编号），再运行 explain' },
  },
  'what.row-id': { message: { en: 'row {{row}} (`{{id}}`)', zh: '第 {{row}} 行（`{{id}}`）' } },
  KPI0817: {
    summaryZh: '数据文件的结构不对（JSON 应为对象数组）。',
    message: { en: '{{text}}', zh: '{{text}}' },
  },
  KPI0818: {
    summaryZh: '单元格写了“不适用”（N/A），但读取它的指标没有写 `optional`。',
    message: {
      en: 'column `{{column}}` says `{{value}}` (not applicable) in row {{row}}, but {{readers}} is not `optional`',
      zh: '第 {{row}} 行 `{{column}}` 列写的是 `{{value}}`（不适用），但 {{readers}} 没有写 `optional`（可不适用）',
    },
    help: {
      en: 'fill in the value, or mark {{readers}} `optional` so that a N/A cell removes it for that person and its weight goes to the other indicators',
      zh: '填上数值，或给 {{readers}} 写 `optional`：这样“不适用”的单元格会让此人免考这一项，其权重分给其他指标',
    },
  },
  'what.the-indicator': { message: { en: 'the indicator', zh: '这个指标' } },
  KPI0819: {
    summaryZh: '与百分数比较的列中，数值有不止一种写法（`95%`、`0.95`、`95`）。',
    message: { en: 'column `{{column}}` writes percents in {{n}} ways: {{list}}', zh: '`{{column}}` 列的百分数有 {{n}} 种写法：{{list}}' },
    help: {
      en: 'write every value of the column one way, best with `%` (`95%`); `95` without `%` reads as 9500%, `0.95` as 95%',
      zh: '这一列的值请用同一种写法，最好带 `%`（`95%`）；不带 `%` 的 `95` 读作 9500%，`0.95` 读作 95%',
    },
  },
  'what.percent-form': { message: { en: '{{form}} (row {{row}}: `{{value}}`)', zh: '{{form}}（第 {{row}} 行：`{{value}}`）' } },
  // ---- the readers of data files (CLI data/read.ts, core data/json.ts): KPI0801 and friends
  'KPI0801.missing': { message: { en: 'cannot read data file `{{file}}`', zh: '无法读取数据文件 `{{file}}`' }, help: { en: 'check the path given with `--data`', zh: '检查 `--data` 给出的路径' } },
  'KPI0801.xls': { message: { en: '`{{file}}` is an old Excel .xls file', zh: '`{{file}}` 是旧版 Excel .xls 文件' }, help: { en: 'save it as .xlsx or CSV (UTF-8) and try again', zh: '请另存为 .xlsx 或 CSV（UTF-8）后重试' } },
  'KPI0801.encoding': { message: { en: 'unknown encoding `{{encoding}}`', zh: '不认识的编码 `{{encoding}}`' }, help: { en: 'use `--encoding utf-8` or `--encoding gbk`', zh: '请用 `--encoding utf-8` 或 `--encoding gbk`' } },
  'KPI0801.cut-short': {
    message: { en: '`{{file}}` ends in the middle of a character (row {{row}}): the file was cut short', zh: '`{{file}}` 在一个字符的中间结束（第 {{row}} 行）：文件不完整' },
    help: { en: 'fix or retype that row, or save the file again as CSV UTF-8', zh: '改正或重新输入这一行，或把文件重新另存为 CSV UTF-8' },
  },
  'KPI0801.bad-utf8-row': {
    message: { en: '`{{file}}` is UTF-8 except for row {{row}}: byte {{at}} ({{hex}}) is not UTF-8', zh: '`{{file}}` 除第 {{row}} 行外都是 UTF-8：第 {{at}} 字节（{{hex}}）不是 UTF-8' },
    help: { en: 'fix or retype that row, or save the file again as CSV UTF-8', zh: '改正或重新输入这一行，或把文件重新另存为 CSV UTF-8' },
  },
  'KPI0801.nul': {
    message: { en: '`{{file}}` is not a CSV text file: it holds NUL bytes', zh: '`{{file}}` 不是 CSV 文本文件：其中有 NUL 字节' },
    help: {
      en: 'an .xlsx renamed to .csv, or UTF-16 text without a BOM? Save it as .xlsx or CSV UTF-8, or pass `--encoding utf-16le`',
      zh: '是把 .xlsx 改名成了 .csv，还是没有 BOM 的 UTF-16 文本？请另存为 .xlsx 或 CSV UTF-8，或加上 `--encoding utf-16le`',
    },
  },
  'KPI0801.bad-bytes': { message: { en: '`{{file}}` is not valid {{encoding}} (bad bytes near byte {{at}})', zh: '`{{file}}` 不是有效的 {{encoding}}（第 {{at}} 字节附近有错误字节）' } },
  'KPI0801.not-utf8-gbk': { message: { en: '`{{file}}` is neither UTF-8 nor GBK (bad bytes near byte {{at}})', zh: '`{{file}}` 既不是 UTF-8 也不是 GBK（第 {{at}} 字节附近有错误字节）' } },
  'help.pass-encoding': { message: { en: 'pass the right `--encoding`', zh: '请用 `--encoding` 指定正确的编码' } },
  'help.pass-gbk': { message: { en: 'pass `--encoding gbk` if it was saved by Excel in Chinese', zh: '如果它是中文版 Excel 保存的，请加上 `--encoding gbk`' } },
  'help.looked-utf8': {
    message: { en: 'the start of the file looked like UTF-8; pass `--encoding gbk` if it was saved by Excel in Chinese', zh: '文件开头看起来是 UTF-8；如果它是中文版 Excel 保存的，请加上 `--encoding gbk`' },
  },
  'KPI0801.ends-mid-char': { message: { en: '`{{file}}` ends in the middle of a character', zh: '`{{file}}` 在一个字符的中间结束' } },
  'KPI0801.csv': {
    message: { en: '`{{file}}` is not valid CSV: {{reason}}', zh: '`{{file}}` 不是有效的 CSV：{{reason}}' },
    help: { en: 'check for a quote that is opened and never closed', zh: '检查是否有引号打开后没有关闭' },
  },
  'KPI0801.decode': { message: { en: 'cannot decode `{{file}}`: {{reason}}', zh: '无法解码 `{{file}}`：{{reason}}' } },
  'what.unknown-encoding': { message: { en: 'unknown encoding `{{encoding}}` (try utf-8 or gbk)', zh: '不认识的编码 `{{encoding}}`（可试 utf-8 或 gbk）' } },
  'what.not-valid-encoding': { message: { en: 'the file is not valid {{encoding}}', zh: '文件不是有效的 {{encoding}}' } },
  'what.not-utf8-gbk': { message: { en: 'the file is neither UTF-8 nor GBK; save it as CSV UTF-8 or pass --encoding', zh: '文件既不是 UTF-8 也不是 GBK；请另存为 CSV UTF-8，或用 --encoding 指定编码' } },
  'KPI0801.not-zip': {
    message: { en: '`{{file}}` is not an Excel workbook (an .xlsx file is a zip archive; this one is not)', zh: '`{{file}}` 不是 Excel 工作簿（.xlsx 文件是 zip 压缩包，这个文件不是）' },
    help: {
      en: 'a CSV or an old .xls saved under an .xlsx name? Give it its real extension, or save it from Excel as .xlsx',
      zh: '是用 .xlsx 名字保存的 CSV 或旧版 .xls 吗？请改回真实的扩展名，或在 Excel 中另存为 .xlsx',
    },
  },
  'KPI0801.workbook': {
    message: { en: 'cannot read `{{file}}` as an Excel workbook: {{reason}}', zh: '无法把 `{{file}}` 作为 Excel 工作簿读取：{{reason}}' },
    help: { en: 'save it from Excel as .xlsx', zh: '请在 Excel 中另存为 .xlsx' },
  },
  'KPI0801.json': {
    message: { en: 'the data file is not valid JSON{{where}}: {{reason}}', zh: '数据文件不是有效的 JSON{{where}}：{{reason}}' },
    help: { en: 'a JSON data file is an array of objects, one per employee', zh: 'JSON 数据文件是对象数组，每位员工一个对象' },
  },
  'what.json-at': { message: { en: ' at line {{line}}, column {{col}}', zh: '（第 {{line}} 行第 {{col}} 列）' } },
  'what.json-early-end': { message: { en: ' (it ends too early)', zh: '（文件提前结束）' } },
  'KPI0802.empty': { message: { en: '`{{file}}` is empty', zh: '`{{file}}` 是空文件' } },
  'KPI0802.json-empty': {
    message: { en: '`{{file}}` has no rows or no keys', zh: '`{{file}}` 没有行或没有键' },
    help: { en: 'a JSON data file is an array of objects, one per employee', zh: 'JSON 数据文件是对象数组，每位员工一个对象' },
  },
  'KPI0802.no-sheets': { message: { en: '`{{file}}` has no sheets', zh: '`{{file}}` 没有工作表' } },
  'KPI0802.empty-sheet': {
    message: { en: 'sheet `{{sheet}}` of `{{file}}` is empty', zh: '`{{file}}` 的工作表 `{{sheet}}` 是空的' },
    help: { en: 'the first row must name the columns', zh: '第一行须写列名' },
  },
  'KPI0815.all-hidden': {
    message: { en: 'every sheet of `{{file}}` is hidden', zh: '`{{file}}` 的所有工作表都是隐藏的' },
    help: { en: 'unhide the sheet to score in Excel, or name it with `--sheet {{sheet}}`', zh: '请在 Excel 中取消隐藏要计分的工作表，或用 `--sheet {{sheet}}` 指定它' },
  },
  'KPI0817.not-array': {
    message: { en: 'the JSON data file is not an array', zh: 'JSON 数据文件不是数组' },
    help: { en: 'write `[{"工号": "S001", "销售额达成": "105%"}, ...]`: one object per employee', zh: '请写成 `[{"工号": "S001", "销售额达成": "105%"}, ...]`：每位员工一个对象' },
  },
  'KPI0817.not-object': {
    message: { en: 'item {{n}} of the JSON data file (row {{row}}) is not an object: `{{value}}`', zh: 'JSON 数据文件的第 {{n}} 项（第 {{row}} 行）不是对象：`{{value}}`' },
    help: { en: 'every array item must be an object of column → value', zh: '数组的每一项都须是“列名 → 值”的对象' },
  },
  KPI0830: {
    summaryZh: 'XLSX 工作簿解压后会超过 kpi 读取的上限（zip 炸弹或虚假的 zip 头），或文件已损坏。',
    message: { en: '`{{file}}` is a damaged workbook: {{why}}', zh: '`{{file}}` 是损坏的工作簿：{{why}}' },
    help: { en: 'open it in Excel and save it again as .xlsx, or save the sheet as CSV', zh: '请在 Excel 中打开并重新另存为 .xlsx，或把工作表另存为 CSV' },
  },
  'what.zip-no-directory': { message: { en: 'its zip directory is missing (the file was cut short?)', zh: '缺少 zip 目录（文件不完整？）' } },
  'what.zip-broken-directory': { message: { en: 'its zip directory is broken', zh: 'zip 目录已损坏' } },
  'what.zip-part-missing': { message: { en: 'part `{{part}}` is missing', zh: '缺少部件 `{{part}}`' } },
  'what.zip-part-short': { message: { en: 'part `{{part}}` is cut short', zh: '部件 `{{part}}` 不完整' } },
  'what.zip-part-size': { message: { en: 'part `{{part}}` has the wrong size', zh: '部件 `{{part}}` 的大小不对' } },
  'what.zip-part-method': { message: { en: 'part `{{part}}` uses a compression Excel does not write (method {{method}})', zh: '部件 `{{part}}` 使用了 Excel 不会写的压缩方式（方法 {{method}}）' } },
  'what.zip-part-unpack': { message: { en: 'part `{{part}}` cannot be unpacked', zh: '部件 `{{part}}` 无法解压' } },
  'what.zip-part-bytes': { message: { en: 'part `{{part}}` unpacks to {{n}} bytes, not the {{declared}} declared', zh: '部件 `{{part}}` 解压后是 {{n}} 字节，而不是声明的 {{declared}} 字节' } },
  'KPI0830.zip64': { message: { en: '`{{file}}` is a zip64 archive, larger than a workbook `kpi` reads', zh: '`{{file}}` 是 zip64 压缩包，超过了 `kpi` 能读取的工作簿大小' }, help: { en: 'save the sheet as CSV', zh: '请把工作表另存为 CSV' } },
  'KPI0830.part-4gb': { message: { en: 'part `{{part}}` of `{{file}}` is larger than 4 GB', zh: '`{{file}}` 的部件 `{{part}}` 超过 4 GB' }, help: { en: 'save the sheet as CSV', zh: '请把工作表另存为 CSV' } },
  'KPI0830.budget': {
    message: {
      en: '`{{file}}` would unpack to more than {{budget}} (part `{{part}}` alone is {{size}}), more than `kpi` reads from a {{packed}} workbook',
      zh: '`{{file}}` 解压后会超过 {{budget}}（仅部件 `{{part}}` 就有 {{size}}），超过了 `kpi` 对 {{packed}} 工作簿的读取上限',
    },
    help: { en: 'a workbook this large (or one built to unpack into gigabytes) is not read; save the sheet as CSV and score that', zh: '这么大的工作簿（或专门构造成解压出数 GB 的文件）不会被读取；请把工作表另存为 CSV 再计分' },
  },
  'KPI0830.lying': {
    message: { en: 'part `{{part}}` of `{{file}}` unpacks to more than the {{size}} its zip header declares', zh: '`{{file}}` 的部件 `{{part}}` 解压后超过了 zip 头声明的 {{size}}' },
    help: { en: 'the workbook is damaged or built to exhaust memory; open it in Excel and save it again, or save the sheet as CSV', zh: '工作簿已损坏或是专门用来耗尽内存的；请在 Excel 中打开并重新保存，或把工作表另存为 CSV' },
  },
  KPI0831: {
    summaryZh: '跳过了工作簿中隐藏的工作表；读取的是第一个可见的工作表。',
    message: { en: 'skipped hidden sheet{{s}} {{sheets}} of `{{file}}`; read `{{sheet}}`, the first visible one', zh: '跳过了 `{{file}}` 中隐藏的工作表 {{sheets}}；读取的是第一个可见的工作表 `{{sheet}}`' },
    help: { en: 'a hidden sheet is not what people see in Excel; to score it anyway, name it: `--sheet {{hidden}}`', zh: '隐藏的工作表不是大家在 Excel 中看到的内容；如果确实要对它计分，请指定：`--sheet {{hidden}}`' },
  },
  KPI0832: {
    summaryZh: 'JSON 数据文件中数组或对象的嵌套层数超过了 kpi 读取的上限。',
    message: { en: 'the JSON data file nests arrays or objects more than {{max}} deep (line {{line}}, column {{col}})', zh: 'JSON 数据文件中数组或对象嵌套超过 {{max}} 层（第 {{line}} 行第 {{col}} 列）' },
    help: { en: 'a JSON data file is an array of objects, one per employee, whose values are numbers or strings', zh: 'JSON 数据文件是对象数组，每位员工一个对象，值为数字或字符串' },
  },
} as const;
