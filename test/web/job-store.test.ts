import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteJobStore, type JobResult } from '../../src/web/job-store.js';

const bounds = { maxRunning: 1, maxWaiting: 2 };
const job = (id: string) => ({
  id,
  repoUrl: `https://github.com/acme/${id}.git`,
  repoName: `acme/${id}`,
  ref: '',
});
const done = (message = 'report ready'): JobResult => ({
  status: 'done',
  message,
  error: null,
  commit: 'abc',
  score: 0.5,
  band: 'high',
  findings: 7,
});

describe('SQLite job store', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'csqa-store-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('bounds the queue: running plus waiting at most maxRunning + maxWaiting', async () => {
    const store = openSqliteJobStore(':memory:');
    assert.ok(await store.enqueue(job('a'), bounds, 1));
    assert.ok(await store.enqueue(job('b'), bounds, 2));
    assert.ok(await store.enqueue(job('c'), bounds, 3));
    assert.equal(await store.enqueue(job('d'), bounds, 4), null);
    await store.claim(5);
    assert.equal(await store.enqueue(job('d'), bounds, 6), null, 'a running job still counts');
    await store.finish('a', done(), 7);
    assert.ok(await store.enqueue(job('d'), bounds, 8));
    store.close();
  });

  it('claims in submission order and numbers each job’s events from 1', async () => {
    const store = openSqliteJobStore(':memory:');
    const first = await store.enqueue(job('x'), bounds, 10);
    assert.deepEqual(first?.event, {
      stage: 'queued',
      done: 0,
      total: 0,
      message: '',
      seq: 1,
      at: 10,
      position: 1,
    });
    await store.enqueue(job('y'), bounds, 11);
    assert.equal((await store.claim(12))?.id, 'x');
    assert.equal((await store.get('x'))?.startedAt, 12);
    const parse = await store.recordProgress(
      'x',
      { stage: 'parse', done: 3, total: 9, message: '3/9' },
      null,
      13,
    );
    assert.equal(parse?.seq, 2);
    assert.equal((await store.claim(14))?.id, 'y');
    assert.equal(await store.claim(15), null);
    assert.deepEqual(
      (await store.eventsAfter('x', 1)).map((e) => [e.seq, e.stage]),
      [[2, 'parse']],
    );
    assert.equal(
      await store.recordProgress('nope', { stage: 'parse', done: 0, total: 0, message: '' }, null, 1),
      null,
    );
    store.close();
  });

  it('finishes once; an end keeps the stage and counts reached and sets the message', async () => {
    const store = openSqliteJobStore(':memory:');
    await store.enqueue(job('f'), bounds, 1);
    await store.claim(2);
    await store.recordProgress('f', { stage: 'graph', done: 1, total: 4, message: 'graph' }, null, 3);
    const failed = await store.finish('f', { ...done('boom'), status: 'failed', error: 'boom' }, 4);
    assert.equal(failed?.job.status, 'failed');
    assert.deepEqual(failed?.job.progress, { stage: 'graph', done: 1, total: 4, message: 'boom' });
    assert.deepEqual([failed?.event.stage, failed?.event.seq], ['failed', 3]);
    assert.equal(await store.finish('f', done(), 5), null, 'an ended job stays ended');
    store.close();
  });

  it('keeps jobs and events across reopening the file, and marks jobs left running failed', async () => {
    const file = path.join(folder, 'csqa.db');
    const before = openSqliteJobStore(file);
    await before.enqueue(job('kept'), { maxRunning: 5, maxWaiting: 5 }, 1);
    await before.enqueue(job('lost'), { maxRunning: 5, maxWaiting: 5 }, 2);
    await before.enqueue(job('waiting'), { maxRunning: 5, maxWaiting: 5 }, 3);
    await before.claim(4);
    await before.finish('kept', done(), 5);
    await before.claim(6);
    before.close();

    const after = openSqliteJobStore(file);
    const failed = await after.failRunning('restarted', 7);
    assert.deepEqual(
      failed.map((j) => [j.id, j.status, j.error]),
      [['lost', 'failed', 'restarted']],
    );
    assert.equal((await after.get('kept'))?.status, 'done');
    assert.equal((await after.get('kept'))?.score, 0.5);
    assert.equal((await after.get('waiting'))?.status, 'queued');
    assert.equal((await after.eventsAfter('lost', 0)).at(-1)?.stage, 'failed');
    after.close();
  });

  it('prunes and deletes finished jobs only, with their events', async () => {
    const store = openSqliteJobStore(':memory:');
    const wide = { maxRunning: 9, maxWaiting: 9 };
    for (const id of ['old', 'new', 'active']) await store.enqueue(job(id), wide, 1);
    await store.claim(1);
    await store.finish('old', done(), 100);
    await store.claim(1);
    await store.finish('new', done(), 300);
    assert.deepEqual(await store.pruneFinishedBefore(200), ['old']);
    assert.equal(await store.get('old'), null);
    assert.deepEqual(await store.eventsAfter('old', 0), []);
    assert.equal(await store.deleteFinished('active'), false);
    assert.equal(await store.deleteFinished('new'), true);
    assert.deepEqual(
      (await store.list(10, 0)).jobs.map((j) => j.id),
      ['active'],
    );
    store.close();
  });
});
