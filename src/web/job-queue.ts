/**
 * The web service's queue: at most `maxRunning` analyses at once, at most `maxWaiting` waiting
 * (beyond that `submit` refuses, and the API answers 429), a wall-clock limit per job, cancel,
 * and the deletion and pruning of finished jobs with their files.
 *
 * The analysis itself is injected (`AnalyseJob`): in the service it is the orchestrator's
 * `runJob` with a runner (see analysis.ts), in tests a fake. Every progress event goes to the
 * store first, which numbers it, and only then to live listeners, so a client that resumes from
 * the store sees the same sequence as one that stayed connected.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressEvent } from '../progress.js';
import type { JobEventHub } from './job-events.js';
import type { JobRecord, JobResult, JobStore, NewJob, StoredEvent } from './job-store.js';

/** What an analysis is given. */
export interface AnalysisRequest {
  id: string;
  repoUrl: string;
  ref: string;
  /** Absolute path of the job's directory, where every artifact goes. */
  outDir: string;
  /** Wall-clock limit in seconds, for the runner's own enforcement. */
  timeoutSeconds: number;
}

/** How an analysis ended; what the job list shows of its report. */
export type AnalysisOutcome = Omit<JobResult, 'error'> & { error?: string | null };

/**
 * Runs one analysis, reporting progress as it happens; stops soon after `signal` aborts and then
 * resolves `cancelled` (or `failed`). May reject; the queue records that as a failure.
 */
export type AnalyseJob = (
  job: AnalysisRequest,
  onProgress: (event: ProgressEvent) => void,
  signal: AbortSignal,
) => Promise<AnalysisOutcome>;

/** Settings and parts of the queue. */
export interface JobQueueOptions {
  store: JobStore;
  hub: JobEventHub;
  analyse: AnalyseJob;
  /** Absolute `CSQA_OUT_DIR`; job directories are `<outBase>/jobs/<id>`. */
  outBase: string;
  maxRunning: number;
  maxWaiting: number;
  timeoutSeconds: number;
  /** Least milliseconds between two stored events of the same stage (default 250); stage changes always pass. */
  progressIntervalMs?: number;
  /** The clock, Unix milliseconds (tests pass their own). */
  now?: () => number;
  /** Where unexpected failures of the queue's own bookkeeping go (the service's logger). */
  onError?: (error: unknown) => void;
}

/** What `cancel` did. */
export type CancelResult = 'cancelled' | 'stopping' | 'finished' | 'missing';

/** Folder of job directories under the out base. */
export const JOBS_FOLDER = 'jobs';

/** Absolute path of job `id`'s directory. */
export function jobDirFor(outBase: string, id: string): string {
  return path.join(outBase, JOBS_FOLDER, id);
}

/** A job this process runs right now. */
interface ActiveJob {
  controller: AbortController;
  cancelRequested: boolean;
  timedOut: boolean;
  /** Stored events are written in order through this chain. */
  writing: Promise<unknown>;
  lastStored: { stage: string; at: number } | null;
}

/** The queue; call `start` once the store is reconciled, `stop` before closing the store. */
export class JobQueue {
  readonly #options: Required<Omit<JobQueueOptions, 'onError'>> & Pick<JobQueueOptions, 'onError'>;
  readonly #active = new Map<string, ActiveJob>();
  readonly #settled = new Set<Promise<void>>();
  #started = false;
  #stopping = false;
  /** Tail of the chain that serialises claims and cancels. */
  #pumping: Promise<void> = Promise.resolve();
  /** Positions last told to queued jobs, so only changes become events. */
  readonly #positions = new Map<string, number>();

  constructor(options: JobQueueOptions) {
    this.#options = { progressIntervalMs: 250, now: Date.now, ...options };
  }

  /** Jobs this process runs right now. */
  get runningCount(): number {
    return this.#active.size;
  }

