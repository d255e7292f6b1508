/**
 * One sample of the Engine API's container stats (`GET /containers/{id}/stats`) as CPU and
 * memory figures, computed as `docker stats` computes them.
 */
import type { ResourceSample } from './resource-peaks.js';

/** The parts of a stats object this module reads; every field may be missing. */
export interface EngineStats {
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: { inactive_file?: number; total_inactive_file?: number; cache?: number };
  };
}

/**
 * CPU in percent of one CPU (container CPU time over host CPU time, times the CPUs online) and
 * memory in use without the page cache (cgroup v2 `inactive_file`, v1 `total_inactive_file`),
 * in bytes and in percent of the limit. A figure the object does not allow is null: the first
 * sample has no previous CPU reading, a stopped container reports no memory.
 */
export function sampleFromStats(stats: EngineStats): ResourceSample {
  const cpu = stats.cpu_stats;
  const previous = stats.precpu_stats;
  let cpuPerc: number | null = null;
  const total = cpu?.cpu_usage?.total_usage;
  const system = cpu?.system_cpu_usage;
  const previousTotal = previous?.cpu_usage?.total_usage;
  const previousSystem = previous?.system_cpu_usage;
  if (
    total !== undefined &&
    system !== undefined &&
    previousTotal !== undefined &&
    previousSystem !== undefined
  ) {
    const cpuDelta = total - previousTotal;
    const systemDelta = system - previousSystem;
    const cpus = cpu?.online_cpus ?? cpu?.cpu_usage?.percpu_usage?.length ?? 1;
    if (systemDelta > 0 && cpuDelta >= 0) cpuPerc = (cpuDelta / systemDelta) * cpus * 100;
  }
  const memory = stats.memory_stats;
  let memUsedBytes: number | null = null;
  let memPerc: number | null = null;
  if (memory?.usage !== undefined) {
    const cache =
      memory.stats?.inactive_file ?? memory.stats?.total_inactive_file ?? memory.stats?.cache ?? 0;
    memUsedBytes = Math.max(0, memory.usage - (cache < memory.usage ? cache : 0));
    if (memory.limit !== undefined && memory.limit > 0) memPerc = (memUsedBytes / memory.limit) * 100;
  }
  return { cpuPerc, memUsedBytes, memPerc };
}
