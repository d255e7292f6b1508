import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openEventStream, startHarness, submit, waitFor, waitForStatus, type Harness } from './harness.js';

describe('progress over server-sent events', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ heartbeatMs: 50 });
  });
  after(async () => {
    assert.deepEqual(harness.queueErrors, []);
    await harness.close();
  });

  const eventsUrl = (id: string): string => `${harness.origin}${harness.paths.apiEvents(id)}`;

  it('streams the real stages in order, numbered, then one end event with the links, then closes', async () => {
    harness.fake.scripts.set('acme/order', { holdAfter: 0 });
    const { body } = await submit(harness, 'https://github.com/acme/order');
    const id = body.job!.id;
    await harness.fake.held(id);
    const stream = await openEventStream(eventsUrl(id));
    assert.equal(stream.status, 200);
    assert.match(stream.headers['content-type'] ?? '', /^text\/event-stream/);
    assert.equal(stream.headers['cache-control'], 'no-store');
    assert.equal(stream.headers['referrer-policy'], 'no-referrer');
    harness.fake.release(id);
    await stream.ended;
    const stages = stream.events.map((e) => `${e.event}:${String(e.data.stage)}`);
    assert.deepEqual(stages, [
      'progress:queued',
      'progress:clone',
      'progress:parse',
      'progress:parse',
      'progress:parse',
      'progress:model',
      'progress:graph',
      'progress:metrics',
      'progress:report',
      'progress:render',
      'end:done',
    ]);
    assert.deepEqual(
      stream.events.map((e) => Number(e.id)),
      stream.events.map((_, index) => index + 1),
      'ids are the job sequence 1, 2, 3…',
    );
    assert.deepEqual(
      stream.events.filter((e) => e.data.stage === 'parse').map((e) => [e.data.done, e.data.total]),
      [
        [0, 0],
        [1, 2],
        [2, 2],
      ],
      'parse n/N files',
    );
    assert.equal(stream.events[0]?.data.status, 'queued');
    assert.equal(stream.events[1]?.data.status, 'running');
    const end = stream.events.at(-1)!;
    assert.equal(end.data.status, 'done');
    assert.equal((end.data.links as Record<string, string>).report, harness.paths.report(id));
    assert.equal(stream.retry, 2000);
  });

  it('resumes after Last-Event-ID with nothing lost or repeated', async () => {
    harness.fake.scripts.set('acme/resume', { holdAfter: 3 });
    const { body } = await submit(harness, 'https://github.com/acme/resume');
    const id = body.job!.id;
    await harness.fake.held(id);
    const first = await openEventStream(eventsUrl(id));
    const seen = await first.waitForEvents(5);
    first.disconnect();
    await first.ended;
    harness.fake.release(id);
    await waitForStatus(harness, id, 'done');
    const resumed = await openEventStream(eventsUrl(id), seen.at(-1)!.id);
    await resumed.ended;
    const all = [...seen, ...resumed.events].map((e) => Number(e.id));
    assert.deepEqual(
      all,
      all.map((_, index) => index + 1),
    );
    assert.equal(resumed.events[0]?.id, '6');
    assert.equal(resumed.events.at(-1)?.event, 'end');
    assert.equal(resumed.events.at(-1)?.data.stage, 'done');
  });

  it('answers 204 to a finished job with nothing after Last-Event-ID, so the browser stops', async () => {
    const { body } = await submit(harness, 'https://github.com/acme/over');
    const id = body.job!.id;
    await waitForStatus(harness, id, 'done');
    const last = (await harness.store.get(id))!.lastEventSeq;
    const stream = await openEventStream(eventsUrl(id), String(last));
    assert.equal(stream.status, 204);
    const replay = await openEventStream(eventsUrl(id));
    await replay.ended;
    assert.equal(replay.events.length, last, 'without Last-Event-ID a finished job replays its events');
  });

  it('sends heartbeats while nothing happens', async () => {
    harness.fake.scripts.set('acme/quiet', { holdAfter: 0 });
    const { body } = await submit(harness, 'https://github.com/acme/quiet');
    const id = body.job!.id;
    await harness.fake.held(id);
    const stream = await openEventStream(eventsUrl(id));
    await waitFor(
      () => stream.comments.filter((c) => c === 'heartbeat').length >= 3,
      2000,
      'three heartbeats',
    );
    stream.disconnect();
    harness.fake.release(id);
    await waitForStatus(harness, id, 'done');
  });

  it('frees the subscription and timers when the client goes away', async () => {
    harness.fake.scripts.set('acme/leave', { holdAfter: 0 });
    const { body } = await submit(harness, 'https://github.com/acme/leave');
    const id = body.job!.id;
    await harness.fake.held(id);
    const streams = await Promise.all([openEventStream(eventsUrl(id)), openEventStream(eventsUrl(id))]);
    await waitFor(() => harness.context.hub.listenerCount(id) === 2, 2000, 'two subscriptions');
    assert.equal(harness.context.streams.size, 2);
    for (const stream of streams) stream.disconnect();
    await waitFor(() => harness.context.hub.listenerCount(id) === 0, 2000, 'subscriptions to end');
    assert.equal(harness.context.streams.size, 0);
    assert.equal(harness.context.hub.listenerCount(), 0);
    harness.fake.release(id);
    await waitForStatus(harness, id, 'done');
  });

  it('ends a stream after its longest life; the client resumes where it was', async () => {
    const short = await startHarness({ maxStreamMs: 100 });
    try {
      short.fake.scripts.set('acme/long', { holdAfter: 1 });
      const { body } = await submit(short, 'https://github.com/acme/long');
      const id = body.job!.id;
      await short.fake.held(id);
      const stream = await openEventStream(`${short.origin}${short.paths.apiEvents(id)}`);
      await stream.ended;
      assert.deepEqual(
        stream.events.map((e) => e.data.stage),
        ['queued', 'clone', 'parse'],
      );
      assert.equal(short.context.streams.size, 0);
      short.fake.release(id);
      await waitForStatus(short, id, 'done');
    } finally {
      await short.close();
    }
  });

  it('ends open streams when the server closes, so closing does not wait for them', async () => {
    const closing = await startHarness();
    closing.fake.scripts.set('default', { holdAfter: 0 });
    const { body } = await submit(closing, 'https://github.com/acme/closing');
    await closing.fake.held(body.job!.id);
    const stream = await openEventStream(`${closing.origin}${closing.paths.apiEvents(body.job!.id)}`);
    await stream.waitForEvents(2);
    const started = Date.now();
    await closing.close();
    await stream.ended;
    assert.ok(Date.now() - started < 3000, `closed in ${Date.now() - started} ms`);
    assert.equal(closing.context.streams.size, 0);
  });

  it('answers 404 for an unknown job and 400 for a malformed Last-Event-ID', async () => {
    const unknown = await openEventStream(eventsUrl('f'.repeat(24)));
    assert.equal(unknown.status, 404);
    const { body } = await submit(harness, 'https://github.com/acme/header');
    const malformed = await openEventStream(eventsUrl(body.job!.id), 'abc');
    assert.equal(malformed.status, 400);
    await waitForStatus(harness, body.job!.id, 'done');
  });
});
