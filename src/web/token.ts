/**
 * The access token (system.md "Web service"): the first path segment after the base path. It
 * is compared in constant time, generated URL-safe when none is configured, and cut out of
 * everything the service logs.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new token: 32 random bytes in base64url (43 characters, never `/` or `+`). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether `given` is `expected`, in time that does not depend on where they differ or on the
 * length of `given`: both are hashed first, and the digests are compared with `timingSafeEqual`.
 */
export function tokenMatches(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** What replaces the token in logs. */
export const TOKEN_PLACEHOLDER = '<token>';

/** `text` with every occurrence of `token` replaced by `<token>`. */
export function redactToken(text: string, token: string): string {
  return token === '' ? text : text.split(token).join(TOKEN_PLACEHOLDER);
}

/**
 * A log destination for the HTTP framework's logger that writes each line to `out` with the
 * token cut out — whatever field carries it (a URL, an error message, a header) — so no access
 * or error log ever holds it.
 */
export function redactingStream(
  token: string,
  out: { write(text: string): unknown },
): { write(line: string): void } {
  return {
    write: (line: string) => {
      out.write(redactToken(line, token));
    },
  };
}
