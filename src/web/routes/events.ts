/**
 * `GET api/jobs/:id/events`: a job's progress as server-sent events. Each event carries `id:` —
 * the job's event sequence number — so a browser that reconnects sends `Last-Event-ID` and the
 * stream resumes after it from the store, with nothing lost or repeated. Events are `progress`
 * until the job's single `end` event (which also carries the job's links), after which the
 * stream closes; a comment line every `heartbeatMs` keeps proxies from timing it out. When the
 * client goes away, its subscription and timers go with it.
 *
 * A stream of a finished job that has nothing after `Last-Event-ID` answers 204, which tells
 * `EventSource` to stop reconnecting.
 */
import type { FastifyInstance } from 'fastify';
import type { StoredEvent } from '../job-store.js';
import { isEndEvent, jobView, statusAfter } from '../job-view.js';
import { jobParams, sendError } from './api.js';
import { SECURITY_HEADERS } from '../security-headers.js';

/** Milliseconds a browser waits before reconnecting (`retry:`). */
const RETRY_MS = 2000;

/** Registers the progress stream inside the token scope. */
export async function eventRoutes(app: FastifyInstance): Promise<void> {
  const context = app.csqa;
  app.get<{ Params: { id: string }; Querystring: { after?: number } }>(
    '/api/jobs/:id/events',
    {
      schema: {
        params: jobParams,
        querystring: {
          type: 'object',
          properties: { after: { type: 'integer', minimum: 0 } },
        },
        headers: {
          type: 'object',
          properties: { 'last-event-id': { type: 'string', pattern: '^\\d{1,15}$' } },
        },
      },
    },
    async (request, reply) => {
      const job = await context.store.get(request.params.id);
      if (job === null) return sendError(reply, 404, 'not_found', 'no such job');
      const lastEventId = request.headers['last-event-id'];
      const after = typeof lastEventId === 'string' ? Number(lastEventId) : (request.query.after ?? 0);
      const finished = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
      if (finished && after >= job.lastEventSeq) return reply.code(204).send();

      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // nginx and similar proxies would otherwise buffer the stream.
        'X-Accel-Buffering': 'no',
      });
      response.write(`retry: ${RETRY_MS}\n\n`);

      let lastSent = after;
      let closed = false;
      let live = false;
      const missed: StoredEvent[] = [];
      let writing: Promise<void> = Promise.resolve();

      const close = (): void => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        context.streams.delete(close);
        response.end();
      };
      const send = (event: StoredEvent): void => {
        // Chained, so the end event's look-up of the job's links cannot reorder events.
        writing = writing.then(async () => {
          if (closed || event.seq <= lastSent) return;
          lastSent = event.seq;
          const data: Record<string, unknown> = { ...event, status: statusAfter(event) };
          if (isEndEvent(event)) {
            const ended = await context.store.get(job.id);
            if (ended !== null) data.links = jobView(ended, null, context.paths, context.now()).links;
          }
          if (closed) return;
          response.write(
            `event: ${isEndEvent(event) ? 'end' : 'progress'}\nid: ${event.seq}\ndata: ${JSON.stringify(data)}\n\n`,
          );
          if (isEndEvent(event)) close();
        });
      };
      // Subscribed before reading the store, so an event recorded in between is not lost.
      const unsubscribe = context.hub.subscribe(job.id, (event) => (live ? send(event) : missed.push(event)));
      const heartbeat = setInterval(() => {
        if (!closed) response.write(': heartbeat\n\n');
      }, context.heartbeatMs);
      const lifetime = setTimeout(close, context.maxStreamMs);
      context.streams.add(close);
      response.on('close', close);
      response.on('error', close);

      for (const event of await context.store.eventsAfter(job.id, after)) send(event);
      live = true;
      for (const event of missed) send(event);
      await writing;
    },
  );
}
