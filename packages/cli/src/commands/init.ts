/** `kpi init [dir]`: scaffold a plan repository — an example plan, sample data, a CI workflow, a README. */
import { diag, displayWidth, ui } from '@kpi/core';
import { Command } from 'commander';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { helpTexts } from '../help.js';
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
  # on a pull request: what each changed plan changes, in plan terms, replayed on its sample data
  # (data/<plan>.csv) — as a comment on the pull request and in the job summary
  diff:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm install --no-audit --no-fund
      - name: kpi diff
        env:
          BASE: \${{ github.event.pull_request.base.sha }}
        run: |
          : > kpi-diff.md
          git -c core.quotePath=false diff --name-only --diff-filter=M "$BASE" HEAD -- '*.kpi' | while IFS= read -r f; do
            data="data/$(basename "$f" .kpi).csv"
            if [ -f "$data" ] && npx kpi diff "$BASE:$f" "$f" --data "$data" --format markdown > one.md; then cat one.md >> kpi-diff.md
            else npx kpi diff "$BASE:$f" "$f" --format markdown >> kpi-diff.md; fi
          done
          rm -f one.md
          cat kpi-diff.md >> "$GITHUB_STEP_SUMMARY"
      - name: comment on the pull request
        env:
          GH_TOKEN: \${{ github.token }}
          PR: \${{ github.event.pull_request.number }}
        # a pull request from a fork has a read-only token: the job summary still shows the diff
        run: |
          if [ -s kpi-diff.md ]; then
            gh pr comment "$PR" --body-file kpi-diff.md --edit-last || gh pr comment "$PR" --body-file kpi-diff.md || echo "could not comment; see the job summary"
          fi
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

CI: \`.github/workflows/kpi.yml\` runs \`kpi check\` and \`kpi test\` on every push, and on a pull request
posts \`kpi diff\` of every changed plan (replayed on \`data/<plan>.csv\`) as a comment.

## Which kpi runs

\`package.json\` pins the \`kpi\` command as a dev dependency, so a teammate, CI and \`npx kpi\` all run the same
version. Either form works:

| in \`devDependencies\` | when |
|---|---|
| \`"@kpi/cli": "0.1.0"\` | from a registry (an exact version pins it; \`npm install\` writes \`package-lock.json\`: commit it) |
| \`"@kpi/cli": "file:vendor/kpi-cli-0.1.0.tgz"\` | from a tarball kept in the repository (\`kpi init --cli path/to/kpi-cli-0.1.0.tgz\` sets this up); needs no registry |

To upgrade, change the version (or replace the tarball and its name) and run \`npm install\`. The tarball needs
only Node ≥ 20.19: \`npm i -g ./kpi-cli-0.1.0.tgz\` installs \`kpi\` for the whole machine.

One-off use without installing anything: \`npx -y -p ./kpi-cli-0.1.0.tgz kpi check .\` (a tarball) or
\`npx -y -p @kpi/cli@0.1.0 kpi check .\` (a registry version).

Editors: \`kpi lsp\` is a language server (diagnostics, hover, completion, formatting, rename …) for any
editor that speaks LSP; the VS Code extension (\`kpi-vscode-*.vsix\`) starts its own copy.
`;

/** the npm package that brings the `kpi` command */
const CLI_PACKAGE = '@kpi/cli';
/** the column where the path starts after `created`/`copied`/`kept` (and a note under one of them) */
const LABEL_WIDTH = 8;

/** package.json of the scaffold; `cliSpec` is how it gets the kpi command (a version range or `file:` a tarball) */
const packageJson = (cliSpec: string) => `${JSON.stringify(
  {
    name: 'kpi-plans',
    private: true,
    description: '绩效考核方案 (KPI plans)',
    scripts: { check: 'kpi check .', test: 'kpi test .', fmt: 'kpi fmt .' },
    devDependencies: { [CLI_PACKAGE]: cliSpec },
  },
  null,
  2,
)}
`;

