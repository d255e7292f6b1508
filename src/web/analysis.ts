/**
 * The queue's analysis in the service: the orchestrator's `runJob` with a runner (local child
 * processes or Docker containers), fast mode, `report.html` rendered — and what the job list
 * shows of the result, read back from the job's `report.json`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressEvent } from '../progress.js';
import type { Report } from '../report/types.js';
import { JOB_ARTIFACTS, runJob } from '../runner/orchestrator.js';
import { JOB_EXIT, type JobLimits, type JobOutcome, type JobSpec, type Runner } from '../runner/types.js';
import type { AnalyseJob, AnalysisOutcome } from './job-queue.js';

/** The orchestrator's entry point, as `runJob` of orchestrator.ts; tests pass a stand-in. */
export type RunJob = typeof runJob;

/** What every job of the service shares. */
export interface AnalysisSetup {
  runner: Runner;
  /** Absolute `CSQA_OUT_DIR`. */
  outBase: string;
  limits: JobLimits;
  /** Most call-graph nodes drawn in `report.html` (default 500, as `csqa run`). */
  maxGraphNodes?: number;
  /** Default: the orchestrator's `runJob`. */
  runJob?: RunJob;
}

/** How many of the steps' last log lines a failure message may quote. */
const QUOTED_LOG_LINES = 1;

/**
 * An `AnalyseJob` that runs each job in fast mode through `setup.runner`. Its outcome is `done`
 * for exit 0, `cancelled` for 130 and `failed` otherwise; a failure's message quotes the last
 * line the steps printed (typically git's or the analyzer's reason), never a local path.
 */
export function analyseWithRunner(setup: AnalysisSetup): AnalyseJob {
  const run = setup.runJob ?? runJob;
  return async (request, onProgress, signal) => {
    const spec: JobSpec = {
      id: request.id,
      repoUrl: request.repoUrl,
      ref: request.ref,
      mode: 'fast',
      outBase: setup.outBase,
      outDir: request.outDir,
      renderHtml: true,
      maxGraphNodes: setup.maxGraphNodes ?? 500,
      timeoutSeconds: request.timeoutSeconds,
      limits: setup.limits,
    };
    const lastLines: string[] = [];
    const outcome = await run(
      spec,
      setup.runner,
      {
        // The orchestrator's own `queued` marks the start of a job the queue already shows as running.
        onProgress: (event: ProgressEvent) => {
          if (event.stage !== 'queued') onProgress(event);
        },
        onLog: (line: string) => {
          if (line.trim() === '') return;
          lastLines.push(line);
          if (lastLines.length > QUOTED_LOG_LINES) lastLines.shift();
        },
      },
      signal,
    );
    return { ...(await reportSummary(request.outDir)), ...statusOf(outcome, lastLines) };
  };
}

function statusOf(outcome: JobOutcome, lastLines: string[]): Pick<AnalysisOutcome, 'status' | 'message'> {
  if (outcome.exitCode === JOB_EXIT.ok) return { status: 'done', message: 'report ready' };
  if (outcome.exitCode === JOB_EXIT.interrupted) return { status: 'cancelled', message: 'cancelled' };
  // "…, see /app/out/jobs/<id>/container.log": the page links the log; the path means nothing to a user.
  const message = outcome.message.replace(/,? see \/\S+$/, '');
  const quoted = lastLines.map((line) => line.replace(/^\[(?:fetch|analysis|prepare)\] /, '')).join(' ');
  return { status: 'failed', message: quoted === '' ? message : `${message}: ${quoted}` };
}

/** Commit, score, band and findings of the job's `report.json`; nulls when it is missing or unreadable. */
export async function reportSummary(
  outDir: string,
): Promise<Pick<AnalysisOutcome, 'commit' | 'score' | 'band' | 'findings'>> {
  try {
    const report = JSON.parse(
      await readFile(path.join(outDir, JOB_ARTIFACTS.report), 'utf8'),
    ) as Partial<Report>;
    const aggregate = report.metrics?.aggregate;
    return {
      commit:
        typeof report.meta?.git_head === 'string' && report.meta.git_head !== ''
          ? report.meta.git_head
          : null,
      score: typeof aggregate?.score === 'number' ? aggregate.score : null,
      band: typeof aggregate?.band === 'string' ? aggregate.band : null,
      findings: Array.isArray(report.findings) ? report.findings.length : null,
    };
  } catch {
    return { commit: null, score: null, band: null, findings: null };
  }
}
