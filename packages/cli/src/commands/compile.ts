/** `kpi compile <plan> --target js|json [-o FILE]`: the plan as a JS scoring module or as its IR. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { IR_VERSION, generateSql, ui, type DialectName } from '@kpi/core';
import { writeFileAtomic } from '../atomic.js';
import { outputError } from '../output-error.js';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { compilePlan, emitModule } from '../engine-run.js';
import { loadFile, pickPlan, PlanErrors } from '../plan.js';
import { refuseOverwritingInputs } from '../same-file.js';

export function compileCommand(io: Io, done: (code: number) => void): Command {
  return new Command('compile')
    .description('compile a plan to a standalone JS scoring module, or print its IR as JSON')
    .argument('<plan>', 'plan file (.kpi)')
    .addOption(new Option('-t, --target <target>', 'what to produce').choices(['js', 'json', 'sql']).default('js'))
    .addOption(new Option('--dialect <dialect>', 'SQL dialect (--target sql)').choices(['duckdb', 'postgres', 'clickhouse']).default('duckdb'))
    .option('--table <name>', 'table or view of actuals the query reads (--target sql)', 'actuals')
    .option('--id <column>', 'id column of that table (--target sql)', 'id')
    .option('--order-by <column>', 'sort the results by this column, e.g. the row number of the export (--target sql; ClickHouse sorts by id without it)')
    .option('--plan <name>', 'plan to compile when the file holds several (js; json gives them all unless named)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kpi compile 店长.kpi --target js -o 店长.mjs
  $ kpi compile 店长.kpi --target json > 店长.ir.json
  $ kpi compile 店长.kpi --target sql --dialect postgres --table hr.actuals_2024_05 --id 工号 > 店长.sql
  $ kpi compile 店长.kpi --target sql --dialect clickhouse --table hr.actuals_all --id 工号 > 店长.sql

--target json writes the typed IR with an \`irVersion\`; --target js an ES module whose code holds only
validated numbers and indices from the plan (names travel as JSON data).`,
    )
    .action(async (planPath: string, opts: { target: 'js' | 'json' | 'sql'; plan?: string; output?: string; dialect: DialectName; table: string; id: string; orderBy?: string }) => {
      if (opts.output) await refuseOverwritingInputs(resolve(io.cwd, opts.output), opts.output, [{ path: resolve(io.cwd, planPath), what: 'plan file', shown: planPath }]);
      const loaded = await loadFile(resolve(io.cwd, planPath), planPath);
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) throw new PlanErrors(loaded, errors);
      let text: string;
      if (opts.target === 'sql') {
        // one exact query over a table of raw actuals (core's compile/sql); a plan it cannot express exactly gets a KPI11xx; the `error` column's texts are in the run's language (--lang)
        const plan = pickPlan(loaded, opts.plan);
        const c = compilePlan(plan, { file: loaded.name });
        if (!c.compiled || c.diagnostics.some((d) => d.severity === 'error')) throw new PlanErrors(loaded, c.diagnostics);
        const g = generateSql(c.compiled.lowered, { dialect: opts.dialect, table: opts.table, idColumn: opts.id, plan, ...(opts.orderBy !== undefined ? { orderBy: opts.orderBy } : {}), ...(io.lang ? { lang: io.lang } : {}) });
        if (!g.query) throw new PlanErrors(loaded, g.diagnostics.map((d) => ({ ...d, file: loaded.name, span: d.span ?? plan.name.span })));
        text = g.query.sql;
      } else if (opts.target === 'json') {
        const plans = opts.plan !== undefined ? [pickPlan(loaded, opts.plan)] : loaded.file.plans;
        text = `${JSON.stringify({ irVersion: IR_VERSION, ...loaded.file, plans }, null, 2)}\n`;
      } else {
        const plan = pickPlan(loaded, opts.plan);
        const c = compilePlan(plan, { file: loaded.name });
        if (!c.compiled || c.diagnostics.some((d) => d.severity === 'error')) throw new PlanErrors(loaded, c.diagnostics);
        const code = emitModule(plan, { file: loaded.name });
        text = code.endsWith('\n') ? code : `${code}\n`;
      }
      if (opts.output) {
        try {
          await writeFileAtomic(resolve(io.cwd, opts.output), text);
        } catch (e) {
          throw outputError(opts.output, resolve(io.cwd, opts.output), e);
        }
        io.stderr.write(`${colors(useColor(io, io.stderr)).green('✓')} ${ui('ui.compile.wrote', { file: opts.output }, io.lang ?? 'en')}\n`);
      } else io.stdout.write(text);
      done(EXIT.OK);
    });
}
