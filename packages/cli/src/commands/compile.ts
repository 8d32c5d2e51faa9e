/** `kpi compile <plan> --target js|json [-o FILE]`: the plan as a JS scoring module or as its IR. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { IR_VERSION } from '@kpi/core';
import { writeError, writeFileAtomic } from '../atomic.js';
import { colors, EXIT, UserError, useColor, type Io } from '../io.js';
import { compilePlan, emitModule } from '../engine.js';
import { loadFile, pickPlan, PlanErrors } from '../plan.js';
import { refuseOverwritingInputs } from '../same-file.js';

export function compileCommand(io: Io, done: (code: number) => void): Command {
  return new Command('compile')
    .description('compile a plan to a standalone JS scoring module, or print its IR as JSON')
    .argument('<plan>', 'plan file (.kpi)')
    .addOption(new Option('-t, --target <target>', 'what to produce').choices(['js', 'json']).default('js'))
    .option('--plan <name>', 'plan to compile when the file holds several (js; json gives them all unless named)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kpi compile 店长.kpi --target js -o 店长.mjs
  $ kpi compile 店长.kpi --target json > 店长.ir.json

--target json writes the typed IR with an \`irVersion\`; --target js an ES module whose code holds only
validated numbers and indices from the plan (names travel as JSON data).`,
    )
    .action(async (planPath: string, opts: { target: 'js' | 'json'; plan?: string; output?: string }) => {
      if (opts.output) await refuseOverwritingInputs(resolve(io.cwd, opts.output), opts.output, [{ path: resolve(io.cwd, planPath), what: 'plan file', shown: planPath }]);
      const loaded = await loadFile(resolve(io.cwd, planPath), planPath);
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) throw new PlanErrors(loaded, errors);
      let text: string;
      if (opts.target === 'json') {
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
          throw new UserError(writeError(opts.output, resolve(io.cwd, opts.output), e));
        }
        io.stderr.write(`${colors(useColor(io, io.stderr)).green('✓')} wrote ${opts.output}\n`);
      } else io.stdout.write(text);
      done(EXIT.OK);
    });
}
