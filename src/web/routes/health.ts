/**
 * `/health` (and `${CSA_BASE_PATH}/health`): the only route without the token. It checks that
 * the job store answers a query and that the runner can run jobs (the Docker daemon answers),
 * and says no more than that.
 */
import type { FastifyInstance } from 'fastify';

const healthSchema = {
  response: {
    '2xx': {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['ok', 'unhealthy'] },
        store: { type: 'string', enum: ['ok', 'unavailable'] },
        runner: {
          type: 'object',
          properties: { kind: { type: 'string' }, ok: { type: 'boolean' } },
        },
      },
    },
  },
} as const;

/** Registers the health routes; 200 when both parts answer, 503 otherwise. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const paths = app.csqa.basePath === '' ? ['/health'] : ['/health', `${app.csqa.basePath}/health`];
  for (const url of paths) {
    app.get(url, { schema: healthSchema }, async (_request, reply) => {
      const storeOk = await app.csqa.store.check().then(
        () => true,
        (error: unknown) => {
          app.log.error({ err: error }, 'health: the job store does not answer');
          return false;
        },
      );
      const runner = await app.csqa.checkRunner();
      if (!runner.ok)
        app.log.warn(`health: the ${runner.kind} runner cannot run jobs: ${runner.detail ?? ''}`);
      const healthy = storeOk && runner.ok;
      return reply.code(healthy ? 200 : 503).send({
        status: healthy ? 'ok' : 'unhealthy',
        store: storeOk ? 'ok' : 'unavailable',
        runner: { kind: runner.kind, ok: runner.ok },
      });
    });
  }
}
