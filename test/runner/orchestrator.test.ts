import assert from 'node:assert/strict';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ProgressEvent } from '../../src/progress.js';
import { tempFolder } from './temp-folder.js';
import { exitCodeOf, JOB_ARTIFACTS, PARTIAL_LOG_SUFFIX, runJob } from '../../src/runner/orchestrator.js';
import { emptyPeaks } from '../../src/runner/resource-peaks.js';
import {
  JOB_EXIT,
  RunnerError,
  type FetchRecord,
  type JobSpec,
  type OrchestratorRecord,
  type Runner,
  type StepRecord,
  type StepSpec,
} from '../../src/runner/types.js';
import { fakeReport } from '../cli/fake-report.js';

async function newJob(overrides: Partial<JobSpec> = {}): Promise<JobSpec> {
  const outBase = path.join(await tempFolder('csqa-orch-'), 'out');
  return {
    id: 'job-1',
    repoUrl: 'https://example.invalid/o/r.git',
    ref: '',
    mode: 'fast',
    outBase,
    outDir: path.join(outBase, 'job'),
    renderHtml: false,
    maxGraphNodes: 500,
    timeoutSeconds: 0,
    limits: { cpus: 1, memoryBytes: 2 ** 31, pids: 512 },
    ...overrides,
  };
}

function stepRecord(spec: StepSpec, changes: Partial<StepRecord> = {}): StepRecord {
  return {
    step: spec.step,
    container_name: null,
    container_id: null,
    pid: null,
    exit_code: 0,
    timed_out: false,
    interrupted: false,
    timings: { create_sec: 0, start_sec: 0, wait_sec: 0, stop_sec: null, remove_sec: null, total_sec: 0.5 },
    stats: emptyPeaks(),
    errors: [],
    ...changes,
  };
}

const FETCHED: FetchRecord = {
  repo_url: 'https://example.invalid/o/r.git',
  ref: 'main',
  git_head: 'a'.repeat(40),
  git_branch: 'main',
  clone_sec: 0.25,
  maven: null,
};

/** A runner whose steps write what real ones would, with per-step changes to their records. */
function fakeRunner(
  changes: { fetch?: Partial<StepRecord>; analysis?: Partial<StepRecord>; writeReport?: boolean } = {},
): Runner & { specs: StepSpec[] } {
  const specs: StepSpec[] = [];
  return {
    kind: 'local',
    specs,
    imageFor: () => null,
    prepare: async () => null,
    runStep: async (spec, events) => {
      specs.push(spec);
      events.onLog(`${spec.step} says hello`);
      if (spec.step === 'fetch') {
        events.onProgress({ stage: 'clone', done: 1, total: 1, message: 'Receiving objects' });
        await writeFile(path.join(spec.checkoutDir, 'fetch.json'), JSON.stringify(FETCHED));
        return stepRecord(spec, changes.fetch);
      }
      if (changes.writeReport !== false) {
        await writeFile(path.join(spec.job.outDir, 'report.json'), JSON.stringify(fakeReport(0.4, ['high'])));
      }
      return stepRecord(spec, changes.analysis);
    },
  };
}

const quiet = { onProgress: () => undefined, onLog: () => undefined };

