/**
 * The pages' script, style sheet and fonts, served from the service itself: the pages'
 * Content-Security-Policy allows nothing else, and nothing is fetched from a third party.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { notFound } from './api.js';

const require = createRequire(import.meta.url);

/** One asset: its bytes and content type. */
interface Asset {
  body: Buffer;
  type: string;
}

/**
 * Folder of the browser files. tsc does not emit them, so they are read from `src/web/client/`
 * of the package (four levels above `dist/src/web/routes/`), or from a `client/` folder next to
 * the web modules when a build copies them there.
 */
function clientDirectory(): string {
  const candidates = [
    new URL('../client/', import.meta.url),
    new URL('../../../../src/web/client/', import.meta.url),
  ];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(path.join(dir, 'web.js'))) return dir;
  }
  throw new Error('web client files not found (expected src/web/client/ in the package)');
}

function loadAssets(): Map<string, Asset> {
  const dir = clientDirectory();
  const assets = new Map<string, Asset>([
    ['web.js', { body: readFileSync(path.join(dir, 'web.js')), type: 'text/javascript; charset=utf-8' }],
    ['web.css', { body: readFileSync(path.join(dir, 'web.css')), type: 'text/css; charset=utf-8' }],
    ['favicon.svg', { body: readFileSync(path.join(dir, 'favicon.svg')), type: 'image/svg+xml' }],
  ]);
  for (const subset of ['latin', 'cyrillic']) {
    for (const weight of ['400', '700']) {
      const file = require.resolve(
        `@fontsource/jetbrains-mono/files/jetbrains-mono-${subset}-${weight}-normal.woff2`,
      );
      assets.set(`font-${subset}-${weight}.woff2`, { body: readFileSync(file), type: 'font/woff2' });
    }
  }
  return assets;
}

/** Registers `GET assets/:name` inside the token scope. */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const assets = loadAssets();
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    {
      schema: {
        params: {
          type: 'object',
          properties: { token: { type: 'string' }, name: { type: 'string', enum: [...assets.keys()] } },
          required: ['name'],
        },
      },
      // A name outside the list is an unknown path, not a bad request.
      errorHandler: (_error, _request, reply) => notFound(reply),
    },
    async (request, reply) => {
      const asset = assets.get(request.params.name);
      if (asset === undefined) return notFound(reply);
      return reply.type(asset.type).header('Cache-Control', 'private, max-age=3600').send(asset.body);
    },
  );
}
