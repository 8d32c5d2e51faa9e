/** Expanding `kpi check` arguments: files, directories (every `.kpi` under them) and globs. */
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from './io.js';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**'];

/** Expand to a sorted, de-duplicated list of paths as the user would write them (relative to cwd). */
export async function expandPlanFiles(args: string[], cwd: string): Promise<string[]> {
  const out = new Set<string>();
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
      const found = await glob('**/*.kpi', { cwd: abs, ignore: IGNORE, absolute: true });
      if (found.length === 0) throw new UserError(`no .kpi files in directory \`${arg}\``);
      for (const f of found.sort()) out.add(show(f));
    } else if (st?.isFile()) {
      out.add(show(abs));
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, ignore: IGNORE, absolute: true });
      const files = found.filter((f) => !f.endsWith('/'));
      if (files.length === 0) throw new UserError(`no files match \`${arg}\``);
      for (const f of files.sort()) out.add(show(f));
    } else {
      throw new UserError(`cannot find \`${arg}\``);
    }
  }
  return [...out];
}
