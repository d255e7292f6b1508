import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { INTERRUPTED_REASON } from '../../src/web/recovery.js';
import { largeRepository, petshopRepository } from './fixture-repos.js';
import { startHarness, submit, waitForStatus } from './harness.js';
import { pollJob, startServeProcess } from './serve-process.js';

describe('restart', () => {
  it('after a crash: jobs that ran are failed with the reason, their containers removed; finished and queued jobs survive', async () => {
    const first = await startHarness({ maxRunning: 1 });
    const outBase = first.outBase;
    const { body: finished } = await submit(first, 'https://github.com/acme/finished');
    await waitForStatus(first, finished.job!.id, 'done');
    first.fake.scripts.set('acme/interrupted', { holdAfter: 2 });
    const interrupted = (await submit(first, 'https://github.com/acme/interrupted')).body.job!.id;
    const queued = (await submit(first, 'https://github.com/acme/queued')).body.job!.id;
    await first.fake.held(interrupted);
    await first.crash();

    const asked: string[] = [];
    const second = await startHarness({
      outBase,
      containerCleanup: async (isOurs) => {
        const removed: string[] = [];
        for (const jobId of [interrupted, 'csqa-run-of-someone-else']) {
          asked.push(jobId);
          if (await isOurs(jobId)) removed.push(`csqa-${jobId}-analysis`);
        }
        return removed;
      },
    });
    try {
      assert.deepEqual(second.recovery.failedJobs, [interrupted]);
      assert.deepEqual(second.recovery.removedContainers, [`csqa-${interrupted}-analysis`]);
      const job = (await second.store.get(interrupted))!;
      assert.equal(job.status, 'failed');
      assert.equal(job.error, INTERRUPTED_REASON);
      assert.equal(job.progress.stage, 'parse', 'the stage it reached is kept');
      // The finished job and its report are all still there.
      const report = await fetch(`${second.origin}${second.paths.report(finished.job!.id)}`);
      assert.equal(report.status, 200);
      const list = (await (await fetch(`${second.origin}${second.paths.apiJobs}`)).json()) as {
        jobs: { id: string }[];
      };
      assert.deepEqual(
        list.jobs.map((j) => j.id),
        [queued, interrupted, finished.job!.id],
      );
      // The job that was only queued runs now.
      await waitForStatus(second, queued, 'done');
    } finally {
      await second.close();
    }
  });

  it('csqa serve killed during a real analysis: on restart the job is failed, the earlier report still served', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'csqa-restart-'));
    const repos = path.join(work, 'repos');
    const outDir = path.join(work, 'out');
    const petshop = await petshopRepository(repos);
    const big = await largeRepository(repos, 300);
    const env = {
      CSA_WEB_TOKEN: 'restart-test-token-0123456789abc',
      CSQA_OUT_DIR: outDir,
      CSQA_RUNNER: 'local',
      CSQA_TEST_ONLY_UNSAFE_FILE_REPOS_DIR: repos,
    };
    const api = (origin: string, suffix = ''): string => `${origin}/${env.CSA_WEB_TOKEN}/api/jobs${suffix}`;
    const submitTo = async (origin: string, repoUrl: string): Promise<string> => {
      const response = await fetch(api(origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ repoUrl }),
      });
      assert.equal(response.status, 201, await response.clone().text());
      return ((await response.json()) as { job: { id: string } }).job.id;
    };
    let serve = await startServeProcess(env);
    try {
      const done = await submitTo(serve.origin, petshop.url);
      const finished = await pollJob(
        api(serve.origin, `/${done}`),
        (j) => j.status !== 'queued' && j.status !== 'running',
        60_000,
      );
      assert.equal(finished.status, 'done', finished.error ?? '');
      assert.equal(finished.commit, petshop.commit);

      const killed = await submitTo(serve.origin, big.url);
      await pollJob(
        api(serve.origin, `/${killed}`),
        (j) => j.status === 'running' && j.stage === 'parse',
        60_000,
      );
      assert.equal(await serve.stop('SIGKILL'), 'SIGKILL');
      // The local runner's steps run in their own process group and outlive a killed service;
      // the test stops the ones it caused, by pid.
      killProcessesMentioning(path.join(outDir, '.work', killed));

      serve = await startServeProcess(env);
      const after = await pollJob(api(serve.origin, `/${killed}`), () => true, 1000);
      assert.equal(after.status, 'failed');
      assert.equal(after.error, INTERRUPTED_REASON);
      assert.equal(existsSync(path.join(outDir, '.work', killed)), false, 'its checkout is removed');
      const report = await fetch(`${serve.origin}${finished.links.report}`);
      assert.equal(report.status, 200);
      assert.equal(report.headers.get('content-security-policy'), 'sandbox allow-scripts');
      assert.match(await report.text(), /^<!DOCTYPE html>/);
      const { jobs } = (await (await fetch(api(serve.origin))).json()) as {
        jobs: { id: string; status: string }[];
      };
      assert.deepEqual(
        jobs.map((j) => [j.id, j.status]),
        [
          [killed, 'failed'],
          [done, 'done'],
        ],
      );
    } finally {
      await serve.stop();
      await rm(work, { recursive: true, force: true });
    }
  });
});

/** SIGKILLs every process whose command line contains `text` (the orphaned steps of a killed service). */
function killProcessesMentioning(text: string): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (commandLine.includes(text)) {
      try {
        process.kill(Number(entry), 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
  }
}
