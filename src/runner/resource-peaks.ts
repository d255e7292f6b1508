/**
 * Keeping the peaks of sampled CPU and memory use (`ResourcePeaks` of orchestrator.json), as the
 * original did with `docker stats`: maxima only, no series.
 */
import type { ResourcePeaks } from './types.js';

/** Peaks before any sample. */
export function emptyPeaks(): ResourcePeaks {
  return { samples: 0, max_cpu_perc: null, max_mem_used_bytes: null, max_mem_perc: null };
}

/** One sample: CPU in percent of one CPU, memory in bytes and in percent of the limit; null = unknown. */
export interface ResourceSample {
  cpuPerc: number | null;
  memUsedBytes: number | null;
  memPerc: number | null;
}

/** Counts `sample` into `peaks` (in place). */
export function addSample(peaks: ResourcePeaks, sample: ResourceSample): void {
  peaks.samples += 1;
  peaks.max_cpu_perc = maxOf(peaks.max_cpu_perc, round2(sample.cpuPerc));
  peaks.max_mem_used_bytes = maxOf(peaks.max_mem_used_bytes, sample.memUsedBytes);
  peaks.max_mem_perc = maxOf(peaks.max_mem_perc, round2(sample.memPerc));
}

/** The peaks over several steps. */
export function combinePeaks(all: readonly ResourcePeaks[]): ResourcePeaks {
  const combined = emptyPeaks();
  for (const peaks of all) {
    combined.samples += peaks.samples;
    combined.max_cpu_perc = maxOf(combined.max_cpu_perc, peaks.max_cpu_perc);
    combined.max_mem_used_bytes = maxOf(combined.max_mem_used_bytes, peaks.max_mem_used_bytes);
    combined.max_mem_perc = maxOf(combined.max_mem_perc, peaks.max_mem_perc);
  }
  return combined;
}

function maxOf(a: number | null, b: number | null): number | null {
  if (b === null || !Number.isFinite(b)) return a;
  return a === null ? b : Math.max(a, b);
}

function round2(x: number | null): number | null {
  return x === null ? null : Math.round(x * 100) / 100;
}
