/**
 * The orchestrator (system.md "Parts", "Artifacts of a job"): runs one job through a runner —
 * fetch step, analysis step — and writes the job's artifacts into its out dir, each atomically:
 *
 *   report.json        the analyzer's report, with meta taken from the fetch step
 *   report.sarif       SARIF 2.1.0 of that report
 *   orchestrator.json  runner, image, mode, timings of each step, resource peaks, exit code, errors
 *   combined.json      {orchestrator, analyzer}
 *   container.log      the steps' own output; streamed into `container.log.partial` while the job
 *                      runs, renamed into place when it ends
 *   report.html        with `renderHtml`
 *
 * Exit codes and their precedence follow the original (reference §1.7): 2 runner failure,
 * 130 interrupted, 3 errors recorded, 5 timeout, 4 a step exited non-zero, 0 ok. Unlike the
 * original, a missing report is not also blamed on rendering when a step already failed.
 */
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressEvent } from '../progress.js';
import type { Report } from '../report/types.js';
import { toJsonText, writeFileAtomic } from '../report/write.js';
import { TOOL_VERSION } from '../version.js';
import { CHECKOUT_LAYOUT } from './fetch-step.js';
import { addTransitiveDependencies } from './transitive-details.js';
import { checkoutDirFor, createCheckoutDir, replaceJobDir } from './out-dir.js';
import { combinePeaks } from './resource-peaks.js';
import {
  JOB_EXIT,
  RunnerError,
  type FetchRecord,
  type JobError,
  type JobEvents,
  type JobExitCode,
  type JobOutcome,
  type JobSpec,
  type OrchestratorRecord,
  type Runner,
  type StepName,
} from './types.js';

/** File names of a job's artifacts in its out dir. */
export const JOB_ARTIFACTS = {
  report: 'report.json',
  sarif: 'report.sarif',
  orchestrator: 'orchestrator.json',
  combined: 'combined.json',
  log: 'container.log',
  html: 'report.html',
} as const;

/** Suffix of the log while the job runs (a reader can follow it; the final name appears at the end). */
export const PARTIAL_LOG_SUFFIX = '.partial';

/**
 * Runs `job` with `runner` and writes every artifact into `job.outDir`, which it replaces
 * first (nothing else in the out base is touched). Progress and log lines go to `events` as
 * they happen, ending with one `done`, `failed` or `cancelled` event; aborting `signal` stops
 * the running step (its container is still removed) and ends the job with 130. The checkout
 * folder is deleted before this settles.
 *
 * Never rejects for a failure of the job itself: that is the outcome's exit code and the
 * record's `errors`. It rejects only when the out dir cannot be created.
 */
