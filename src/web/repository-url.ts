/**
 * What a user may ask the web service to analyse (system.md "Web service"): an HTTPS URL of an
 * allowed host in its canonical form `https://<host>/<owner>/<repo>.git`, and an optional ref.
 * Everything else — userinfo, ports, query strings, fragments, extra path segments, IP literals,
 * local names, `http:`, `ssh:`, `git@host:` and `file:` URLs — is refused with a reason the
 * page shows in the user's language. The result is only ever passed to git as one argument of
 * an argument array, never to a shell.
 *
 * One exception exists for tests alone: `fileRepositoryRoot` (see `WebConfig`) lets `file://`
 * URLs of bare repositories strictly inside one folder through.
 */
import path from 'node:path';

/** Why a repository URL or ref was refused; the keys of the messages in ui-text.ts. */
export type RepositoryRejection =
  | 'empty'
  | 'too_long'
  | 'whitespace'
  | 'not_url'
  | 'ssh'
  | 'file'
  | 'http'
  | 'scheme'
  | 'userinfo'
  | 'port'
  | 'query'
  | 'fragment'
  | 'address'
  | 'host_not_allowed'
  | 'path_shape'
  | 'name'
  | 'encoded';

/** Why a ref was refused; the keys of the messages in ui-text.ts. */
export type RefRejection = 'ref_too_long' | 'ref_chars' | 'ref_shape';

/** A repository the service may clone. */
export interface RepositoryTarget {
  /** Canonical URL handed to git: `https://<host>/<owner>/<repo>.git`, or the test-only `file://` URL. */
  url: string;
  /** `owner/repo` as typed (case kept), for pages and the job list; the folder name for `file://`. */
  name: string;
}

/** What the rules depend on. */
export interface RepositoryRules {
  /** Lower-case host names a URL may name (`CSQA_ALLOWED_GIT_HOSTS`). */
  allowedHosts: readonly string[];
  /**
   * Test-only: absolute folder whose bare repositories may be named by `file://` URLs
   * (`CSQA_TEST_ONLY_UNSAFE_FILE_REPOS_DIR`); undefined in production.
   */
  fileRepositoryRoot?: string;
}

/** The outcome of a check: the value, or the reason it was refused. */
export type Checked<T, R extends string> = { ok: true; value: T } | { ok: false; reason: R };

/** Longest URL accepted, in characters (GitHub names stay far below it). */
export const MAX_URL_LENGTH = 300;
/** Longest ref accepted, in characters. */
export const MAX_REF_LENGTH = 200;

/** Owner names: GitHub's rule (letters, digits, single dashes inside) widened by `.` and `_` for other hosts. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_])?$/;
/** Repository names: letters, digits, `.`, `_`, `-`; never `.` or `..` (checked apart). */
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Checks `input` (as typed: surrounding whitespace is ignored) against the rules and returns the
 * canonical target, or the first rule it breaks.
 */
