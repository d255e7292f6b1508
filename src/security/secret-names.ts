/**
 * The C3 secret-identifier rule (metrics.md §2 C3): an identifier names a secret when its
 * camelCase/snake_case words include a secret word — except names of metadata about a secret
 * and paging cursors. The pipeline hands `isSecretName` to the extractor.
 */
import { identifierWords } from './words.js';

/**
 * Secret words and phrases (metrics.md §2 C3), with plurals; phrases are space-separated words.
 * `tokens` is left out on purpose: in the plural it counts language-model tokens far more often
 * than it holds credentials (`inputTokens`, `maxOutputTokens`, `cachedTokens`).
 */
const SECRET_PHRASES: readonly string[] = [
  'password',
  'passwords',
  'passwd',
  'pwd',
  'secret',
  'secrets',
  'token',
  'apikey',
  'apikeys',
  'api key',
  'api keys',
  'privatekey',
  'private key',
  'credential',
  'credentials',
  'credit card',
  'card number',
  'cvv',
  'ssn',
];

/**
 * Words that, after the secret word, make the name describe the secret rather than hold it:
 * the spec's examples (type, name, id, count, length, url, endpoint, expiry, header, param,
 * prefix, provider, service, encoder), their variants, other descriptive attributes (policy,
 * pattern, timestamps, flags) and the components that handle secrets (`tokenStore`,
 * `passwordValidator`).
 */
const METADATA_AFTER: ReadonlySet<string> = new Set([
  'type',
  'types',
  'name',
  'names',
  'id',
  'ids',
  'count',
  'length',
  'size',
  'limit',
  'usage',
  'url',
  'uri',
  'endpoint',
  'expiry',
  'expiration',
  'expires',
  'expired',
  'ttl',
  'timeout',
  'validity',
  'header',
  'param',
  'params',
  'parameter',
  'prefix',
  'suffix',
  'hint',
  'label',
  'field',
  'format',
  'pattern',
  'regex',
  'policy',
  'strength',
  'enabled',
  'required',
  'valid',
  'changed',
  'updated',
  'created',
  'at',
  'date',
  'time',
  'timestamp',
  'version',
  'status',
  'mode',
  'provider',
  'service',
  'encoder',
  'decoder',
  'validator',
  'generator',
  'manager',
  'store',
  'repository',
  'factory',
  'filter',
  'handler',
  'converter',
  'resolver',
  'parser',
  'builder',
  'extractor',
  'util',
  'utils',
  'helper',
  // Where a secret lives or how it is recovered, not the secret (`secretDirectory`, `createPasswordReset`).
  'reset',
  'recovery',
  'directory',
  'dir',
  'folder',
  'path',
  'file',
  'location',
  'link',
]);

/** Words that, right before the secret word, make the name a quantity or flag (`maxTokens`, `hasPassword`). */
const METADATA_BEFORE: ReadonlySet<string> = new Set(['max', 'min', 'num', 'total', 'has', 'is']);

/** Words before `token` that make it a paging cursor (`nextToken`, `pageToken`, `continuationToken`, `nextPageToken`). */
const CURSOR_BEFORE: ReadonlySet<string> = new Set(['next', 'page', 'continuation']);

/**
 * Whether an identifier names a secret (metrics.md §2 C3): one of `SECRET_PHRASES` occurs in its
 * words, no `METADATA_AFTER` word follows the last occurrence, the word before it is not a
 * quantity or flag prefix, and it is not a paging cursor. String literals are never passed here.
 */
export function isSecretName(identifier: string): boolean {
  const words = identifierWords(identifier);
  const found = lastSecret(words);
  if (!found) return false;
  if (words.slice(found.end).some((w) => METADATA_AFTER.has(w))) return false;
  const before = words[found.start - 1];
  if (before !== undefined && METADATA_BEFORE.has(before)) return false;
  const isToken = found.phrase === 'token' || found.phrase === 'tokens';
  return !(isToken && before !== undefined && CURSOR_BEFORE.has(before));
}

/** `SECRET_PHRASES` split into words, by first word, in list order. */
const PHRASES_BY_FIRST_WORD: ReadonlyMap<string, readonly { phrase: string; parts: readonly string[] }[]> =
  (() => {
    const byFirst = new Map<string, { phrase: string; parts: string[] }[]>();
    for (const phrase of SECRET_PHRASES) {
      const parts = phrase.split(' ');
      const first = parts[0] as string;
      const list = byFirst.get(first);
      if (list) list.push({ phrase, parts });
      else byFirst.set(first, [{ phrase, parts }]);
    }
    return byFirst;
  })();

/**
 * The last occurrence of a secret phrase in `words`: its word range and the phrase — the match
 * that ends last, and among those ending at the same word the first in `SECRET_PHRASES` order,
 * then the earliest start.
 */
function lastSecret(words: readonly string[]): { start: number; end: number; phrase: string } | null {
  let best: { start: number; end: number; phrase: string; order: number } | null = null;
  for (let start = 0; start < words.length; start++) {
    const candidates = PHRASES_BY_FIRST_WORD.get(words[start] as string);
    if (candidates === undefined) continue;
    for (const { phrase, parts } of candidates) {
      const end = start + parts.length;
      if (end > words.length || !parts.every((p, i) => words[start + i] === p)) continue;
      const order = SECRET_PHRASES.indexOf(phrase);
      if (!best || end > best.end || (end === best.end && order < best.order))
        best = { start, end, phrase, order };
    }
  }
  return best === null ? null : { start: best.start, end: best.end, phrase: best.phrase };
}
