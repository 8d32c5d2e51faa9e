/** `kpi init [dir]`: scaffold a plan repository — an example plan, sample data, a CI workflow, a README. */
import { diag } from '@kpi/core';
import { Command } from 'commander';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { VERSION } from '../version.js';

const PLAN = `# 店长月度考核 — an example plan made by \`kpi init\`. Edit it, then run:
#   npx kpi check 店长.kpi    # weights sum to 100%, ranges, tables, names
#   npx kpi test 店长.kpi     # runs the \`test\` blocks below
#   npx kpi score 店长.kpi --data data/店长.csv
#   npx kpi fmt 店长.kpi      # lays the file out in the canonical way
# Comments start with # or //. Names may be Chinese; a name with spaces is written "in quotes".

plan 店长月度考核 {
  # cycle: monthly | quarterly | semiannual | annual; round: decimals of reported totals
  cycle monthly
  role 店长
  round 2

  # indicator NAME weight W [target T] scoring METHOD [options] ["description"]
  # the weights of a plan sum to 100%; the data file has one column per indicator name
  indicator 销售额达成 weight 60% target 100% scoring linear cap 120% "每月销售额 ÷ 目标, 最高 120 分"
  indicator 人员流失率 weight 10% target 2%   scoring reverse "越低越好: 目标 ÷ 实际"
  indicator 账目准确率 weight 10% target 100% scoring threshold "达标 100 分, 否则 0 分"
  indicator 顾客满意度 weight 20%             scoring rating 1..5 "店长评分 1-5 分"

  # 加分项: 每条创新提案 2 分, 最多 6 分
  bonus 创新提案 points 2 per 1 max 6
  # 一票否决: 发生重大安全事故, 总分为 0, 等级最低
  veto 重大安全事故 when 安全事故 > 0

  # total → grade → 绩效系数, from the highest bound down; the last line catches the rest
  grades {
    S >= 95 coefficient 1.5
    A >= 85 coefficient 1.2
    B >= 70 coefficient 1.0
    C >= 60 coefficient 0.8
    D       coefficient 0.5
  }

  test "全部达标" {
    given 销售额达成 = 100%, 人员流失率 = 2%, 账目准确率 = 100%, 顾客满意度 = 5, 创新提案 = 0, 安全事故 = 0
    expect total = 100
    expect grade = S
  }

  # 60 × 90% + 10 × (2% ÷ 4%) + 0 + 20 × 4/5 + 2 = 54 + 5 + 0 + 16 + 2 = 77
  test "部分未达标" {
    given 销售额达成 = 90%, 人员流失率 = 4%, 账目准确率 = 99%, 顾客满意度 = 4, 创新提案 = 1, 安全事故 = 0
    expect 销售额达成 = 90
    expect 人员流失率 = 50
    expect total      = 77
    expect grade      = B
  }

  test "一票否决" {
    given 销售额达成 = 120%, 人员流失率 = 1%, 账目准确率 = 100%, 顾客满意度 = 5, 创新提案 = 3, 安全事故 = 1
    expect total = 0
    expect grade = D
  }
}
`;

const DATA = `工号,姓名,销售额达成,人员流失率,账目准确率,顾客满意度,创新提案,安全事故
S001,张伟,105%,1.5%,100%,5,1,0
S002,王芳,90%,4%,99%,4,1,0
S003,李娜,120%,1%,100%,4,0,0
S004,刘洋,82%,2%,100%,3,0,0
`;

const WORKFLOW = `name: kpi
on:
  push:
  pull_request:
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # installs the kpi command from package.json (devDependencies)
      - run: npm install --no-audit --no-fund
      # errors and warnings appear as annotations on the plan lines
      - run: npx kpi check --format github .
      # every \`test\` block in every plan; a failed expectation is annotated on its line
      - run: npx kpi test --format github .
`;

