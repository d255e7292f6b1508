/**
 * Preloaded (`node --import`) into every process the bench harness starts: when the main thread
 * exits it writes the process's CPU times and peak RSS to the file named by `CSQA_BENCH_RUSAGE`.
 * Node gives a parent no resource usage of its children, so the child reports its own; the
 * figures are process-wide (worker threads included).
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** What the hook writes: microseconds of CPU and kilobytes of peak RSS, as `process.resourceUsage()` gives them. */
export interface ChildUsage {
  userCPUTime: number;
  systemCPUTime: number;
  maxRSS: number;
}

const target = process.env.CSQA_BENCH_RUSAGE;
if (isMainThread && target !== undefined && target !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const record: ChildUsage = {
      userCPUTime: usage.userCPUTime,
      systemCPUTime: usage.systemCPUTime,
      maxRSS: usage.maxRSS,
    };
    writeFileSync(target, JSON.stringify(record));
  });
}
