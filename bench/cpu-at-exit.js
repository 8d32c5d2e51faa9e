// Loaded with `node --import ./bench/cpu-at-exit.js …` by the benchmarks: at exit, prints the process's
// CPU time (user + system, ms, from process start) to stderr as `cpu-ms <n>`. CPU time, unlike wall time,
// does not grow when other processes share the machine.
process.on('exit', () => {
  const u = process.cpuUsage();
  process.stderr.write(`\ncpu-ms ${((u.user + u.system) / 1000).toFixed(1)}\n`);
});
