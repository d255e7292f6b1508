/**
 * The web service's jobs and their progress events, kept in SQLite at `${CSQA_OUT_DIR}/csqa.db`
 * next to the reports, so a restart loses neither (system.md "Web service").
 *
 * The store is the queue's memory behind a small asynchronous interface — enqueue, claim,
 * record progress, finish — so that a later Redis-backed queue (BullMQ) can replace it without
 * touching routes or runners. SQLite runs in WAL mode; every change that touches two rows is
 * one transaction.
 */
import Database from 'better-sqlite3';
import type { ProgressEvent, ProgressStage } from '../progress.js';

/** A job's life: `queued → running → done | failed | cancelled` (a queued job may be cancelled directly). */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** The end states. */
export const FINISHED_STATUSES: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

/** A job as stored. Times are Unix milliseconds. */
export interface JobRecord {
  id: string;
  /** Canonical URL handed to git. */
  repoUrl: string;
  /** `owner/repo`, for people. */
  repoName: string;
  /** Ref asked for, `''` for the default branch. */
  ref: string;
  status: JobStatus;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /**
   * The latest progress of the work: stage and counts of the last working event (so a failed
   * job still tells where it stopped), message of the latest event (for a finished job, its end).
   */
  progress: ProgressEvent;
  /** Commit analysed (`git_head` of the report), once known. */
  commit: string | null;
  /** Aggregate risk score in [0, 1] and its band, once the report exists and has one. */
  score: number | null;
  band: string | null;
  /** Findings in the report. */
  findings: number | null;
  /** Why the job failed or was cancelled, one line. */
  error: string | null;
  /** Sequence number of the job's latest event (0 before any). */
  lastEventSeq: number;
}

/** One progress event as stored, numbered per job so a client can resume after `seq`. */
export interface StoredEvent extends ProgressEvent {
  seq: number;
  /** When it was recorded, Unix milliseconds. */
  at: number;
  /** Place in the queue (1 = next) while queued, else null. */
  position: number | null;
}

/** A job to add. */
export interface NewJob {
  id: string;
  repoUrl: string;
  repoName: string;
  ref: string;
}

/** How a job ended, as the queue reports it. */
export interface JobResult {
  status: 'done' | 'failed' | 'cancelled';
  /** One line for people (the end event's message). */
  message: string;
  /** Set for `failed` and `cancelled`: the reason. */
  error: string | null;
  commit: string | null;
  score: number | null;
  band: string | null;
  findings: number | null;
}

/** Bounds of the queue checked at enqueue. */
export interface QueueBounds {
  /** Jobs that may run at once. */
  maxRunning: number;
  /** Jobs that may wait beyond the running ones. */
  maxWaiting: number;
}

/** The job store the queue and routes use; every method may be backed by another process. */
export interface JobStore {
  /**
   * Adds a queued job and its first event, unless the queue is full: `queued + running` already
   * at `maxRunning + maxWaiting`. Returns null when full.
   */
  enqueue(
    job: NewJob,
    bounds: QueueBounds,
    now: number,
  ): Promise<{ job: JobRecord; event: StoredEvent } | null>;
  /** Moves the oldest queued job to `running` and returns it, or null when none waits. */
  claim(now: number): Promise<JobRecord | null>;
  /** Records a progress event of a job and returns it numbered; null when the job is gone. */
  recordProgress(
    id: string,
    event: ProgressEvent,
    position: number | null,
    now: number,
  ): Promise<StoredEvent | null>;
  /** Ends a running (or queued) job with `result` and records its end event; null when it had already ended. */
  finish(id: string, result: JobResult, now: number): Promise<{ job: JobRecord; event: StoredEvent } | null>;
  get(id: string): Promise<JobRecord | null>;
  /** Jobs newest first. */
  list(limit: number, offset: number): Promise<{ jobs: JobRecord[]; total: number }>;
  /** Queued jobs, oldest (next to run) first. */
  queued(): Promise<JobRecord[]>;
  /** Events of a job after `afterSeq`, in order. */
  eventsAfter(id: string, afterSeq: number): Promise<StoredEvent[]>;
  /** Deletes a finished job and its events; false when it is not finished (or not there). */
  deleteFinished(id: string): Promise<boolean>;
  /** Marks every `running` job `failed` with `reason` (they belonged to a process that died); returns them. */
  failRunning(reason: string, now: number): Promise<JobRecord[]>;
  /** Deletes finished jobs that ended before `before`; returns their ids. */
  pruneFinishedBefore(before: number): Promise<string[]>;
  /** Throws when the store cannot answer a query. */
  check(): Promise<void>;
  close(): void;
}

