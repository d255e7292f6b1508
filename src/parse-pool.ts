/**
 * A small pool of worker threads for per-file work (parsing and extraction): the files are handed
 * out in batches as workers become free, and every result comes back with the index of its file,
 * so the caller can put them in file order whatever order the workers finish in.
 *
 * The worker side is `serveJobs` (called at the top level of a worker module such as
 * `src/java/worker.ts`); the main side is `runPool`.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, type ResourceLimits } from 'node:worker_threads';

/** Environment variable that overrides the number of parse workers (0: parse on the main thread). */
export const PARSE_THREADS_ENV = 'CSQA_PARSE_THREADS';

/** Default upper bound of parse workers: the pool is sized for small CI machines and laptops. */
export const MAX_DEFAULT_PARSE_THREADS = 2;

/** Below this many files per worker, starting a worker (and loading the grammar in it) costs more than it saves. */
export const MIN_FILES_PER_WORKER = 150;

/**
 * How many worker threads parse `fileCount` files: `CSQA_PARSE_THREADS` when it is set to a
 * whole number, else one per available core up to `MAX_DEFAULT_PARSE_THREADS`, and no more than
 * one per `MIN_FILES_PER_WORKER` files. 0 means "on the main thread, no worker".
 */
export function parseThreads(fileCount: number, env: NodeJS.ProcessEnv = process.env): number {
  const override = env[PARSE_THREADS_ENV];
  if (override !== undefined && /^\s*\d+\s*$/.test(override)) return Math.min(64, Number(override));
  const byFiles = Math.floor(fileCount / MIN_FILES_PER_WORKER);
  return Math.max(0, Math.min(availableParallelism(), MAX_DEFAULT_PARSE_THREADS, byFiles));
}

/** One unit of work: a file, by its index in the caller's list. */
export interface PoolJob {
  index: number;
  path: string;
  isTest: boolean;
}

/** What a worker sends back for one job: its result, or the message of the error it threw. */
export type PoolReply<R> = { index: number; result: R } | { index: number; error: string };

/** Messages from the main thread to a worker. */
type ToWorker = { jobs: PoolJob[] };

/** Messages from a worker to the main thread: the replies of one batch. */
type FromWorker<R> = { replies: PoolReply<R>[] };

/** Options of `runPool`. */
export interface PoolOptions<R> {
  /** The worker module (it calls `serveJobs`). */
  worker: URL;
  /** Passed to every worker as `workerData`. */
  workerData: unknown;
  /** Number of workers (at least 1). */
  threads: number;
  jobs: readonly PoolJob[];
  /** Jobs per message (default 8): small enough to balance the load, large enough to keep messages few. */
  batchSize?: number;
  resourceLimits?: ResourceLimits;
  /** Called on the main thread for every reply, in the order they arrive. */
  onReply: (reply: PoolReply<R>) => void;
}

/**
 * Runs every job on a pool of `threads` workers and resolves once each has replied (the workers
 * are then terminated). Each worker has two batches in hand, so it never waits for the main
 * thread between batches. Rejects when a worker fails outside a job (it cannot start, or it dies).
 */
export function runPool<R>(options: PoolOptions<R>): Promise<void> {
  const batchSize = Math.max(1, options.batchSize ?? 8);
  const threads = Math.max(1, Math.min(options.threads, Math.ceil(options.jobs.length / batchSize)));
  if (options.jobs.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let replied = 0;
    let settled = false;
    const workers: Worker[] = [];
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const send = (worker: Worker): void => {
      if (next >= options.jobs.length) return;
      const jobs = options.jobs.slice(next, next + batchSize);
      next += jobs.length;
      worker.postMessage({ jobs } satisfies ToWorker);
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(options.worker, {
        workerData: options.workerData,
        ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      });
      workers.push(worker);
      worker.on('message', (message: FromWorker<R>) => {
        if (settled) return;
        for (const reply of message.replies) {
          try {
            options.onReply(reply);
          } catch (error) {
            finish(error);
            return;
          }
        }
        replied += message.replies.length;
        if (replied === options.jobs.length) finish();
        else send(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`parse worker stopped early (exit code ${code})`));
      });
      send(worker);
      send(worker);
    }
  });
}

/**
 * The worker side of `runPool`: answers every batch of jobs, in job order, with `process`'s
 * result for what `load` read for the job (or the message of the error either threw). The next
 * job's `load` runs while a job is processed, so the worker does not sit idle while a file is
 * opened and read. `ready` (the grammar loading, say) is awaited before the first job. Call it
 * once, at the top level of the worker module; it does nothing on the main thread.
 */
export function serveJobs<L, R>(
  ready: Promise<void>,
  load: (job: PoolJob) => Promise<L>,
  process: (job: PoolJob, loaded: L) => R,
): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  type Loaded = { ok: true; value: L } | { ok: false; error: unknown };
  /** Jobs not yet loading; `last` marks the end of a batch (its replies go then). */
  const waiting: { job: PoolJob; last: boolean }[] = [];
  const loading: { job: PoolJob; last: boolean; loaded: Promise<Loaded> }[] = [];
  let replies: PoolReply<R>[] = [];
  let running = false;
  const startLoads = (): void => {
    while (loading.length < 2 && waiting.length > 0) {
      const next = waiting.shift() as { job: PoolJob; last: boolean };
      loading.push({
        ...next,
        loaded: load(next.job).then(
          (value): Loaded => ({ ok: true, value }),
          (error: unknown): Loaded => ({ ok: false, error }),
        ),
      });
    }
  };
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    await ready;
    while (loading.length > 0 || waiting.length > 0) {
      startLoads();
      const current = loading.shift() as { job: PoolJob; last: boolean; loaded: Promise<Loaded> };
      startLoads();
      const loaded = await current.loaded;
      try {
        if (!loaded.ok) throw loaded.error;
        replies.push({ index: current.job.index, result: process(current.job, loaded.value) });
      } catch (error) {
        replies.push({
          index: current.job.index,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (current.last) {
        port.postMessage({ replies } satisfies FromWorker<R>);
        replies = [];
      }
    }
    running = false;
  };
  port.on('message', (message: ToWorker) => {
    message.jobs.forEach((job, i) => waiting.push({ job, last: i === message.jobs.length - 1 }));
    void run();
  });
}

/**
 * A pure string predicate with its answers kept (up to `limit` of them, then the oldest half is
 * dropped): the extractor asks `isSecretName` about every identifier of every file, and the
 * same names recur across files.
 */
export function memoisedAcrossFiles(
  predicate: (value: string) => boolean,
  limit = 200_000,
): (value: string) => boolean {
  let answers = new Map<string, boolean>();
  return (value) => {
    let answer = answers.get(value);
    if (answer === undefined) {
      answer = predicate(value);
      if (answers.size >= limit) answers = new Map([...answers].slice(answers.size >> 1));
      answers.set(value, answer);
    }
    return answer;
  };
}
