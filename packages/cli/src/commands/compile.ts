/** `kpi compile <plan> --target js|json [-o FILE]`: the plan as a JS scoring module or as its IR. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { IR_VERSION, generateSql, ui, type DialectName } from '@kpi/core';
import { writeFileAtomic } from '../atomic.js';
import { outputError } from '../output-error.js';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { helpTexts } from '../help.js';
import { compilePlan, emitModule } from '../engine-run.js';
import { loadFile, pickPlan, PlanErrors } from '../plan.js';
import { refuseOverwritingInputs } from '../same-file.js';

export function compileCommand(io: Io, done: (code: number) => void): Command {
  const h = helpTexts(io.lang ?? 'en');
  return new Command('compile')
    .description(h('cli-help.compile', {}))
    .argument('<plan>', h('cli-help.common.plan-file', {}))
    .addOption(new Option('-t, --target <target>', h('cli-help.compile.target', {})).choices(['js', 'json', 'sql']).default('js'))
    .addOption(new Option('--dialect <dialect>', h('cli-help.compile.dialect', {})).choices(['duckdb', 'postgres', 'clickhouse']).default('duckdb'))
    .option('--table <name>', h('cli-help.compile.table', {}), 'actuals')
    .option('--id <column>', h('cli-help.compile.id', {}), 'id')
    .option('--order-by <column>', h('cli-help.compile.order-by', {}))
    .option('--plan <name>', h('cli-help.compile.plan', {}))
    .option('-o, --output <file>', h('cli-help.compile.output', {}))
    .addHelpText('after', `\n${h('cli-help.examples.compile', {})}`)
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
