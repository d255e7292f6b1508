/**
 * The JSON API under `${CSA_BASE_PATH}/<token>/api/`: submit, get, list, cancel and delete jobs
 * (the progress stream is events.ts). Errors are `{error: {code, message, field?}}`; a full queue
 * is 429 with `Retry-After`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { JOB_ID_PATTERN } from '../context.js';
import { jobView } from '../job-view.js';
import { MAX_REF_LENGTH, MAX_URL_LENGTH } from '../repository-url.js';
import { queuePositions, submitJob } from '../submission.js';
import { uiText } from '../ui-text.js';

/** Parameters of routes about one job. */
export const jobParams = {
  type: 'object',
  properties: { token: { type: 'string' }, id: { type: 'string', pattern: JOB_ID_PATTERN } },
  required: ['id'],
} as const;

/** Most jobs one list request returns. */
export const MAX_LIST_LIMIT = 200;

/** Answers with the service's 404 page, as for an unknown path; returns the reply for async handlers. */
export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** An error answer. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  field?: string,
): FastifyReply {
  return reply.code(status).send({ error: { code, message, ...(field === undefined ? {} : { field }) } });
}

/** Registers the API routes inside the token scope. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const context = app.csqa;
  // Bad JSON or a body that breaks its schema: one error shape for the whole API.
  app.setErrorHandler(
    (error: { validation?: unknown; statusCode?: number; message: string }, request, reply) => {
      if (error.validation !== undefined || error.statusCode === 400) {
        return sendError(reply, 400, 'invalid_request', error.message);
      }
      if (error.statusCode === 413 || error.statusCode === 415) {
        return sendError(reply, error.statusCode, 'invalid_request', error.message);
      }
      request.log.error({ err: error }, 'API request failed');
      return sendError(reply, 500, 'internal', 'internal error');
    },
  );

  app.post<{ Body: { repoUrl: string; ref?: string } }>(
    '/api/jobs',
    {
      schema: {
        body: {
          type: 'object',
          properties: {
            repoUrl: { type: 'string', maxLength: MAX_URL_LENGTH * 4 },
            ref: { type: 'string', maxLength: MAX_REF_LENGTH * 4 },
          },
          required: ['repoUrl'],
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const outcome = await submitJob(context, request.body.repoUrl, request.body.ref ?? '');
      switch (outcome.kind) {
        case 'invalid':
          return sendError(
            reply,
            400,
            outcome.code,
            uiText('en', outcome.code, { hosts: context.repositoryRules.allowedHosts.join(', ') }),
            outcome.field,
          );
        case 'full':
          return sendError(
            reply,
            429,
            'queue_full',
            uiText('en', 'queue_full', { limit: context.queueLimit }),
          ).header('Retry-After', '60');
        case 'queued': {
          const positions = await queuePositions(context);
          const view = jobView(
            outcome.job,
            positions.get(outcome.job.id) ?? null,
            context.paths,
            context.now(),
          );
          return reply.code(201).header('Location', view.links.api).send({ job: view });
        }
      }
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    '/api/jobs',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const [{ jobs, total }, positions] = await Promise.all([
        context.store.list(limit, offset),
        queuePositions(context),
      ]);
      const now = context.now();
      return {
        jobs: jobs.map((job) => jobView(job, positions.get(job.id) ?? null, context.paths, now)),
        total,
        limit,
        offset,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    { schema: { params: jobParams } },
    async (request, reply) => {
      const job = await context.store.get(request.params.id);
      if (job === null) return sendError(reply, 404, 'not_found', 'no such job');
      const positions = await queuePositions(context);
      return { job: jobView(job, positions.get(job.id) ?? null, context.paths, context.now()) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/jobs/:id/cancel',
    { schema: { params: jobParams } },
    async (request, reply) => {
      const result = await context.queue.cancel(request.params.id);
      if (result === 'missing') return sendError(reply, 404, 'not_found', 'no such job');
      if (result === 'finished') return sendError(reply, 409, 'finished', 'the job has ended already');
      const job = await context.store.get(request.params.id);
      if (job === null) return sendError(reply, 404, 'not_found', 'no such job');
      // A running job is being stopped: its end comes through the progress stream.
      return reply
        .code(result === 'stopping' ? 202 : 200)
        .send({ result, job: jobView(job, null, context.paths, context.now()) });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/jobs/:id',
    { schema: { params: jobParams } },
    async (request, reply) => {
      const job = await context.store.get(request.params.id);
      if (job === null) return sendError(reply, 404, 'not_found', 'no such job');
      if (!(await context.queue.remove(job.id))) {
        return sendError(reply, 409, 'not_finished', 'cancel the job before deleting it');
      }
      return reply.code(204).send();
    },
  );
}
