/**
 * What every route plugin of the service shares, decorated once on the Fastify instance as
 * `app.csqa` (architecture.md: the job store and the runner are injected, so tests hand in a
 * temporary database and a fake analysis).
 */
import { randomBytes } from 'node:crypto';
import type { JobEventHub } from './job-events.js';
import type { JobQueue } from './job-queue.js';
import type { JobStore } from './job-store.js';
import type { ServicePaths } from './paths.js';
import type { RepositoryRules } from './repository-url.js';

/** What `/health` says of the runner. */
export interface RunnerHealth {
  kind: string;
  ok: boolean;
  /** Why not, one line. */
  detail?: string;
}

/** The service's parts and settings as routes see them. */
export interface WebContext {
  basePath: string;
  token: string;
  paths: ServicePaths;
  /** Absolute `CSQA_OUT_DIR`. */
  outBase: string;
  repositoryRules: RepositoryRules;
  queueLimit: number;
  store: JobStore;
  queue: JobQueue;
  hub: JobEventHub;
  checkRunner: () => Promise<RunnerHealth>;
  /** Milliseconds between two heartbeats of a progress stream. */
  heartbeatMs: number;
  /** Longest life of one progress stream in milliseconds; the browser then reconnects and resumes. */
  maxStreamMs: number;
  /** Closers of the progress streams open right now (the server ends them when it closes). */
  streams: Set<() => void>;
  now: () => number;
  newJobId: () => string;
}

declare module 'fastify' {
  interface FastifyInstance {
    csqa: WebContext;
  }
}

/** A new job id: 96 random bits as 24 lowercase hex digits (a valid `JobSpec.id`). */
export function newJobId(): string {
  return randomBytes(12).toString('hex');
}

/** The pattern of job ids in route parameters. */
export const JOB_ID_PATTERN = '^[0-9a-f]{24}$';
