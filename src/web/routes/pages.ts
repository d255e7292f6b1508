/**
 * The HTML pages inside the token scope and the plain-form actions behind them (so the service
 * works without JavaScript): start page, submit, job progress, cancel, history, delete. The
 * language is `?lang=` (remembered in a cookie), else the browser's `Accept-Language`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jobView } from '../job-view.js';
import { historyPage, jobPage, startPage, type PageContext, type StartForm } from '../pages.js';
import { MAX_REF_LENGTH, MAX_URL_LENGTH } from '../repository-url.js';
import { queuePositions, submitJob } from '../submission.js';
import { languageOf, type Language } from '../ui-text.js';
import { jobParams, notFound } from './api.js';

/** Jobs on one page of the history. */
export const HISTORY_PAGE_SIZE = 50;

const LANGUAGE_COOKIE = 'csqa_lang';

const languageQuery = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['en', 'ru'] } },
} as const;

/** Registers the pages inside the token scope. */
export async function pageRoutes(app: FastifyInstance): Promise<void> {
  const context = app.csqa;
  const { paths } = context;

  // The plain forms post application/x-www-form-urlencoded; only these routes accept it.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  /** The page's language, remembering an explicit choice. */
  const languageFor = (
    request: FastifyRequest<{ Querystring: { lang?: Language } }>,
    reply: FastifyReply,
  ): Language => {
    const chosen = request.query.lang;
    if (chosen !== undefined) {
      reply.header(
        'Set-Cookie',
        `${LANGUAGE_COOKIE}=${chosen}; Path=${context.basePath || '/'}; Max-Age=31536000; SameSite=Strict; HttpOnly`,
      );
      return chosen;
    }
    const cookie = /(?:^|;\s*)csqa_lang=(en|ru)(?:;|$)/.exec(request.headers.cookie ?? '')?.[1];
    return languageOf(cookie, request.headers['accept-language']);
  };
  const pageContext = (request: FastifyRequest, language: Language): PageContext => ({
    language,
    paths,
    currentPath: (request.raw.url ?? paths.root).split('?')[0] ?? paths.root,
  });
  const html = (reply: FastifyReply, status: number, body: string): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(body);

  // `${base}/<token>` without the slash: the pages' relative assets need the folder form.
  app.get('', { schema: { querystring: languageQuery } }, async (_request, reply) =>
    reply.redirect(paths.root, 308),
  );

  app.get<{ Querystring: { lang?: Language } }>(
    '/',
    { schema: { querystring: languageQuery }, prefixTrailingSlash: 'slash' },
    async (request, reply) => {
      const language = languageFor(request, reply);
      return html(
        reply,
        200,
        startPage(pageContext(request, language), context.repositoryRules.allowedHosts, context.queueLimit),
      );
    },
  );

  app.post<{ Body: { repoUrl?: string; ref?: string }; Querystring: { lang?: Language } }>(
    '/jobs',
    {
      schema: {
        querystring: languageQuery,
        body: {
          type: 'object',
          properties: {
            repoUrl: { type: 'string', maxLength: MAX_URL_LENGTH * 4 },
            ref: { type: 'string', maxLength: MAX_REF_LENGTH * 4 },
          },
        },
      },
    },
    async (request, reply) => {
      const language = languageFor(request, reply);
      const form: StartForm = { repoUrl: request.body.repoUrl ?? '', ref: request.body.ref ?? '' };
      const outcome = await submitJob(context, form.repoUrl, form.ref);
      if (outcome.kind === 'queued') return reply.redirect(paths.job(outcome.job.id), 303);
      const hosts = context.repositoryRules.allowedHosts.join(', ');
      form.error =
        outcome.kind === 'full'
          ? { field: 'form', key: 'queue_full', values: { limit: context.queueLimit } }
          : { field: outcome.field, key: outcome.code, values: { hosts } };
      const page = startPage(
        pageContext(request, language),
        context.repositoryRules.allowedHosts,
        context.queueLimit,
        form,
      );
      return html(reply, outcome.kind === 'full' ? 429 : 400, page);
    },
  );

  app.get<{ Querystring: { lang?: Language; page: number } }>(
    '/jobs',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { ...languageQuery.properties, page: { type: 'integer', minimum: 1, default: 1 } },
        },
      },
    },
    async (request, reply) => {
      const language = languageFor(request, reply);
      const page = request.query.page;
      const [{ jobs, total }, positions] = await Promise.all([
        context.store.list(HISTORY_PAGE_SIZE, (page - 1) * HISTORY_PAGE_SIZE),
        queuePositions(context),
      ]);
      const now = context.now();
      const views = jobs.map((job) => jobView(job, positions.get(job.id) ?? null, paths, now));
      return html(
        reply,
        200,
        historyPage(pageContext(request, language), views, page, total, HISTORY_PAGE_SIZE),
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: { lang?: Language } }>(
    '/jobs/:id',
    { schema: { params: jobParams, querystring: languageQuery } },
    async (request, reply) => {
      const job = await context.store.get(request.params.id);
      if (job === null) return notFound(reply);
      const language = languageFor(request, reply);
      const positions = await queuePositions(context);
      const now = context.now();
      return html(
        reply,
        200,
        jobPage(pageContext(request, language), jobView(job, positions.get(job.id) ?? null, paths, now), now),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/jobs/:id/cancel',
    { schema: { params: jobParams } },
    async (request, reply) => {
      const result = await context.queue.cancel(request.params.id);
      if (result === 'missing') return notFound(reply);
      return reply.redirect(paths.job(request.params.id), 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/jobs/:id/delete',
    { schema: { params: jobParams } },
    async (request, reply) => {
      const job = await context.store.get(request.params.id);
      if (job === null) return notFound(reply);
      // A job that has not ended stays; the history shows it with its progress link.
      await context.queue.remove(job.id);
      return reply.redirect(paths.history(), 303);
    },
  );
}