describe('runJob', () => {
  it('writes report.json, report.sarif, orchestrator.json, combined.json and container.log', async () => {
    const job = await newJob();
    const events: ProgressEvent[] = [];
    const logged: string[] = [];
    const outcome = await runJob(
      job,
      fakeRunner(),
      { onProgress: (e) => events.push(e), onLog: (l) => logged.push(l) },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.ok);
    assert.deepEqual((await readdir(job.outDir)).sort(), [
      'combined.json',
      'container.log',
      'orchestrator.json',
      'report.json',
      'report.sarif',
    ]);
    const combined = JSON.parse(await readFile(path.join(job.outDir, JOB_ARTIFACTS.combined), 'utf8'));
    assert.equal(combined.orchestrator.exit_code, 0);
    assert.deepEqual(
      combined.orchestrator.steps.map((s: StepRecord) => s.step),
      ['fetch', 'analysis'],
    );
    // The analysis step saw a folder; the fetch step's record says what it was.
    assert.equal(combined.analyzer.meta.repo_url, FETCHED.repo_url);
    assert.equal(combined.analyzer.meta.git_head, FETCHED.git_head);
    assert.equal(combined.analyzer.meta.source, 'git');
    assert.equal(combined.analyzer.timings.clone_sec, 0.25);
    assert.equal(JSON.parse(await readFile(path.join(job.outDir, 'report.sarif'), 'utf8')).version, '2.1.0');
    assert.deepEqual(logged, ['[fetch] fetch says hello', '[analysis] analysis says hello']);
    assert.match(
      await readFile(path.join(job.outDir, JOB_ARTIFACTS.log), 'utf8'),
      /\[analysis] analysis says hello/,
    );
    assert.deepEqual(
      events.map((e) => e.stage),
      ['queued', 'clone', 'done'],
    );
  });

  it('streams the log into container.log.partial while a step runs', async () => {
    const job = await newJob();
    let seenWhileRunning = '';
    const runner: Runner = {
      ...fakeRunner(),
      runStep: async (spec, events) => {
        events.onLog('first line');
        await new Promise((resolve) => setTimeout(resolve, 50));
        seenWhileRunning = await readFile(
          path.join(job.outDir, JOB_ARTIFACTS.log + PARTIAL_LOG_SUFFIX),
          'utf8',
        );
        return stepRecord(spec, { exit_code: 1 });
      },
    };
    await runJob(job, runner, quiet, new AbortController().signal);
    assert.equal(seenWhileRunning, '[fetch] first line\n');
  });

  it('replaces the job directory only and deletes the checkout at the end', async () => {
    const job = await newJob();
    await mkdir(job.outDir, { recursive: true });
    await writeFile(path.join(job.outDir, 'stale.txt'), 'old');
    await mkdir(path.join(job.outBase, 'other-job'));
    await writeFile(path.join(job.outBase, 'other-job', 'report.json'), '{}');
    const runner = fakeRunner();
    await runJob(job, runner, quiet, new AbortController().signal);
    await assert.rejects(access(path.join(job.outDir, 'stale.txt')));
    await access(path.join(job.outBase, 'other-job', 'report.json'));
    assert.equal(runner.specs[0]?.checkoutDir, path.join(job.outBase, '.work', 'job-1'));
    await assert.rejects(access(runner.specs[0]?.checkoutDir ?? ''));
  });

  it('exits 2 when the runner cannot prepare, writing orchestrator.json with the reason', async () => {
    const job = await newJob();
    const runner: Runner = {
      ...fakeRunner(),
      prepare: async () => {
        throw new RunnerError('the Docker daemon does not answer');
      },
    };
    const outcome = await runJob(job, runner, quiet, new AbortController().signal);
    assert.equal(outcome.exitCode, JOB_EXIT.runnerFailure);
    const record = JSON.parse(await readFile(path.join(job.outDir, JOB_ARTIFACTS.orchestrator), 'utf8'));
    assert.deepEqual(record.errors, [{ step: 'runner', error: 'the Docker daemon does not answer' }]);
    assert.deepEqual(record.steps, []);
  });

  it('exits 4 when the fetch step fails, skipping the analysis and not blaming the renderer', async () => {
    const job = await newJob({ renderHtml: true });
    const runner = fakeRunner({ fetch: { exit_code: 1 } });
    const outcome = await runJob(job, runner, quiet, new AbortController().signal);
    assert.equal(outcome.exitCode, JOB_EXIT.stepFailed);
    assert.deepEqual(
      runner.specs.map((s) => s.step),
      ['fetch'],
    );
    assert.deepEqual(outcome.orchestrator.errors, []);
    assert.match(outcome.message, /fetch step exited with code 1/);
  });

  it('exits 3 with a render_html error when the steps succeeded but wrote no report', async () => {
    const job = await newJob({ renderHtml: true });
    const outcome = await runJob(
      job,
      fakeRunner({ writeReport: false }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.orchestratorError);
    assert.equal(outcome.orchestrator.errors[0]?.step, 'render_html');
  });

  it('exits 3 when the report is not JSON', async () => {
    const job = await newJob();
    const runner: Runner = {
      ...fakeRunner(),
      runStep: async (spec) => {
        if (spec.step === 'analysis') await writeFile(path.join(spec.job.outDir, 'report.json'), '{oops');
        return stepRecord(spec);
      },
    };
    const outcome = await runJob(job, runner, quiet, new AbortController().signal);
    assert.equal(outcome.exitCode, JOB_EXIT.orchestratorError);
    assert.equal(outcome.orchestrator.errors[0]?.step, 'read_report');
  });

  it('gives each step what is left of the job timeout', async () => {
    const job = await newJob({ timeoutSeconds: 60 });
    const runner = fakeRunner();
    await runJob(job, runner, quiet, new AbortController().signal);
    assert.ok(runner.specs.every((s) => s.timeoutSeconds > 0 && s.timeoutSeconds <= 60));
  });

  it('ends with a cancelled event and 130 when the step was interrupted', async () => {
    const job = await newJob();
    const events: ProgressEvent[] = [];
    const outcome = await runJob(
      job,
      fakeRunner({ fetch: { exit_code: null, interrupted: true } }),
      { onProgress: (e) => events.push(e), onLog: () => undefined },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.interrupted);
    assert.equal(events.at(-1)?.stage, 'cancelled');
  });
});

describe('exit code precedence (reference §1.7)', () => {
  const base = (): OrchestratorRecord => ({
    meta: {
      tool: { name: 'csqa-metrics', version: '0' },
      job_id: 'j',
      runner: 'docker',
      image: 'csqa-metrics:fast',
      mode: 'fast',
      repo_url: '',
      ref: '',
      out_dir: 'j',
      started_at_unix: 0,
      finished_at_unix: null,
    },
    timings: {},
    steps: [],
    stats: emptyPeaks(),
    exit_code: null,
    timed_out: false,
    interrupted: false,
    errors: [],
  });
  const step = (exit: number | null): StepRecord =>
    stepRecord({ step: 'analysis' } as StepSpec, { exit_code: exit });

  it('orders runner failure, interrupt, errors, timeout, step failure, ok', () => {
    const all = {
      ...base(),
      interrupted: true,
      timed_out: true,
      errors: [{ step: 'remove', error: 'x' }],
      steps: [step(1)],
    };
    assert.equal(exitCodeOf(all, 'no daemon'), 2);
    assert.equal(exitCodeOf(all, null), 130);
    assert.equal(exitCodeOf({ ...all, interrupted: false }, null), 3);
    assert.equal(exitCodeOf({ ...all, interrupted: false, errors: [] }, null), 5);
    assert.equal(exitCodeOf({ ...all, interrupted: false, errors: [], timed_out: false }, null), 4);
    assert.equal(exitCodeOf({ ...base(), steps: [step(0), step(0)] }, null), 0);
  });
});
