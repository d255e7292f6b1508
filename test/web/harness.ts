/**
 * The web service in-process for tests: a temporary out base with a real SQLite job store, the
 * real queue, server and routes over real HTTP on loopback, and a fake analysis whose jobs the
 * test holds, releases and inspects. Also a small server-sent-events client on `node:http`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ProgressEvent } from '../../src/progress.js';
import { newJobId, type RunnerHealth, type WebContext } from '../../src/web/context.js';
import { JobEventHub } from '../../src/web/job-events.js';
import { JobQueue, type AnalyseJob, type AnalysisOutcome } from '../../src/web/job-queue.js';
import { openSqliteJobStore, type JobStore } from '../../src/web/job-store.js';
import { servicePaths, type ServicePaths } from '../../src/web/paths.js';
import { recoverAfterRestart, type ContainerCleanup, type Recovery } from '../../src/web/recovery.js';
import { buildWebServer } from '../../src/web/server.js';
import { redactingStream } from '../../src/web/token.js';

/** A token as `generateToken` makes them. */
export const TEST_TOKEN = 'test-token_0123456789abcdefABCDEF';

/** What one fake job does once it runs. */
export interface FakeJobScript {
  /** Progress events, in order; default: clone, parse 1/2 and 2/2, model, graph, metrics, report, render. */
  events?: ProgressEvent[];
  /** Wait after the event with this index until `release(id)` (or an abort). */
  holdAfter?: number;
  /** How it ends; default `done` with a report. */
  outcome?: AnalysisOutcome;
  /** Throw instead of returning. */
  throws?: string;
}

/** The default event sequence of a fake job. */
export const FAKE_EVENTS: ProgressEvent[] = [
  { stage: 'clone', done: 0, total: 0, message: 'fetching' },
  { stage: 'parse', done: 0, total: 0, message: 'listing files' },
  { stage: 'parse', done: 1, total: 2, message: '1/2 files' },
  { stage: 'parse', done: 2, total: 2, message: '2/2 files' },
  { stage: 'model', done: 0, total: 1, message: 'linking types' },
  { stage: 'graph', done: 0, total: 1, message: 'call graph' },
  { stage: 'metrics', done: 0, total: 15, message: 'metrics' },
  { stage: 'report', done: 1, total: 2, message: 'report.json' },
  { stage: 'render', done: 0, total: 1, message: 'report.html' },
];

/** The report files a fake job writes. */
export const FAKE_REPORT_HTML =
  '<!DOCTYPE html><html><body><script>document.title="report"</script>Report</body></html>';

/**
 * A stand-in for the orchestrator: each job plays its script, writes report files like the
 * orchestrator does, and stops with `cancelled` when its signal aborts.
 */
export class FakeAnalysis {
  /** Ids of jobs in the order they started. */
  readonly started: string[] = [];
  /** Ids of jobs whose signal aborted. */
  readonly aborted: string[] = [];
  /** Scripts by repository name (`owner/repo`) or, failing that, `default`. */
  readonly scripts = new Map<string, FakeJobScript>();
  readonly #releases = new Map<string, () => void>();
  readonly #startWaiters: (() => void)[] = [];

  /** Lets held job `id` go on. */
  release(id: string): void {
    const release = this.#releases.get(id);
    if (release === undefined) throw new Error(`job ${id} is not held`);
    release();
  }

  /** Whether job `id` is waiting for `release`. */
  isHeld(id: string): boolean {
    return this.#releases.has(id);
  }

