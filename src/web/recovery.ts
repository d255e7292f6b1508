/**
 * What a start of the service puts right after the previous process (system.md "Web service"):
 * jobs it left `running` are marked `failed` with a reason, their containers and checkouts are
 * removed, and finished jobs past the retention period are pruned with their files. Jobs left
 * `queued` stay queued and run now: nothing of them had started.
 */
import { rm } from 'node:fs/promises';
import { checkoutDirFor } from '../runner/out-dir.js';
import type { JobQueue } from './job-queue.js';
import type { JobStore } from './job-store.js';

/** The reason a job interrupted by a restart shows. */
export const INTERRUPTED_REASON = 'the service restarted while this job ran; submit it again';

/**
 * Removes the containers of jobs for which `isOurs(jobId)` holds and returns their names; the
 * docker runner's cleanup (by the CSQA job labels), or nothing for the local runner.
 */
export type ContainerCleanup = (isOurs: (jobId: string) => Promise<boolean>) => Promise<string[]>;

/** What recovery did, for the start-up log. */
export interface Recovery {
  failedJobs: string[];
  removedContainers: string[];
  prunedJobs: string[];
  /** What could not be cleaned up; the service starts all the same. */
  problems: string[];
}

/**
 * Reconciles the store with reality before the queue starts. Containers are removed only when
 * their job is one of ours — the store knows it and this process runs nothing yet — so a
 * `csqa run` on the same daemon keeps its own.
 */
export async function recoverAfterRestart(
  store: JobStore,
  queue: JobQueue,
  outBase: string,
  retentionDays: number,
  removeContainers: ContainerCleanup,
  now: number,
): Promise<Recovery> {
  const failed = await store.failRunning(INTERRUPTED_REASON, now);
  for (const job of failed) await rm(checkoutDirFor(outBase, job.id), { recursive: true, force: true });
  const problems: string[] = [];
  const removedContainers = await removeContainers(async (jobId) => (await store.get(jobId)) !== null).catch(
    (error: unknown) => {
      problems.push(`containers: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    },
  );
  const prunedJobs = await queue.prune(retentionDays);
  return { failedJobs: failed.map((job) => job.id), removedContainers, prunedJobs, problems };
}
