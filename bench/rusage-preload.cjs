// Fallback for bench/measure.mjs when GNU time is not available: preloaded into the measured node
// process (NODE_OPTIONS=--require), it writes that process's own resource usage to a file on exit.
'use strict';
const file = process.env.STORYLINT_BENCH_RUSAGE_FILE;
if (file) {
  delete process.env.STORYLINT_BENCH_RUSAGE_FILE; // do not leak into grandchildren
  process.on('exit', () => {
    try {
      require('fs').writeFileSync(file, JSON.stringify(process.resourceUsage()));
    } catch {
      /* ignore */
    }
  });
}
