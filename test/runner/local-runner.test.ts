import assert from 'node:assert/strict';
import { access, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ProgressEvent } from '../../src/progress.js';
import { tempFolder } from './temp-folder.js';
import { createLocalRunner } from '../../src/runner/local-runner.js';
import { JOB_ARTIFACTS, runJob } from '../../src/runner/orchestrator.js';
import { JOB_EXIT, type JobSpec } from '../../src/runner/types.js';
import { fixturePath } from '../helpers/paths.js';
import { bareRepositoryOf, type BareRepository } from './bare-repo.js';

async function newJob(repoUrl: string, overrides: Partial<JobSpec> = {}): Promise<JobSpec> {
  const outBase = path.join(await tempFolder('csqa-local-'), 'out');
  return {
    id: `local-${Date.now().toString(36)}`,
    repoUrl,
    ref: '',
    mode: 'fast',
    outBase,
    outDir: path.join(outBase, 'latest'),
    renderHtml: false,
    maxGraphNodes: 500,
    timeoutSeconds: 120,
    limits: { cpus: 1, memoryBytes: 2 ** 31, pids: 512 },
    ...overrides,
  };
}

/** A step that prints a line, then ignores SIGTERM and runs until killed. */
const STUBBORN_STEP = [
  '-e',
  'process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("started"); setInterval(() => {}, 1000);',
];

describe('local runner, end to end', () => {
  let repo: BareRepository;
  before(async () => {
    repo = await bareRepositoryOf(fixturePath('runner', 'shop'));
  });

  it('clones a bare repository and writes all six artifacts with --render-html', async () => {
    const job = await newJob(repo.url, { renderHtml: true });
    const events: ProgressEvent[] = [];
    const log: string[] = [];
    const outcome = await runJob(
      job,
      createLocalRunner(),
      { onProgress: (e) => events.push(e), onLog: (l) => log.push(l) },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.ok, outcome.message);
    assert.deepEqual((await readdir(job.outDir)).sort(), [
      'combined.json',
      'container.log',
      'orchestrator.json',
      'report.html',
      'report.json',
      'report.sarif',
    ]);
    const report = JSON.parse(await readFile(path.join(job.outDir, JOB_ARTIFACTS.report), 'utf8'));
    assert.equal(report.meta.repo_url, repo.url);
    assert.equal(report.meta.git_branch, 'main');
    assert.match(report.meta.git_head, /^[0-9a-f]{40}$/);
    assert.ok(report.findings.length > 0, 'the SQL built from a path variable is found');
    const stages = new Set(events.map((e) => e.stage));
    for (const stage of ['queued', 'clone', 'parse', 'metrics', 'render', 'done'])
      assert.ok(stages.has(stage as never), stage);
    assert.ok(
      log.some((line) => line.startsWith('[fetch] fetched ')),
      log.join('\n'),
    );
    const record = outcome.orchestrator;
    assert.equal(record.meta.runner, 'local');
    assert.deepEqual(
      record.steps.map((s) => [s.step, s.exit_code]),
      [
        ['fetch', 0],
        ['analysis', 0],
      ],
    );
    assert.ok(record.steps.every((s) => typeof s.pid === 'number'));
    await assert.rejects(access(path.join(job.outBase, '.work', job.id)), 'the checkout is deleted');
  });

  it('resolves Maven POMs in full mode and adds the transitive dependencies to E1 details', async () => {
    const previous = process.env.CSQA_MAVEN_REPO_URL;
    process.env.CSQA_MAVEN_REPO_URL = pathToFileURL(fixturePath('maven-repo')).href;
    after(() => {
      if (previous === undefined) delete process.env.CSQA_MAVEN_REPO_URL;
      else process.env.CSQA_MAVEN_REPO_URL = previous;
    });
    const job = await newJob(repo.url, { mode: 'full' });
    const outcome = await runJob(
      job,
      createLocalRunner(),
      { onProgress: () => undefined, onLog: () => undefined },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.ok, outcome.message);
    const report = JSON.parse(await readFile(path.join(job.outDir, JOB_ARTIFACTS.report), 'utf8'));
    const details = report.metrics.E1;
    const transitive = details.transitive_dependencies.map(
      (d: { artifact: string; class: string }) => `${d.artifact}:${d.class}`,
    );
    assert.ok(transitive.includes('crypto-auth:RISKY_SECURITY'), transitive.join(', '));
    // E1 keeps its value over the declared dependencies.
    assert.equal(details.total_dependencies, 2);
    assert.equal(report.meta.mode, 'full');
  });

  it('exits 4 when the repository cannot be fetched', async () => {
    const job = await newJob(pathToFileURL(path.join(os.tmpdir(), 'no-such-repository.git')).href);
    const outcome = await runJob(
      job,
      createLocalRunner(),
      { onProgress: () => undefined, onLog: () => undefined },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.stepFailed);
    assert.match(
      await readFile(path.join(job.outDir, JOB_ARTIFACTS.log), 'utf8'),
      /\[fetch] csqa fetch: cannot fetch/,
    );
  });

  it('stops a step at the timeout with SIGTERM, then SIGKILL, and exits 5', async () => {
    const job = await newJob(repo.url, { timeoutSeconds: 1 });
    const runner = createLocalRunner({ stopGraceSeconds: 0.5, argumentsFor: () => STUBBORN_STEP });
    const log: string[] = [];
    const outcome = await runJob(
      job,
      runner,
      { onProgress: () => undefined, onLog: (l) => log.push(l) },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.timedOut);
    const [fetch] = outcome.orchestrator.steps;
    assert.equal(fetch?.timed_out, true);
    assert.equal(fetch?.exit_code, null);
    assert.ok((fetch?.timings.stop_sec ?? 0) >= 0.4, `stop took ${fetch?.timings.stop_sec}s`);
    assert.deepEqual(log, ['[fetch] started', '[fetch] ignoring SIGTERM']);
    assert.equal(outcome.orchestrator.steps.length, 1);
  });

  it('stops a step when the job is cancelled and exits 130', async () => {
    const job = await newJob(repo.url);
    const controller = new AbortController();
    const runner = createLocalRunner({
      argumentsFor: () => ['-e', 'console.log("started"); setInterval(() => {}, 1000);'],
    });
    const outcome = await runJob(
      job,
      runner,
      {
        onProgress: () => undefined,
        onLog: (line) => {
          if (line.endsWith('started')) controller.abort();
        },
      },
      controller.signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.interrupted);
    assert.equal(outcome.orchestrator.interrupted, true);
    assert.match(outcome.message, /interrupted/);
  });
});