  /** Starts running queued jobs (those left queued by a previous process too). */
  start(): void {
    this.#started = true;
    this.#pump();
  }

  /**
   * Queues a job; returns it, or null when the queue is full. Its first event (`queued` with its
   * position) is stored and published.
   */
  async submit(job: NewJob): Promise<JobRecord | null> {
    const { store, maxRunning, maxWaiting } = this.#options;
    const added = await store.enqueue(job, { maxRunning, maxWaiting }, this.#options.now());
    if (added === null) return null;
    if (added.event.position !== null) this.#positions.set(job.id, added.event.position);
    this.#options.hub.publish(job.id, added.event);
    this.#pump();
    return added.job;
  }

  /**
   * Cancels job `id`: a queued job ends `cancelled` at once; a running one is stopped (its
   * container removed) and ends `cancelled` when the analysis returns.
   */
  async cancel(id: string): Promise<CancelResult> {
    // Serialised with claiming, so a queued job cannot start between the look-up and the cancel.
    return this.#serialised(async () => {
      const active = this.#active.get(id);
      if (active !== undefined) {
        active.cancelRequested = true;
        active.controller.abort();
        return 'stopping';
      }
      const job = await this.#options.store.get(id);
      if (job === null) return 'missing';
      if (job.status !== 'queued') return 'finished';
      const message = 'cancelled before it started';
      const ended = await this.#finish(id, { ...failure(message), status: 'cancelled' });
      await this.#announcePositions();
      return ended ? 'cancelled' : 'finished';
    });
  }

  /** Deletes finished job `id` and its directory; false when it is not finished (or not there). */
  async remove(id: string): Promise<boolean> {
    if (!(await this.#options.store.deleteFinished(id))) return false;
    await rm(jobDirFor(this.#options.outBase, id), { recursive: true, force: true });
    return true;
  }

  /** Deletes finished jobs older than `retentionDays` and their directories; returns their ids. */
  async prune(retentionDays: number): Promise<string[]> {
    const ids = await this.#options.store.pruneFinishedBefore(
      this.#options.now() - retentionDays * 86_400_000,
    );
    for (const id of ids) await rm(jobDirFor(this.#options.outBase, id), { recursive: true, force: true });
    return ids;
  }

  /**
   * Stops taking jobs, stops the running ones — each ends `failed` with `reason` — and waits
   * until they have ended and their containers are removed.
   */
  async stop(reason: string): Promise<void> {
    this.#stopping = true;
    for (const active of this.#active.values()) {
      active.controller.abort(new Error(reason));
    }
    await this.#pumping;
    await Promise.all([...this.#settled]);
  }

  /** Claims and starts queued jobs while slots are free; serialised so two pumps never race. */
  #pump(): void {
    if (!this.#started || this.#stopping) return;
    this.#serialised(async () => {
      let claimedAny = false;
      while (!this.#stopping && this.#active.size < this.#options.maxRunning) {
        const job = await this.#options.store.claim(this.#options.now());
        if (job === null) break;
        claimedAny = true;
        this.#positions.delete(job.id);
        this.#run(job);
      }
      if (claimedAny) await this.#announcePositions();
    }).catch((error: unknown) => this.#options.onError?.(error));
  }

  /** Runs `task` after every task queued before it; claims and cancels go through here. */
  #serialised<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#pumping.then(task);
    this.#pumping = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  #run(job: JobRecord): void {
    const active: ActiveJob = {
      controller: new AbortController(),
      cancelRequested: false,
      timedOut: false,
      writing: Promise.resolve(),
      lastStored: null,
    };
    this.#active.set(job.id, active);
    const settled = this.#execute(job, active)
      .catch((error: unknown) => this.#options.onError?.(error))
      .finally(() => {
        this.#active.delete(job.id);
        this.#settled.delete(settled);
        this.#pump();
      });
    this.#settled.add(settled);
  }

  async #execute(job: JobRecord, active: ActiveJob): Promise<void> {
    const { timeoutSeconds, analyse, outBase } = this.#options;
    const timer = setTimeout(() => {
      active.timedOut = true;
      active.controller.abort(new Error(`timed out after ${timeoutSeconds} s`));
    }, timeoutSeconds * 1000);
    let result: JobResult;
    try {
      const outcome = await analyse(
        {
          id: job.id,
          repoUrl: job.repoUrl,
          ref: job.ref,
          outDir: jobDirFor(outBase, job.id),
          timeoutSeconds,
        },
        (event) => this.#progress(job.id, active, event),
        active.controller.signal,
      );
      result = { ...outcome, error: outcome.error ?? (outcome.status === 'done' ? null : outcome.message) };
    } catch (error) {
      result = failure(oneLine(error));
    } finally {
      clearTimeout(timer);
    }
    result = this.#whyStopped(result, active);
    await active.writing;
    if (!(await this.#finish(job.id, result))) {
      this.#options.onError?.(new Error(`job ${job.id} had ended before its analysis returned`));
    }
  }

  /** The end of a job that was stopped says why: a timeout, a user's cancel, or the service stopping. */
  #whyStopped(result: JobResult, active: ActiveJob): JobResult {
    if (result.status === 'done' || !active.controller.signal.aborted) return result;
    if (active.timedOut) {
      const message = `timed out after ${this.#options.timeoutSeconds} s`;
      return { ...result, status: 'failed', message, error: message };
    }
    if (active.cancelRequested) {
      return { ...result, status: 'cancelled', message: 'cancelled by a user', error: 'cancelled by a user' };
    }
    const reason = oneLine(active.controller.signal.reason);
    return { ...result, status: 'failed', message: reason, error: reason };
  }

  /**
   * Stores and publishes a progress event of a running job. End events are left to `#finish`,
   * and events of one stage closer than `progressIntervalMs` are dropped, except the last of a
   * counted stage (`done === total`), so a parse of 10,000 files stores tens of events, not 10,000.
   */
  #progress(id: string, active: ActiveJob, event: ProgressEvent): void {
    if (event.stage === 'done' || event.stage === 'failed' || event.stage === 'cancelled') return;
    const now = this.#options.now();
    const last = active.lastStored;
    const sameStage = last !== null && last.stage === event.stage;
    const complete = event.total > 0 && event.done >= event.total;
    if (sameStage && !complete && now - last.at < this.#options.progressIntervalMs) return;
    active.lastStored = { stage: event.stage, at: now };
    active.writing = active.writing
      .then(() => this.#options.store.recordProgress(id, event, null, now))
      .then((stored) => {
        if (stored !== null) this.#options.hub.publish(id, stored);
      })
      .catch((error: unknown) => this.#options.onError?.(error));
  }

  /** Records the end of a job and publishes its end event; false when it had ended already. */
  async #finish(id: string, result: JobResult): Promise<boolean> {
    const ended = await this.#options.store.finish(id, result, this.#options.now());
    if (ended === null) return false;
    this.#positions.delete(id);
    this.#options.hub.publish(id, ended.event);
    return true;
  }

  /** Tells each queued job whose place changed its new place, as a stored `queued` event. */
  async #announcePositions(): Promise<void> {
    const queued = await this.#options.store.queued();
    for (const [index, job] of queued.entries()) {
      const position = index + 1;
      if (this.#positions.get(job.id) === position) continue;
      this.#positions.set(job.id, position);
      const stored: StoredEvent | null = await this.#options.store.recordProgress(
        job.id,
        { stage: 'queued', done: 0, total: 0, message: '' },
        position,
        this.#options.now(),
      );
      if (stored !== null) this.#options.hub.publish(job.id, stored);
    }
  }
}

function failure(message: string): JobResult {
  return { status: 'failed', message, error: message, commit: null, score: null, band: null, findings: null };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? '';
}
