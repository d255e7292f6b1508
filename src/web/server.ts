/**
 * The HTTP service (system.md "Web service") on Fastify: one plugin per concern — health, pages,
 * API, progress stream, artifacts, assets — with a JSON schema per route, and the parts they
 * share (job store, queue, runner check) decorated once as `app.csqa`.
 *
 * Every route but `/health` lives under `${CSA_BASE_PATH}/:token/`. A request whose token
 * segment is not the token gets exactly what an unknown path gets — the same 404 page — and the
 * comparison takes the same time wherever the strings differ.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { WebContext } from './context.js';
import { notFoundPage } from './pages.js';
import { apiRoutes, notFound } from './routes/api.js';
import { artifactRoutes } from './routes/artifacts.js';
import { assetRoutes } from './routes/assets.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { pageRoutes } from './routes/pages.js';
import { addSecurityHeaders } from './security-headers.js';
import { tokenMatches } from './token.js';
import { languageOf } from './ui-text.js';

/** Options of `buildWebServer`. */
export interface WebServerOptions {
  /** Fastify's logger setting; give it `redactingStream` as its stream. Default: no logging. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds (does not start) the service on `context`. */
export async function buildWebServer(
  context: WebContext,
  options: WebServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Tokens may be up to 256 characters.
    routerOptions: { maxParamLength: 300 },
    bodyLimit: 16 * 1024,
    return503OnClosing: true,
  });
  app.decorate('csqa', context);
  addSecurityHeaders(app);
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(notFoundPage(languageOf(undefined, request.headers['accept-language']))),
  );
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .send(status === 500 ? 'internal error' : error.message);
  });
  // Progress streams outlive requests; they end before the server waits for open requests to finish.
  app.addHook('preClose', async () => {
    for (const close of [...context.streams]) close();
  });

  await app.register(healthRoutes);
  await app.register(tokenScope, { prefix: `${context.basePath}/:token` });
  return app;
}

/** Everything behind the token. */
async function tokenScope(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    const given = (request.params as { token?: string }).token ?? '';
    if (!tokenMatches(given, app.csqa.token)) return notFound(reply);
    // Another site's page cannot know the token, but a browser says where a request came from;
    // a state change from another site is refused all the same.
    if (
      request.method !== 'GET' &&
      request.method !== 'HEAD' &&
      request.headers['sec-fetch-site'] === 'cross-site'
    ) {
      return reply.code(403).type('text/plain; charset=utf-8').send('cross-site request refused');
    }
  });
  await app.register(pageRoutes);
  await app.register(apiRoutes);
  await app.register(eventRoutes);
  await app.register(artifactRoutes);
  await app.register(assetRoutes);
}
