/** Whether a process still runs: temp files carry their run's pid, and those of ended runs are swept. */

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