export async function runJob(
  job: JobSpec,
  runner: Runner,
  events: JobEvents,
  signal: AbortSignal,
): Promise<JobOutcome> {
  const wallStart = performance.now();
  const record = initialRecord(job, runner);
  const artifacts: string[] = [];
  await replaceJobDir(job.outDir);
  const log = await openLog(job.outDir);
  const checkoutDir = checkoutDirFor(job.outBase, job.id);
  let runnerFailure: string | null = null;
  let report: Report | null = null;

  events.onProgress({ stage: 'queued', done: 0, total: 0, message: `job ${job.id}` });
  try {
    try {
      const built = await runner.prepare(
        job.mode,
        { ...events, onLog: (line) => log.write('prepare', line, events) },
        signal,
      );
      if (built !== null) record.timings.build_image_sec = built;
      await createCheckoutDir(checkoutDir);
      const deadline = job.timeoutSeconds > 0 ? performance.now() + job.timeoutSeconds * 1000 : null;
      for (const step of ['fetch', 'analysis'] as const) {
        if (signal.aborted) {
          record.interrupted = true;
          break;
        }
        const stepRecord = await runner.runStep(
          { job, step, checkoutDir, timeoutSeconds: remainingSeconds(deadline) },
          { onProgress: events.onProgress, onLog: (line) => log.write(step, line, events) },
          signal,
        );
        record.steps.push(stepRecord);
        record.errors.push(...stepRecord.errors);
        record.timings[`${step}_sec`] = stepRecord.timings.total_sec;
        if (stepRecord.timed_out) record.timed_out = true;
        if (stepRecord.interrupted) record.interrupted = true;
        if (stepRecord.exit_code !== 0) break;
      }
    } catch (error) {
      if (!(error instanceof RunnerError)) throw error;
      // A build or a container creation cut short by the cancel is the cancel, not a runner failure.
      if (signal.aborted) {
        record.interrupted = true;
      } else {
        runnerFailure = error.message;
        record.errors.push({ step: 'runner', error: error.message });
      }
    }
    record.stats = combinePeaks(record.steps.map((s) => s.stats));
    report = await readReport(job, checkoutDir, record.errors);
    if (report !== null) {
      await writeArtifact(job.outDir, JOB_ARTIFACTS.report, toJsonText(report), artifacts, record.errors);
      await writeArtifact(
        job.outDir,
        JOB_ARTIFACTS.sarif,
        toJsonText(await toSarif(report)),
        artifacts,
        record.errors,
      );
    }
  } catch (error) {
    record.errors.push({ step: 'orchestrator', error: oneLine(error) });
  } finally {
    await rm(checkoutDir, { recursive: true, force: true }).catch((error: unknown) => {
      record.errors.push({ step: 'cleanup', error: `cannot delete the checkout: ${oneLine(error)}` });
    });
  }

  const stepsSucceeded = record.steps.length === 2 && record.steps.every((s) => s.exit_code === 0);
  const combinedPath = path.join(job.outDir, JOB_ARTIFACTS.combined);
  const writeRecords = async (): Promise<void> => {
    record.exit_code = exitCodeOf(record, runnerFailure);
    record.meta.finished_at_unix = Date.now() / 1000;
    record.timings.total_wall_sec = Math.round(performance.now() - wallStart) / 1000;
    await writeArtifact(job.outDir, JOB_ARTIFACTS.orchestrator, toJsonText(record), artifacts, record.errors);
    await writeArtifact(
      job.outDir,
      JOB_ARTIFACTS.combined,
      toJsonText({ orchestrator: record, analyzer: report }),
      artifacts,
      record.errors,
    );
  };
  await writeRecords();
  if (job.renderHtml && report === null && stepsSucceeded) {
    record.errors.push({ step: 'render_html', error: 'analyzer report missing; cannot render HTML report' });
  } else if (job.renderHtml && report !== null) {
    events.onProgress({ stage: 'render', done: 0, total: 1, message: JOB_ARTIFACTS.html });
    const renderStarted = performance.now();
    const htmlPath = path.join(job.outDir, JOB_ARTIFACTS.html);
    try {
      const { renderReportFile } = await import('../render/render-file.js');
      await renderReportFile(combinedPath, htmlPath, { maxGraphNodes: job.maxGraphNodes });
      record.meta.html_report_path = htmlPath;
      artifacts.push(htmlPath);
    } catch (error) {
      record.errors.push({ step: 'render_html', error: oneLine(error) });
    }
    record.timings.render_html_sec = Math.round(performance.now() - renderStarted) / 1000;
  }
  await log.finish(record.errors).then(
    (file) => artifacts.push(file),
    (error: unknown) => record.errors.push({ step: 'logs', error: oneLine(error) }),
  );
  // Written again, so that both records include rendering, the log and the final exit code.
  await writeRecords();

  const exitCode = exitCodeOf(record, runnerFailure);
  const message = outcomeMessage(exitCode, record, runnerFailure, job.outDir);
  events.onProgress(endEvent(exitCode, message));
  return { exitCode, message, orchestrator: record, artifacts };
}

function initialRecord(job: JobSpec, runner: Runner): OrchestratorRecord {
  return {
    meta: {
      tool: { name: 'csqa-metrics', version: TOOL_VERSION },
      job_id: job.id,
      runner: runner.kind,
      image: runner.imageFor(job.mode),
      mode: job.mode,
      repo_url: job.repoUrl,
      ref: job.ref,
      out_dir: path.relative(job.outBase, job.outDir).split(path.sep).join('/'),
      started_at_unix: Date.now() / 1000,
      finished_at_unix: null,
    },
    timings: {},
    steps: [],
    stats: { samples: 0, max_cpu_perc: null, max_mem_used_bytes: null, max_mem_perc: null },
    exit_code: null,
    timed_out: false,
    interrupted: false,
    errors: [],
  };
}

/** Seconds left until `deadline` (a `performance.now()` value), at least 1; 0 = no limit. */
function remainingSeconds(deadline: number | null): number {
  if (deadline === null) return 0;
  return Math.max(1, Math.ceil((deadline - performance.now()) / 1000));
}

/**
 * The job's exit code from its record, in the original's precedence: runner failure 2,
 * interrupted 130, errors 3, timeout 5, a step exited non-zero 4, else 0.
 */
export function exitCodeOf(record: OrchestratorRecord, runnerFailure: string | null): JobExitCode {
  if (runnerFailure !== null) return JOB_EXIT.runnerFailure;
  if (record.interrupted) return JOB_EXIT.interrupted;
  if (record.errors.length > 0) return JOB_EXIT.orchestratorError;
  if (record.timed_out) return JOB_EXIT.timedOut;
  if (record.steps.some((s) => s.exit_code !== 0)) return JOB_EXIT.stepFailed;
  return JOB_EXIT.ok;
}

