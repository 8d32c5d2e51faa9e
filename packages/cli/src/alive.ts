/** Temp files carry their run's pid in their name; those of runs that no longer run are swept. */
import { unlinkSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** is process `pid` still running? (EPERM: it runs, as another user) */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the files of `dir` whose name matches `re` (the pid as its first group) and whose process is gone
 * (killed: there are no signal handlers, atomic.ts says why); the names removed. A folder that cannot be
 * read is left to whoever writes there next, to report.
 */
export async function sweepOrphans(dir: string, re: RegExp): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const n of names) {
    const m = re.exec(n);
    if (!m || alive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, n));
      removed.push(n);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}
