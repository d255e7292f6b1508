/**
 * Job limits from flags and the environment (`CSQA_JOB_CPUS`, `CSQA_JOB_MEMORY`,
 * `CSQA_JOB_PIDS`, `CSQA_JOB_TIMEOUT_SEC`; system.md "Environment").
 */
import type { JobLimits } from './types.js';

/** Defaults of system.md: 1 CPU, 2 GiB, 512 processes. */
export const DEFAULT_LIMITS: JobLimits = { cpus: 1, memoryBytes: 2 * 1024 ** 3, pids: 512 };

/** Default wall-clock limit of a job in seconds (`CSQA_JOB_TIMEOUT_SEC`). */
export const DEFAULT_TIMEOUT_SECONDS = 900;

const MEMORY_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
};

/**
 * Bytes of a memory size as Docker writes it: a number with an optional unit `b`, `k`, `m`, `g`
 * (binary multiples, as `docker run --memory`), e.g. `512m`, `2g`; null when it is not one or
 * is below 6 MiB (the daemon's minimum).
 */
export function parseMemory(value: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  if (match === null) return null;
  const unit = MEMORY_UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return null;
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes >= 6 * 1024 * 1024 ? bytes : null;
}

/** CPUs as `docker run --cpus`: a positive number up to 64; null otherwise. */
export function parseCpus(value: string): number | null {
  const cpus = Number(value);
  return value.trim() !== '' && Number.isFinite(cpus) && cpus > 0 && cpus <= 64 ? cpus : null;
}

/** A whole number from `min` to `max`; null otherwise. */
export function parseWholeNumber(value: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/**
 * Limits from the environment, each falling back to its default when unset.
 *
 * @throws Error naming the variable whose value is not valid.
 */
export function limitsFromEnvironment(env: NodeJS.ProcessEnv): JobLimits {
  const read = <T>(name: string, parse: (v: string) => T | null, fallback: T): T => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = parse(raw);
    if (value === null) throw new Error(`${name} is not valid: ${raw}`);
    return value;
  };
  return {
    cpus: read('CSQA_JOB_CPUS', parseCpus, DEFAULT_LIMITS.cpus),
    memoryBytes: read('CSQA_JOB_MEMORY', parseMemory, DEFAULT_LIMITS.memoryBytes),
    pids: read('CSQA_JOB_PIDS', (v) => parseWholeNumber(v, 16, 1_000_000), DEFAULT_LIMITS.pids),
  };
}
