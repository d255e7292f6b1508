/**
 * A job's report and downloads: `jobs/:id/report` shows `report.html` under
 * `Content-Security-Policy: sandbox allow-scripts` — its scripts run, but in an opaque origin, so
 * whatever the analysed repository put into it can never act with the service's origin (and its
 * token); `report.json`, `report.sarif` and `container.log` are attachments.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { jobDirFor } from '../job-queue.js';
import { DOWNLOADS, type DownloadKind } from '../paths.js';
import { jobParams, notFound } from './api.js';

/** The report's policy: scripts yes, same origin never. */
export const REPORT_CSP = 'sandbox allow-scripts';

/** What downloads are sent as. */
const DOWNLOAD_TYPES: Record<DownloadKind, string> = {
  json: 'application/json; charset=utf-8',
  sarif: 'application/sarif+json; charset=utf-8',
  log: 'text/plain; charset=utf-8',
};

/** Registers the report and download routes inside the token scope. */
export async function artifactRoutes(app: FastifyInstance): Promise<void> {
  const context = app.csqa;

  /** Sends `file` of job `id`'s directory with `headers`, or the not-found answer when there is none. */
  const sendFile = async (
    reply: FastifyReply,
    id: string,
    file: string,
    headers: Record<string, string>,
  ): Promise<FastifyReply> => {
    const filePath = path.join(jobDirFor(context.outBase, id), file);
    const info = await stat(filePath).catch(() => null);
    if (info === null || !info.isFile()) return notFound(reply);
    return reply
      .headers({ ...headers, 'Cache-Control': 'private, no-cache', 'Content-Length': String(info.size) })
      .send(createReadStream(filePath));
  };

  app.get<{ Params: { id: string } }>(
    '/jobs/:id/report',
    { schema: { params: jobParams } },
    async (request, reply) => {
      const job = await context.store.get(request.params.id);
      if (job === null) return notFound(reply);
      if (job.status === 'queued' || job.status === 'running')
        return reply.redirect(context.paths.job(job.id), 303);
      if (job.status !== 'done') return notFound(reply);
      return sendFile(reply, job.id, 'report.html', {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': REPORT_CSP,
      });
    },
  );

  for (const kind of Object.keys(DOWNLOADS) as DownloadKind[]) {
    const file = DOWNLOADS[kind];
    app.get<{ Params: { id: string } }>(
      `/jobs/:id/${file}`,
      { schema: { params: jobParams } },
      async (request, reply) => {
        const job = await context.store.get(request.params.id);
        if (job === null) return notFound(reply);
        const name = `csqa-${job.repoName.replace(/[^A-Za-z0-9._-]+/g, '_')}-${job.id.slice(0, 8)}${path.extname(file) || '.txt'}`;
        return sendFile(reply, job.id, file, {
          'Content-Type': DOWNLOAD_TYPES[kind],
          'Content-Disposition': `attachment; filename="${name}"`,
          // Opened in a tab instead of saved, a download is inert all the same.
          'Content-Security-Policy': "default-src 'none'; sandbox",
        });
      },
    );
  }
}
