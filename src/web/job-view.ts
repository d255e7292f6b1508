/**
 * A job as the JSON API and the pages present it: the stored record with times in ISO 8601,
 * its duration, its place in the queue and the links that apply to its state.
 */
import type { ProgressStage } from '../progress.js';
import type { JobRecord, JobStatus, StoredEvent } from './job-store.js';
import type { ServicePaths } from './paths.js';

/** The API's job object. */
export interface JobView {
  id: string;
  repoUrl: string;
  repoName: string;
  /** Ref asked for; `''` for the default branch. */
  ref: string;
  status: JobStatus;
  /** Latest stage and its counts (`parse`: files done of total). */
  stage: ProgressStage;
  done: number;
  total: number;
  message: string;
  /** Place in the queue while queued (1 = next), else null. */
  position: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds from start to end (or to now while running); null before it started. */
  durationSeconds: number | null;
  commit: string | null;
  score: number | null;
  band: string | null;
  findings: number | null;
  error: string | null;
  /** Sequence number of the latest event; the progress stream resumes after it. */
  lastEventSeq: number;
  links: {
    page: string;
    api: string;
    events: string;
    report?: string;
    reportJson?: string;
    reportSarif?: string;
    log?: string;
  };
}

/** The view of `job` at time `now` (Unix ms); `position` from the queue. */
export function jobView(job: JobRecord, position: number | null, paths: ServicePaths, now: number): JobView {
  const links: JobView['links'] = {
    page: paths.job(job.id),
    api: paths.apiJob(job.id),
    events: paths.apiEvents(job.id),
  };
  if (job.status === 'done') {
    links.report = paths.report(job.id);
    links.reportJson = paths.download(job.id, 'json');
    links.reportSarif = paths.download(job.id, 'sarif');
  }
  // The orchestrator writes the log of every job it ran, whatever the outcome.
  if (job.startedAt !== null && job.finishedAt !== null) links.log = paths.download(job.id, 'log');
  return {
    id: job.id,
    repoUrl: job.repoUrl,
    repoName: job.repoName,
    ref: job.ref,
    status: job.status,
    stage: job.progress.stage,
    done: job.progress.done,
    total: job.progress.total,
    message: job.progress.message,
    position: job.status === 'queued' ? position : null,
    createdAt: new Date(job.createdAt).toISOString(),
    startedAt: job.startedAt === null ? null : new Date(job.startedAt).toISOString(),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    durationSeconds: job.startedAt === null ? null : ((job.finishedAt ?? now) - job.startedAt) / 1000,
    commit: job.commit,
    score: job.score,
    band: job.band,
    findings: job.findings,
    error: job.error,
    lastEventSeq: job.lastEventSeq,
    links,
  };
}

/** The job status an event leaves behind. */
export function statusAfter(event: Pick<StoredEvent, 'stage'>): JobStatus {
  switch (event.stage) {
    case 'queued':
    case 'done':
    case 'failed':
    case 'cancelled':
      return event.stage;
    default:
      return 'running';
  }
}

/** Whether an event ends its job. */
export function isEndEvent(event: Pick<StoredEvent, 'stage'>): boolean {
  return event.stage === 'done' || event.stage === 'failed' || event.stage === 'cancelled';
}