export function checkRepositoryUrl(
  input: string,
  rules: RepositoryRules,
): Checked<RepositoryTarget, RepositoryRejection> {
  const text = input.trim();
  const fail = (reason: RepositoryRejection): { ok: false; reason: RepositoryRejection } => ({
    ok: false,
    reason,
  });
  if (text === '') return fail('empty');
  if (text.length > MAX_URL_LENGTH) return fail('too_long');
  // Interior spaces, tabs and newlines, and every other control character.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail('whitespace');
  if (/^[\w.-]+@[\w.-]+:/.test(text) || /^(?:git\+)?ssh:/i.test(text)) return fail('ssh');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return fail('not_url');
  if (scheme === 'file') return checkFileUrl(text, rules.fileRepositoryRoot);
  if (scheme === 'http') return fail('http');
  if (scheme !== 'https') return fail('scheme');
  if (!text.slice(scheme.length + 1).startsWith('//')) return fail('not_url');
  if (text.includes('%')) return fail('encoded');

  const rest = text.slice('https://'.length);
  const hostEnd = rest.search(/[/?#]/);
  const authority = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  const afterHost = hostEnd === -1 ? '' : rest.slice(hostEnd);
  if (authority.includes('@')) return fail('userinfo');
  if (/:\d*$/.test(authority) && !authority.startsWith('[')) return fail('port');
  const host = authority.toLowerCase();
  if (isLocalOrAddress(host)) return fail('address');
  if (!rules.allowedHosts.includes(host)) return fail('host_not_allowed');
  if (afterHost.includes('?')) return fail('query');
  if (afterHost.includes('#')) return fail('fragment');

  const segments = afterHost.replace(/^\//, '').replace(/\/$/, '').split('/');
  if (segments.length !== 2) return fail('path_shape');
  const [owner = '', repoWithSuffix = ''] = segments;
  const repo = repoWithSuffix.replace(/\.git$/i, '');
  if (!OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') return fail('name');
  return { ok: true, value: { url: `https://${host}/${owner}/${repo}.git`, name: `${owner}/${repo}` } };
}

/**
 * Whether `host` is an address or a local name rather than a public host name: an IPv4 or IPv6
 * literal in any spelling (`127.1`, `0x7f.0.0.1`, `2130706433`, `[::1]`), `localhost` and
 * names under it, names without a dot, and the special-use suffixes `.local`, `.internal`,
 * `.home.arpa`, `.lan`. Such names are refused even when an administrator lists them.
 */
export function isLocalOrAddress(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.startsWith('[') || name.includes(':')) return true;
  // Every label numeric (decimal, octal or hex) is how resolvers read dotted and bare IPv4 forms.
  if (name.split('.').every((label) => /^(?:0x[0-9a-f]*|\d+)$/.test(label))) return true;
  if (!name.includes('.')) return true;
  return /(?:^|\.)(?:localhost|local|internal|home\.arpa|lan|localdomain)$/.test(name);
}

/** Whether `host` is fit for `CSQA_ALLOWED_GIT_HOSTS`: a lower-case public DNS name. */
export function isAllowableHost(host: string): boolean {
  return (
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(
      host,
    ) && !isLocalOrAddress(host)
  );
}

/**
 * The test-only `file://` case: `file:///<root>/<name>.git` (or without `.git`) naming a folder
 * directly inside `root`, with no `..`, `.` or encoded segment. Refused as `file` whenever no
 * root is configured.
 */
function checkFileUrl(
  text: string,
  root: string | undefined,
): Checked<RepositoryTarget, RepositoryRejection> {
  if (root === undefined) return { ok: false, reason: 'file' };
  const match = /^file:\/\/(\/[^?#%]*)$/i.exec(text);
  const filePath = match?.[1];
  if (filePath === undefined || filePath.split('/').some((s) => s === '..' || s === '.')) {
    return { ok: false, reason: 'file' };
  }
  const resolved = path.posix.normalize(filePath).replace(/\/$/, '');
  if (path.posix.dirname(resolved) !== path.posix.normalize(root).replace(/\/$/, '')) {
    return { ok: false, reason: 'file' };
  }
  const name = path.posix.basename(resolved);
  if (!REPO.test(name)) return { ok: false, reason: 'name' };
  return { ok: true, value: { url: `file://${resolved}`, name: name.replace(/\.git$/i, '') } };
}

/**
 * Checks an optional ref (branch, tag or commit SHA); `''` means the default branch. Follows
 * `git check-ref-format` for what a user would type, and never lets a ref start with `-`, so
 * it cannot be read as an option.
 */
export function checkRef(input: string): Checked<string, RefRejection> {
  const ref = input.trim();
  if (ref === '') return { ok: true, value: '' };
  if (ref.length > MAX_REF_LENGTH) return { ok: false, reason: 'ref_too_long' };
  if (!/^[A-Za-z0-9._/+-]+$/.test(ref)) return { ok: false, reason: 'ref_chars' };
  const badShape =
    ref.startsWith('-') ||
    ref.startsWith('/') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock') ||
    ref.includes('..') ||
    ref.includes('//') ||
    ref.split('/').some((part) => part.startsWith('.'));
  return badShape ? { ok: false, reason: 'ref_shape' } : { ok: true, value: ref };
}