/** the files `kpi init` writes, by path relative to the directory */
export function initFiles(cliSpec = `^${VERSION}`): Record<string, string> {
  return {
    '店长.kpi': PLAN,
    'data/店长.csv': DATA,
    '.github/workflows/kpi.yml': WORKFLOW,
    'package.json': packageJson(cliSpec),
    '.gitignore': 'node_modules/\n',
    'README.md': README,
  };
}

export const INIT_FILES: Record<string, string> = initFiles();

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
  const h = helpTexts(io.lang ?? 'en');
  return new Command('init')
    .description(h('cli-help.init', {}))
    .argument('[dir]', h('cli-help.init.dir', {}), '.')
    .option('--force', h('cli-help.init.force', {}))
    .option('--cli <spec>', h('cli-help.init.cli', { version: VERSION }))
    .addHelpText('after', `\n${h('cli-help.examples.init', { version: VERSION })}`)
    .action(async (dir: string, opts: { force?: boolean; cli?: string }) => {
      const root = resolve(io.cwd, dir);
      const lang = io.lang ?? 'en';
      const c = colors(useColor(io, io.stdout));
      // `created`, `copied`, `kept`: the word, then the path in one column (8 wide, as the English always was)
      const label = (id: 'ui.init.created' | 'ui.init.copied' | 'ui.init.kept', paint: (s: string) => string) => {
        const word = ui(id, {}, lang);
        return `${paint(word)}${' '.repeat(Math.max(1, LABEL_WIDTH - displayWidth(word)))}`;
      };
      let kpiInPackage = true;
      try {
        const st = await stat(root).catch(() => undefined);
        if (st && !st.isDirectory()) throw new UserError(diag('KPI0952.not-dir', { dir }));
        let cliSpec: string | undefined;
        if (opts.cli !== undefined && /\.tgz$/i.test(opts.cli)) {
          // a tarball: kept in the repository, so CI installs exactly it without a registry
          const tgz = resolve(io.cwd, opts.cli);
          if (!(await stat(tgz).catch(() => undefined))?.isFile()) throw new UserError(diag('KPI0001', { file: opts.cli }));
          const rel = `vendor/${basename(tgz)}`;
          await mkdir(join(root, 'vendor'), { recursive: true });
          if (join(root, rel) !== tgz) await copyFile(tgz, join(root, rel));
          io.stdout.write(`${label('ui.init.copied', c.green)}${relative(io.cwd, join(root, rel)) || rel}\n`);
          cliSpec = `file:${rel}`;
        } else if (opts.cli !== undefined) cliSpec = opts.cli;
        for (const [rel, content] of Object.entries(initFiles(cliSpec))) {
          const path = join(root, rel);
          const shown = relative(io.cwd, path) || path;
          if (!opts.force && (await stat(path).catch(() => undefined))) {
            io.stdout.write(`${label('ui.init.kept', c.yellow)}${shown}${ui('ui.init.exists', {}, lang)}\n`);
            if (rel === 'package.json' && !(await dependsOnKpi(path))) {
              kpiInPackage = false;
              io.stdout.write(`${' '.repeat(LABEL_WIDTH)}${ui('ui.init.needs-kpi', { package: CLI_PACKAGE }, lang)}\n`);
            }
            continue;
          }
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, content);
          io.stdout.write(`${label('ui.init.created', c.green)}${shown}\n`);
        }
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError(diag('KPI0952.create', { dir, reason: (e as Error).message }));
      }
      const cd = dir === '.' ? '' : `cd ${/^[\w./\-\u3400-\u9fff]+$/.test(dir) ? dir : JSON.stringify(dir)} && `;
      io.stdout.write(
        `\n${ui('ui.init.next', { commands: `${cd}kpi check . && kpi test . && kpi score 店长.kpi --data data/店长.csv` }, lang)}\n` +
          (kpiInPackage ? `${ui('ui.init.dev-dependency', {}, lang)}\n` : ''),
      );
      done(EXIT.OK);
    });
}
