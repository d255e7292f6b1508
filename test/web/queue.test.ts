import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openEventStream, startHarness, submit, waitFor, waitForStatus } from './harness.js';

describe('job queue', () => {
  it('runs at most CSQA_MAX_CONCURRENT_JOBS at once, the rest in submission order', async () => {
    const harness = await startHarness({ maxRunning: 2, maxWaiting: 10 });
    try {
      harness.fake.scripts.set('default', { holdAfter: 0 });
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c', 'd'])
        ids.push((await submit(harness, `https://github.com/acme/${name}`)).body.job!.id);
      await harness.fake.startedCount(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(harness.fake.started, ids.slice(0, 2));
      assert.equal(harness.queue.runningCount, 2);
      assert.deepEqual(await Promise.all(ids.map(async (id) => (await harness.store.get(id))?.status)), [
        'running',
        'running',
        'queued',
        'queued',
      ]);
      for (const id of ids) {
        await harness.fake.held(id);
        assert.ok(harness.queue.runningCount <= 2);
        harness.fake.release(id);
        await waitForStatus(harness, id, 'done');
      }
      assert.deepEqual(harness.fake.started, ids);
      assert.deepEqual(harness.queueErrors, []);
    } finally {
      await harness.close();
    }
  });

  it('tells queued jobs their place, and each job its new place as the queue moves', async () => {
    const harness = await startHarness({ maxRunning: 1, maxWaiting: 5 });
    try {
      harness.fake.scripts.set('default', { holdAfter: 0 });
      const first = (await submit(harness, 'https://github.com/acme/first')).body.job!;
      const second = (await submit(harness, 'https://github.com/acme/second')).body.job!;
      const third = (await submit(harness, 'https://github.com/acme/third')).body.job!;
      assert.equal(second.position, 1);
      assert.equal(third.position, 2);
      await harness.fake.held(first.id);
      const stream = await openEventStream(`${harness.origin}${harness.paths.apiEvents(third.id)}`);
      await stream.waitForEvents(1);
      harness.fake.release(first.id);
      await harness.fake.held(second.id);
      await stream.waitForEvents(2);
      assert.deepEqual(
        stream.events.map((e) => [e.data.stage, e.data.position]),
        [
          ['queued', 2],
          ['queued', 1],
        ],
      );
      const view = (await (await fetch(`${harness.origin}${harness.paths.apiJob(third.id)}`)).json()) as {
        job: { position: number };
      };
      assert.equal(view.job.position, 1);
      stream.disconnect();
      harness.fake.release(second.id);
      await harness.fake.held(third.id);
      harness.fake.release(third.id);
      await waitForStatus(harness, third.id, 'done');
    } finally {
      await harness.close();
    }
  });

  it('answers 429 with Retry-After once CSQA_QUEUE_LIMIT jobs wait, and accepts again when one starts', async () => {
    const harness = await startHarness({ maxRunning: 1, maxWaiting: 2 });
    try {
      harness.fake.scripts.set('default', { holdAfter: 0 });
      const accepted = [];
      for (const name of ['a', 'b', 'c'])
        accepted.push((await submit(harness, `https://github.com/acme/${name}`)).body.job!.id);
      const refused = await fetch(`${harness.origin}${harness.paths.apiJobs}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ repoUrl: 'https://github.com/acme/d' }),
      });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '60');
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'queue_full');
      const form = await fetch(`${harness.origin}${harness.paths.submitForm}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'repoUrl=https%3A%2F%2Fgithub.com%2Facme%2Fe',
      });
      assert.equal(form.status, 429);
      assert.match(await form.text(), /The queue is full \(2 jobs wait already\)/);
      await harness.fake.held(accepted[0]!);
      harness.fake.release(accepted[0]!);
      await harness.fake.held(accepted[1]!);
      assert.equal((await submit(harness, 'https://github.com/acme/f')).status, 201);
      for (const id of accepted.slice(1)) {
        await harness.fake.held(id);
        harness.fake.release(id);
      }
    } finally {
      await harness.close();
    }
  });

  it('cancels a queued job at once; it never starts', async () => {
    const harness = await startHarness({ maxRunning: 1 });
    try {
      harness.fake.scripts.set('default', { holdAfter: 0 });
      const running = (await submit(harness, 'https://github.com/acme/running')).body.job!.id;
      const waiting = (await submit(harness, 'https://github.com/acme/waiting')).body.job!.id;
      const response = await fetch(`${harness.origin}${harness.paths.apiCancel(waiting)}`, {
        method: 'POST',
      });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { result: string; job: { status: string; error: string } };
      assert.equal(body.result, 'cancelled');
      assert.equal(body.job.status, 'cancelled');
      assert.equal(body.job.error, 'cancelled before it started');
      await harness.fake.held(running);
      harness.fake.release(running);
      await waitForStatus(harness, running, 'done');
      assert.deepEqual(harness.fake.started, [running]);
    } finally {
      await harness.close();
    }
  });

  it('cancels a running job: its analysis is aborted and it ends cancelled, with the stream told', async () => {
    const harness = await startHarness();
    try {
      harness.fake.scripts.set('default', { holdAfter: 2 });
      const id = (await submit(harness, 'https://github.com/acme/stop')).body.job!.id;
      await harness.fake.held(id);
      const stream = await openEventStream(`${harness.origin}${harness.paths.apiEvents(id)}`);
      const response = await fetch(`${harness.origin}${harness.paths.apiCancel(id)}`, { method: 'POST' });
      assert.equal(response.status, 202);
      assert.equal(((await response.json()) as { result: string }).result, 'stopping');
      await stream.ended;
      const end = stream.events.at(-1)!;
      assert.deepEqual(
        [end.event, end.data.stage, end.data.message],
        ['end', 'cancelled', 'cancelled by a user'],
      );
      const job = (await harness.store.get(id))!;
      assert.equal(job.status, 'cancelled');
      assert.equal(job.progress.stage, 'parse', 'the stage it was stopped in is kept');
      assert.deepEqual(harness.fake.aborted, [id]);
    } finally {
      await harness.close();
    }
  });

  it('fails a job that runs past CSQA_JOB_TIMEOUT_SEC, and the next one starts', async () => {
    const harness = await startHarness({ maxRunning: 1, timeoutSeconds: 1 });
    try {
      harness.fake.scripts.set('acme/slow', { holdAfter: 0 });
      const slow = (await submit(harness, 'https://github.com/acme/slow')).body.job!.id;
      const next = (await submit(harness, 'https://github.com/acme/next')).body.job!.id;
      await waitForStatus(harness, slow, 'failed', 4000);
      const job = (await harness.store.get(slow))!;
      assert.equal(job.error, 'timed out after 1 s');
      assert.deepEqual(harness.fake.aborted, [slow]);
      await waitForStatus(harness, next, 'done');
    } finally {
      await harness.close();
    }
  });

  it('prunes finished jobs past the retention period with their files, and keeps active ones', async () => {
    const harness = await startHarness();
    try {
      harness.fake.scripts.set('acme/active', { holdAfter: 0 });
      const finished = (await submit(harness, 'https://github.com/acme/old')).body.job!.id;
      await waitForStatus(harness, finished, 'done');
      const active = (await submit(harness, 'https://github.com/acme/active')).body.job!.id;
      await harness.fake.held(active);
      assert.deepEqual(await harness.queue.prune(1), [], 'nothing is a day old yet');
      assert.deepEqual(await harness.queue.prune(0), [finished]);
      assert.equal(await harness.store.get(finished), null);
      assert.equal(existsSync(path.join(harness.outBase, 'jobs', finished)), false);
      assert.equal((await harness.store.get(active))?.status, 'running');
      harness.fake.release(active);
      await waitForStatus(harness, active, 'done');
    } finally {
      await harness.close();
    }
  });

  it('stopping the service ends running jobs failed with the reason, and starts no queued one', async () => {
    const harness = await startHarness({ maxRunning: 1 });
    harness.fake.scripts.set('default', { holdAfter: 0 });
    const running = (await submit(harness, 'https://github.com/acme/r')).body.job!.id;
    const queued = (await submit(harness, 'https://github.com/acme/q')).body.job!.id;
    await harness.fake.held(running);
    await harness.app.close();
    await harness.queue.stop('the service stopped');
    assert.equal((await harness.store.get(running))?.status, 'failed');
    assert.equal((await harness.store.get(running))?.error, 'the service stopped');
    assert.equal((await harness.store.get(queued))?.status, 'queued');
    await waitFor(() => harness.fake.started.length === 1);
    await harness.close();
  });
});
