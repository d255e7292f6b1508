/**
 * Submitting a job, shared by the JSON API and the start page's plain form: check the URL and
 * ref, then queue the job unless the queue is full.
 */
import type { WebContext } from './context.js';
import type { JobRecord } from './job-store.js';
import {
  checkRef,
  checkRepositoryUrl,
  type RefRejection,
  type RepositoryRejection,
} from './repository-url.js';

/** What became of a submission. */
export type SubmitOutcome =
  | { kind: 'queued'; job: JobRecord }
  | { kind: 'invalid'; field: 'repoUrl'; code: RepositoryRejection }
  | { kind: 'invalid'; field: 'ref'; code: RefRejection }
  | { kind: 'full' };

/** Checks and queues a job for `repoUrl` at `ref` (as typed). */
export async function submitJob(context: WebContext, repoUrl: string, ref: string): Promise<SubmitOutcome> {
  const target = checkRepositoryUrl(repoUrl, context.repositoryRules);
  if (!target.ok) return { kind: 'invalid', field: 'repoUrl', code: target.reason };
  const checkedRef = checkRef(ref);
  if (!checkedRef.ok) return { kind: 'invalid', field: 'ref', code: checkedRef.reason };
  const job = await context.queue.submit({
    id: context.newJobId(),
    repoUrl: target.value.url,
    repoName: target.value.name,
    ref: checkedRef.value,
  });
  return job === null ? { kind: 'full' } : { kind: 'queued', job };
}

/** Places in the queue of the queued jobs (1 = next). */
export async function queuePositions(context: WebContext): Promise<Map<string, number>> {
  const queued = await context.store.queued();
  return new Map(queued.map((job, index) => [job.id, index + 1]));
}
