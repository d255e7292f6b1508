/**
 * E1 dependency classification (original-analyzer.md §3.13 "Classification"), on the catalogue
 * in `catalogue.ts`.
 */

import { BASELINE_GROUPS, SECURITY_ARTIFACTS, SECURITY_KEYWORDS } from './catalogue.js';
import type { DependencyClass } from './types.js';

/**
 * Whether `group` is `namespace` itself or lies under it. The boundary is a dot, so `com.acmex`
 * is not under `com.acme` (a test of the original pins this).
 */
export function isInNamespace(group: string, namespace: string): boolean {
  return group === namespace || group.startsWith(namespace + '.');
}

/** The words of an artifactId or keyword: lower-cased, split at `-`, `.` and `_`, empty parts dropped. */
function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-._]/)
    .filter((w) => w !== '');
}

const keywordWords = SECURITY_KEYWORDS.map(words);
const securityArtifacts = new Set(SECURITY_ARTIFACTS);

/** Whether `needle` occurs as a consecutive run in `haystack`. */
function containsRun(haystack: string[], needle: string[]): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((w, i) => haystack[start + i] === w)) return true;
  }
  return false;
}

/**
 * Whether an artifactId names a security or cryptography library: one of the catalogue's
 * keywords occurs in it as whole words, or it is one of the exactly named security artifacts
 * (see `SECURITY_KEYWORDS` for why whole words rather than substrings).
 */
export function isSecurityArtifact(artifact: string): boolean {
  if (securityArtifacts.has(artifact.toLowerCase())) return true;
  const artifactWords = words(artifact);
  return keywordWords.some((kw) => containsRun(artifactWords, kw));
}

/**
 * The internal prefix as the rules compare it: trimmed, trailing dots removed; null when empty.
 */
export function normaliseInternalPrefix(prefix: string | null): string | null {
  const trimmed = (prefix ?? '').trim().replace(/\.+$/, '');
  return trimmed === '' ? null : trimmed;
}

/**
 * Classifies one dependency by the original's rules, in order:
 * 1. under the internal prefix → SECURITY_SELF when it is a security artifact, else INTERNAL;
 * 2. under a baseline group → BASELINE (even when it is a security artifact, e.g.
 *    `org.springframework.security:spring-security-core`);
 * 3. a security artifact → RISKY_SECURITY;
 * 4. otherwise OTHER.
 * `internalPrefix` is the project groupId (see `normaliseInternalPrefix`), or null.
 */
export function classifyDependency(
  group: string,
  artifact: string,
  internalPrefix: string | null,
): DependencyClass {
  const prefix = normaliseInternalPrefix(internalPrefix);
  const security = isSecurityArtifact(artifact);
  if (prefix !== null && isInNamespace(group, prefix)) return security ? 'SECURITY_SELF' : 'INTERNAL';
  if (BASELINE_GROUPS.some((baseline) => isInNamespace(group, baseline))) return 'BASELINE';
  return security ? 'RISKY_SECURITY' : 'OTHER';
}
