/**
 * Headers on every answer (reference §8.1 S2, S6): no referrer (URLs carry the token), no
 * framing, no MIME sniffing, and a Content-Security-Policy that lets pages load scripts, styles,
 * fonts and connections from the service only — no inline script or style. Reports replace the
 * policy with `sandbox allow-scripts` (artifacts.ts); answers that set no caching are not stored.
 */
import type { FastifyInstance } from 'fastify';

/** The pages' Content-Security-Policy. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every answer carries (the progress stream writes them itself). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Adds the headers to every answer of `app`. */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', PAGE_CSP);
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
