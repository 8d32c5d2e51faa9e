/** Expanding `kpi check` arguments: files, directories (every `.kpi` under them) and globs. */
import { diag, text as ref } from '@kpi/core/diag';
import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { EXIT, UserError } from './io.js';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**'];
/** the glob library, loaded for a folder or a pattern only: plain file arguments (the usual case) start faster */
const globber = () => import('tinyglobby');
/** data files given by mistake to check/test/fmt (a plan saved as .txt is still read) */
const DATA_FILE = /\.(csv|tsv|xlsx|xlsm|xls|json)$/i;

/** Expand to a sorted, de-duplicated list of paths as the user would write them (relative to cwd). */
export async function expandPlanFiles(args: string[], cwd: string): Promise<string[]> {
  const shown = new Set<string>();
  /** real paths seen: one file reached twice (a symlinked folder, `a.kpi` and `./a.kpi`) is read once */
  const seen = new Set<string>();
  const out = {
    add(p: string) {
      const abs = resolve(cwd, p);
      let real = abs;
      try {
        real = realpathSync(abs);
      } catch {
        /* keep the path as given */
      }
      if (seen.has(real)) return;
      seen.add(real);
      shown.add(p);
    },
  };
  const show = (p: string) => {
    const rel = relative(cwd, p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let st: Awaited<ReturnType<typeof stat>> | undefined;
    try {
      st = await stat(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      const { glob } = await globber();
      const found = await glob('**/*.kpi', { cwd: abs, ignore: IGNORE, absolute: true });
      if (found.length === 0) throw new UserError(diag('KPI0004', { file: arg }, { file: arg }));
      for (const f of found.sort()) out.add(show(f));
    } else if (st?.isFile()) {
      if (DATA_FILE.test(arg)) {
        throw new UserError(diag('KPI0002.data-file', { file: arg }, { file: arg }));
      }
      out.add(show(abs));
    } else if ((await globber()).isDynamicPattern(arg)) {
      const { glob } = await globber();
      const found = await glob(arg, { cwd, ignore: IGNORE, absolute: true });
      // `plans/*` means the plans in it: only .kpi files, unless the pattern names another extension (`*.txt`)
      const ownExt = /\.[\w]+$/.test(arg) && !/\.kpi$/i.test(arg);
      const files = found.filter((f) => !f.endsWith('/') && (ownExt ? !DATA_FILE.test(f) : f.toLowerCase().endsWith('.kpi')));
      if (files.length === 0) throw new UserError(found.length ? diag('KPI0004.pattern-plans', { pattern: arg }) : diag('KPI0004.pattern', { pattern: arg }));
      for (const f of files.sort()) out.add(show(f));
    } else {
      throw new UserError(diag('KPI0001', { file: arg }, { file: arg }));
    }
  }
  return [...shown];
}