function outcomeMessage(
  exitCode: JobExitCode,
  record: OrchestratorRecord,
  runnerFailure: string | null,
  outDir: string,
): string {
  const logFile = path.join(outDir, JOB_ARTIFACTS.log);
  switch (exitCode) {
    case JOB_EXIT.ok:
      return `ok: ${outDir}`;
    case JOB_EXIT.runnerFailure:
      return `runner failure: ${runnerFailure ?? 'unknown'}`;
    case JOB_EXIT.interrupted:
      return `interrupted; every container was stopped and removed, see ${logFile}`;
    case JOB_EXIT.orchestratorError:
      return `errors: ${record.errors.map((e) => `${e.step}: ${e.error}`).join('; ')}`;
    case JOB_EXIT.timedOut:
      return `timed out after ${record.steps.reduce((sum, s) => sum + s.timings.total_sec, 0).toFixed(0)}s, see ${logFile}`;
    case JOB_EXIT.stepFailed: {
      const failed = record.steps.find((s) => s.exit_code !== 0);
      return `${failed?.step ?? 'a'} step exited with code ${failed?.exit_code ?? 'unknown'}, see ${logFile}`;
    }
  }
}

function endEvent(exitCode: JobExitCode, message: string): ProgressEvent {
  const stage =
    exitCode === JOB_EXIT.ok ? 'done' : exitCode === JOB_EXIT.interrupted ? 'cancelled' : 'failed';
  return { stage, done: 1, total: 1, message };
}

/**
 * The analyzer's `report.json` from the out dir with what only the fetch step knows stamped
 * into it — the analysis step saw a read-only folder, not the URL — and, in full mode, the
 * transitive dependencies in E1's details. null when there is none (recorded in `errors` when it
 * exists but cannot be read).
 */
async function readReport(job: JobSpec, checkoutDir: string, errors: JobError[]): Promise<Report | null> {
  let text: string;
  try {
    text = await readFile(path.join(job.outDir, JOB_ARTIFACTS.report), 'utf8');
  } catch {
    return null;
  }
  let report: Report;
  try {
    report = JSON.parse(text) as Report;
  } catch (error) {
    errors.push({ step: 'read_report', error: oneLine(error) });
    return null;
  }
  const fetched = await readFile(path.join(checkoutDir, CHECKOUT_LAYOUT.record), 'utf8').then(
    (fetchText) => JSON.parse(fetchText) as FetchRecord,
    () => null,
  );
  if (fetched !== null && typeof report.meta === 'object' && report.meta !== null) {
    report.meta.repo_url = fetched.repo_url;
    report.meta.ref = fetched.ref;
    report.meta.git_head = fetched.git_head;
    report.meta.git_branch = fetched.git_branch;
    report.meta.source = 'git';
    report.meta.mode = job.mode;
    if (typeof report.timings === 'object' && report.timings !== null)
      report.timings.clone_sec = fetched.clone_sec;
  }
  if (job.mode === 'full')
    await addTransitiveDependencies(report, path.join(checkoutDir, CHECKOUT_LAYOUT.maven));
  return report;
}

/** SARIF 2.1.0 of `report` with the metric registry's rules, as `csqa analyze` writes it. */
async function toSarif(report: Report): Promise<unknown> {
  const [{ toSarif: sarifOf }, { METRICS }] = await Promise.all([
    import('../report/sarif.js'),
    import('../metrics/registry.js'),
  ]);
  return sarifOf(report, { rules: METRICS.flatMap((metric) => Object.values(metric.meta.findings)) });
}

/** Writes one artifact atomically; a failure becomes an error of step `write_artifacts`. */
async function writeArtifact(
  outDir: string,
  name: string,
  text: string,
  written: string[],
  errors: JobError[],
): Promise<void> {
  const file = path.join(outDir, name);
  try {
    await writeFileAtomic(file, text);
    if (!written.includes(file)) written.push(file);
  } catch (error) {
    errors.push({ step: 'write_artifacts', error: `${name}: ${oneLine(error)}` });
  }
}

/** `container.log` while it is written: whole lines appended as they come, renamed into place at the end. */
interface JobLog {
  /** Appends `[step] line` and passes the line to `events.onLog`. */
  write(step: StepName | 'prepare', line: string, events: JobEvents): void;
  /** Appends the job's errors, flushes, closes and renames the log into place; returns its path. */
  finish(errors: readonly JobError[]): Promise<string>;
}

async function openLog(outDir: string): Promise<JobLog> {
  const finalPath = path.join(outDir, JOB_ARTIFACTS.log);
  const partialPath = finalPath + PARTIAL_LOG_SUFFIX;
  const handle: FileHandle = await open(partialPath, 'w', 0o644);
  // Appends are chained so that lines keep their order and the file is complete before the rename.
  let writing: Promise<unknown> = Promise.resolve();
  const append = (text: string): void => {
    writing = writing.then(() => handle.appendFile(text)).catch(() => undefined);
  };
  return {
    write: (step, line, events) => {
      const tagged = `[${step}] ${line}`;
      append(`${tagged}\n`);
      events.onLog(tagged);
    },
    finish: async (errors) => {
      for (const error of errors) append(`[orchestrator] error in ${error.step}: ${error.error}\n`);
      await writing;
      await handle.sync().catch(() => undefined);
      await handle.close();
      await rename(partialPath, finalPath);
      return finalPath;
    },
  };
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? '';
}