const README = `# 绩效考核方案 (KPI plans)

Plans are written in the kpi language, one \`.kpi\` file per position or team. Install the \`kpi\`
command once with \`npm install\` (it is a dev dependency in \`package.json\`), then:

| command | what it does |
|---|---|
| \`npx kpi check .\` | checks every plan: weights sum to 100%, ranges, tables, names |
| \`npx kpi test .\` | runs the \`test\` blocks in the plans |
| \`npx kpi score 店长.kpi --data data/店长.csv\` | scores a month of actuals (CSV UTF-8 or GBK, XLSX, JSON) |
| \`npx kpi score 店长.kpi --data data/店长.csv --keep 姓名 -o 结果.xlsx\` | the same as an Excel report, with the names |
| \`npx kpi explain 店长.kpi --data data/店长.csv --id S002\` | explains one person's score |
| \`npx kpi fmt .\` | formats the plans |

Data files: one row per employee, the id in the first column (or \`--id COLUMN\`), one column per
indicator (named as the indicator, or its \`input\`). Values may be written \`95%\`, \`0.95\`,
\`1,200,000\` or \`¥1,200,000\`. A blank or unreadable value is an error unless the plan gives a \`default\`.

CI: \`.github/workflows/kpi.yml\` runs \`kpi check\` and \`kpi test\` on every push.
`;

/** the npm package that brings the `kpi` command */
const CLI_PACKAGE = '@kpi/cli';

const PACKAGE = `${JSON.stringify(
  {
    name: 'kpi-plans',
    private: true,
    description: '绩效考核方案 (KPI plans)',
    scripts: { check: 'kpi check .', test: 'kpi test .', fmt: 'kpi fmt .' },
    devDependencies: { [CLI_PACKAGE]: `^${VERSION}` },
  },
  null,
  2,
)}
`;

export const INIT_FILES: Record<string, string> = {
  '店长.kpi': PLAN,
  'data/店长.csv': DATA,
  '.github/workflows/kpi.yml': WORKFLOW,
  'package.json': PACKAGE,
  '.gitignore': 'node_modules/\n',
  'README.md': README,
};

/** does an existing package.json already bring the kpi command? */
async function dependsOnKpi(path: string): Promise<boolean> {
  try {
    const pkg = JSON.parse(await readFile(path, 'utf8')) as { dependencies?: object; devDependencies?: object };
    return CLI_PACKAGE in (pkg.devDependencies ?? {}) || CLI_PACKAGE in (pkg.dependencies ?? {});
  } catch {
    return false;
  }
}

export function initCommand(io: Io, done: (code: number) => void): Command {
  return new Command('init')
    .description('scaffold a plan repository: an example plan, sample data, a CI workflow, package.json and a README')
    .argument('[dir]', 'directory to create or fill', '.')
    .option('--force', 'overwrite files that already exist')
    .addHelpText(
      'after',
      `
Examples:
  $ kpi init                 in the current directory
  $ kpi init 绩效方案         in a new directory

Creates 店长.kpi, data/店长.csv, .github/workflows/kpi.yml, package.json, .gitignore and README.md;
existing files are kept unless --force is given.`,
    )
    .action(async (dir: string, opts: { force?: boolean }) => {
      const root = resolve(io.cwd, dir);
      const c = colors(useColor(io, io.stdout));
      let kpiInPackage = true;
      try {
        const st = await stat(root).catch(() => undefined);
        if (st && !st.isDirectory()) throw new UserError(diag('KPI0007.not-dir', { dir }));
        for (const [rel, content] of Object.entries(INIT_FILES)) {
          const path = join(root, rel);
          const shown = relative(io.cwd, path) || path;
          if (!opts.force && (await stat(path).catch(() => undefined))) {
            io.stdout.write(`${c.yellow('kept')}    ${shown} (exists; --force to overwrite)\n`);
            if (rel === 'package.json' && !(await dependsOnKpi(path))) {
              kpiInPackage = false;
              io.stdout.write(`        the CI workflow needs kpi from it: run \`npm install --save-dev ${CLI_PACKAGE}\` there\n`);
            }
            continue;
          }
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, content);
          io.stdout.write(`${c.green('created')} ${shown}\n`);
        }
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError(diag('KPI0007.create', { dir, reason: (e as Error).message }));
      }
      const cd = dir === '.' ? '' : `cd ${/^[\w./\-\u3400-\u9fff]+$/.test(dir) ? dir : JSON.stringify(dir)} && `;
      io.stdout.write(
        `\nNext: ${cd}kpi check . && kpi test . && kpi score 店长.kpi --data data/店长.csv\n` +
          (kpiInPackage ? `(package.json lists kpi as a dev dependency: \`npm install\` there gives \`npx kpi\` and the CI workflow its command)\n` : ''),
      );
      done(EXIT.OK);
    });
}