interface JobRow {
  id: string;
  repo_url: string;
  repo_name: string;
  ref: string;
  status: JobStatus;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  stage: ProgressStage;
  done: number;
  total: number;
  message: string;
  commit_sha: string | null;
  score: number | null;
  band: string | null;
  findings: number | null;
  error: string | null;
  last_event_seq: number;
}

interface EventRow {
  seq: number;
  at: number;
  stage: ProgressStage;
  done: number;
  total: number;
  message: string;
  position: number | null;
}

/** Schema changes in order; `user_version` counts those applied. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     repo_url TEXT NOT NULL,
     repo_name TEXT NOT NULL,
     ref TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
     created_at INTEGER NOT NULL,
     started_at INTEGER,
     finished_at INTEGER,
     stage TEXT NOT NULL,
     done INTEGER NOT NULL,
     total INTEGER NOT NULL,
     message TEXT NOT NULL,
     commit_sha TEXT,
     score REAL,
     band TEXT,
     findings INTEGER,
     error TEXT,
     last_event_seq INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX jobs_by_status ON jobs (status, finished_at);
   CREATE TABLE job_events (
     job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     at INTEGER NOT NULL,
     stage TEXT NOT NULL,
     done INTEGER NOT NULL,
     total INTEGER NOT NULL,
     message TEXT NOT NULL,
     position INTEGER,
     PRIMARY KEY (job_id, seq)
   ) WITHOUT ROWID;`,
];

/**
 * Opens (creating when needed) the SQLite job store at `file` (`:memory:` for a throwaway one)
 * and brings its schema up to date.
 *
 * @throws better-sqlite3's error when the file cannot be opened or is not a database.
 */