  /** Resolves once `count` jobs have started. */
  async startedCount(count: number): Promise<void> {
    while (this.started.length < count)
      await new Promise<void>((resolve) => this.#startWaiters.push(resolve));
  }

  /** Resolves once job `id` is held. */
  async held(id: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#releases.has(id)) {
      if (Date.now() > deadline) throw new Error(`job ${id} was not held within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  readonly analyse: AnalyseJob = async (job, onProgress, signal) => {
    this.started.push(job.id);
    for (const wake of this.#startWaiters.splice(0)) wake();
    const repoName = /([^/]+\/[^/]+?)(?:\.git)?$/.exec(job.repoUrl)?.[1] ?? '';
    const script = this.scripts.get(repoName) ?? this.scripts.get('default') ?? {};
    const events = script.events ?? FAKE_EVENTS;
    const cancelled: AnalysisOutcome = {
      status: 'cancelled',
      message: 'cancelled',
      commit: null,
      score: null,
      band: null,
      findings: null,
    };
    for (const [index, event] of events.entries()) {
      if (signal.aborted) break;
      onProgress(event);
      if (index === script.holdAfter) {
        await new Promise<void>((resolve) => {
          this.#releases.set(job.id, resolve);
          signal.addEventListener('abort', () => resolve(), { once: true });
        });
        this.#releases.delete(job.id);
      }
    }
    if (signal.aborted) {
      this.aborted.push(job.id);
      return cancelled;
    }
    if (script.throws !== undefined) throw new Error(script.throws);
    const outcome = script.outcome ?? {
      status: 'done',
      message: 'report ready',
      commit: '0123456789abcdef0123456789abcdef01234567',
      score: 0.42,
      band: 'moderate',
      findings: 3,
    };
    await mkdir(job.outDir, { recursive: true });
    await writeFile(path.join(job.outDir, 'container.log'), '[fetch] cloned\n');
    if (outcome.status === 'done') {
      await writeFile(
        path.join(job.outDir, 'report.json'),
        JSON.stringify({ schema_version: '1', id: job.id }),
      );
      await writeFile(path.join(job.outDir, 'report.sarif'), JSON.stringify({ version: '2.1.0' }));
      await writeFile(path.join(job.outDir, 'report.html'), FAKE_REPORT_HTML);
    }
    return outcome;
  };
}

/** Options of `startHarness`. */
export interface HarnessOptions {
  basePath?: string;
  token?: string;
  maxRunning?: number;
  maxWaiting?: number;
  timeoutSeconds?: number;
  heartbeatMs?: number;
  maxStreamMs?: number;
  /** An existing out base (a restart); default a new temporary folder. */
  outBase?: string;
  analyse?: AnalyseJob;
  runnerHealth?: RunnerHealth;
  containerCleanup?: ContainerCleanup;
  fileRepositoryRoot?: string;
  /** Collects the server's log lines when given. */
  logLines?: string[];
}

/** A running in-process service. */
export interface Harness {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The start page's URL. */
  root: string;
  paths: ServicePaths;
  context: WebContext;
  app: FastifyInstance;
  store: JobStore;
  queue: JobQueue;
  fake: FakeAnalysis;
  outBase: string;
  recovery: Recovery;
  /** What the queue reported through `onError` (a test expects none). */
  queueErrors: unknown[];
  /** Stops everything in order (running jobs end failed) and removes the out base unless `keep`. */
  close(options?: { keep?: boolean }): Promise<void>;
  /** Stops like a killed process: the server and database close, running jobs are left `running`. */
  crash(): Promise<void>;
}

/** Starts the service in-process on an ephemeral loopback port. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const outBase = options.outBase ?? (await mkdtemp(path.join(os.tmpdir(), 'csqa-web-')));
  const token = options.token ?? TEST_TOKEN;
  const basePath = options.basePath ?? '';
  const fake = new FakeAnalysis();
  const queueErrors: unknown[] = [];
  const store = openSqliteJobStore(path.join(outBase, 'csqa.db'));
  const hub = new JobEventHub();
  const queue = new JobQueue({
    store,
    hub,
    analyse: options.analyse ?? fake.analyse,
    outBase,
    maxRunning: options.maxRunning ?? 2,
    maxWaiting: options.maxWaiting ?? 50,
    timeoutSeconds: options.timeoutSeconds ?? 60,
    progressIntervalMs: 0,
    onError: (error) => queueErrors.push(error),
  });
  const paths = servicePaths(basePath, token);
  const context: WebContext = {
    basePath,
    token,
    paths,
    outBase,
    repositoryRules: {
      allowedHosts: ['github.com'],
      ...(options.fileRepositoryRoot === undefined ? {} : { fileRepositoryRoot: options.fileRepositoryRoot }),
    },
    queueLimit: options.maxWaiting ?? 50,
    store,
    queue,
    hub,
    checkRunner: async () => options.runnerHealth ?? { kind: 'fake', ok: true },
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxStreamMs: options.maxStreamMs ?? 60_000,
    streams: new Set(),
    now: Date.now,
    newJobId,
  };
  const logLines = options.logLines;
  const app = await buildWebServer(context, {
    logger:
      logLines === undefined
        ? false
        : { level: 'info', stream: redactingStream(token, { write: (line: string) => logLines.push(line) }) },
  });
  const recovery = await recoverAfterRestart(
    store,
    queue,
    outBase,
    30,
    options.containerCleanup ?? (async () => []),
    Date.now(),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  queue.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    origin,
    root: `${origin}${paths.root}`,
    paths,
    context,
    app,
    store,
    queue,
    fake,
    outBase,
    recovery,
    queueErrors,
    close: async ({ keep = false } = {}) => {
      if (!closed) {
        closed = true;
        await app.close();
        await queue.stop('the service stopped');
        store.close();
      }
      if (!keep) await rm(outBase, { recursive: true, force: true });
    },
    crash: async () => {
      closed = true;
      await app.close();
      store.close();
      // What a killed process would never do, but nothing of it may outlive the test: its held
      // jobs and timers end, and their writes fail against the closed database (into queueErrors).
      await queue.stop('crashed');
    },
  };
}

/** Submits a job over the API; returns the HTTP status and body. */
export async function submit(
  harness: Harness,
  repoUrl: string,
  ref = '',
): Promise<{
  status: number;
  body: {
    job?: { id: string; status: string; position: number | null };
    error?: { code: string; field?: string };
  };
}> {
  const response = await fetch(`${harness.origin}${harness.paths.apiJobs}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ repoUrl, ref }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Waits until `predicate` holds (polling), or fails after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until job `id` has status `status` in the store. */
export async function waitForStatus(
  harness: Harness,
  id: string,
  status: string,
  timeoutMs = 5000,
): Promise<void> {
  await waitFor(
    async () => (await harness.store.get(id))?.status === status,
    timeoutMs,
    `job ${id} to be ${status}`,
  );
}

/** One server-sent event as received. */
export interface ReceivedEvent {
  event: string;
  id: string | undefined;
  data: Record<string, unknown>;
}

/** An open event stream. */
export interface EventStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Events so far, in order. */
  events: ReceivedEvent[];
  /** Comment lines so far (heartbeats). */
  comments: string[];
  /** The `retry:` value, when sent. */
  retry: number | undefined;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Resolves once `count` events have arrived. */
  waitForEvents(count: number, timeoutMs?: number): Promise<ReceivedEvent[]>;
  /** Drops the connection from the client side. */
  disconnect(): void;
}

/** Opens `url` as an event stream (`Last-Event-ID` when given), resolving once the headers arrive. */
export function openEventStream(url: string, lastEventId?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      {
        headers: {
          accept: 'text/event-stream',
          ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
        },
      },
      (response) => {
        const stream: EventStream = {
          status: response.statusCode ?? 0,
          headers: response.headers,
          events: [],
          comments: [],
          retry: undefined,
          ended: new Promise<void>((resolveEnd) => {
            response.on('end', resolveEnd);
            response.on('close', resolveEnd);
            response.on('error', () => resolveEnd());
          }),
          waitForEvents: async (count, timeoutMs = 5000) => {
            await waitFor(() => stream.events.length >= count, timeoutMs, `${count} events`);
            return stream.events.slice(0, count);
          },
          disconnect: () => request.destroy(),
        };
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
              else {
                const colon = line.indexOf(':');
                fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
              }
            }
            if (fields.retry !== undefined) stream.retry = Number(fields.retry);
            if (fields.data !== undefined) {
              stream.events.push({
                event: fields.event ?? 'message',
                id: fields.id,
                data: JSON.parse(fields.data) as Record<string, unknown>,
              });
            }
          }
        });
        resolve(stream);
      },
    );
    request.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
}