export function openSqliteJobStore(file: string): JobStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Another process (a second web instance, a backup) may hold the lock for a moment.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  migrate(db);

  const selectJob = db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?');
  const insertJob = db.prepare(
    `INSERT INTO jobs (id, repo_url, repo_name, ref, status, created_at, stage, done, total, message)
     VALUES (@id, @repoUrl, @repoName, @ref, 'queued', @now, 'queued', 0, 0, '')`,
  );
  const countActive = db.prepare<[], { n: number }>(
    `SELECT COUNT(*) AS n FROM jobs WHERE status IN ('queued', 'running')`,
  );
  const claimNext = db.prepare<[number], JobRow>(
    `UPDATE jobs SET status = 'running', started_at = ?
     WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY rowid LIMIT 1)
     RETURNING *`,
  );
  const bumpSeq = db.prepare<[ProgressStage, number, number, string, string], { last_event_seq: number }>(
    `UPDATE jobs SET stage = ?, done = ?, total = ?, message = ?, last_event_seq = last_event_seq + 1
     WHERE id = ? RETURNING last_event_seq`,
  );
  // An end event keeps the stage and counts reached and only sets the message.
  const bumpSeqAtEnd = db.prepare<[string, string], { last_event_seq: number }>(
    `UPDATE jobs SET message = ?, last_event_seq = last_event_seq + 1 WHERE id = ? RETURNING last_event_seq`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO job_events (job_id, seq, at, stage, done, total, message, position)
     VALUES (@id, @seq, @at, @stage, @done, @total, @message, @position)`,
  );
  const finishJob = db.prepare<
    [
      JobResult['status'],
      number,
      string | null,
      string | null,
      number | null,
      string | null,
      number | null,
      string,
    ],
    JobRow
  >(
    `UPDATE jobs SET status = ?, finished_at = ?, error = ?, commit_sha = ?, score = ?, band = ?, findings = ?
     WHERE id = ? AND status IN ('queued', 'running') RETURNING *`,
  );
  const listJobs = db.prepare<[number, number], JobRow>(
    'SELECT * FROM jobs ORDER BY rowid DESC LIMIT ? OFFSET ?',
  );
  const countJobs = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM jobs');
  const queuedJobs = db.prepare<[], JobRow>(`SELECT * FROM jobs WHERE status = 'queued' ORDER BY rowid`);
  const selectEvents = db.prepare<[string, number], EventRow>(
    'SELECT seq, at, stage, done, total, message, position FROM job_events WHERE job_id = ? AND seq > ? ORDER BY seq',
  );
  const deleteJob = db.prepare<[string]>(
    `DELETE FROM jobs WHERE id = ? AND status IN ('done', 'failed', 'cancelled')`,
  );
  const runningIds = db.prepare<[], { id: string }>(`SELECT id FROM jobs WHERE status = 'running'`);
  const pruneJobs = db.prepare<[number], { id: string }>(
    `DELETE FROM jobs WHERE status IN ('done', 'failed', 'cancelled') AND finished_at < ? RETURNING id`,
  );

  const appendEvent = (
    id: string,
    event: ProgressEvent,
    position: number | null,
    now: number,
  ): StoredEvent | null => {
    const ends = event.stage === 'done' || event.stage === 'failed' || event.stage === 'cancelled';
    const bumped = ends
      ? bumpSeqAtEnd.get(event.message, id)
      : bumpSeq.get(event.stage, event.done, event.total, event.message, id);
    if (bumped === undefined) return null;
    const stored: StoredEvent = { ...event, seq: bumped.last_event_seq, at: now, position };
    insertEvent.run({ id, ...stored });
    return stored;
  };
  const enqueueTx = db.transaction((job: NewJob, bounds: QueueBounds, now: number) => {
    if ((countActive.get()?.n ?? 0) >= bounds.maxRunning + bounds.maxWaiting) return null;
    insertJob.run({ ...job, now });
    const position = queuedJobs.all().length;
    const event = appendEvent(job.id, { stage: 'queued', done: 0, total: 0, message: '' }, position, now);
    const stored = selectJob.get(job.id);
    return stored === undefined || event === null ? null : { job: toJob(stored), event };
  });
  const finishTx = db.transaction((id: string, result: JobResult, now: number) => {
    const row = finishJob.get(
      result.status,
      now,
      result.error,
      result.commit,
      result.score,
      result.band,
      result.findings,
      id,
    );
    if (row === undefined) return null;
    const event = appendEvent(
      id,
      { stage: result.status, done: 1, total: 1, message: result.message },
      null,
      now,
    );
    const stored = selectJob.get(id);
    return stored === undefined || event === null ? null : { job: toJob(stored), event };
  });
  const failRunningTx = db.transaction((reason: string, now: number) => {
    const failed: JobRecord[] = [];
    for (const { id } of runningIds.all()) {
      const result: JobResult = {
        status: 'failed',
        message: reason,
        error: reason,
        commit: null,
        score: null,
        band: null,
        findings: null,
      };
      const ended = finishTx(id, result, now);
      if (ended !== null) failed.push(ended.job);
    }
    return failed;
  });

  return {
    enqueue: async (job, bounds, now) => enqueueTx.immediate(job, bounds, now),
    claim: async (now) => {
      const row = claimNext.get(now);
      return row === undefined ? null : toJob(row);
    },
    recordProgress: async (id, event, position, now) =>
      db.transaction(() => appendEvent(id, event, position, now)).immediate(),
    finish: async (id, result, now) => finishTx.immediate(id, result, now),
    get: async (id) => {
      const row = selectJob.get(id);
      return row === undefined ? null : toJob(row);
    },
    list: async (limit, offset) => ({
      jobs: listJobs.all(limit, offset).map(toJob),
      total: countJobs.get()?.n ?? 0,
    }),
    queued: async () => queuedJobs.all().map(toJob),
    eventsAfter: async (id, afterSeq) => selectEvents.all(id, afterSeq).map((row) => ({ ...row })),
    deleteFinished: async (id) => deleteJob.run(id).changes > 0,
    failRunning: async (reason, now) => failRunningTx.immediate(reason, now),
    pruneFinishedBefore: async (before) => pruneJobs.all(before).map((row) => row.id),
    check: async () => {
      db.prepare('SELECT 1').get();
    },
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  for (let version = applied; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    repoUrl: row.repo_url,
    repoName: row.repo_name,
    ref: row.ref,
    status: row.status,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    progress: { stage: row.stage, done: row.done, total: row.total, message: row.message },
    commit: row.commit_sha,
    score: row.score,
    band: row.band,
    findings: row.findings,
    error: row.error,
    lastEventSeq: row.last_event_seq,
  };
}
