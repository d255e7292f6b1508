/**
 * Access verdicts of single sources and their combination (metrics.md §1.7): a request passes
 * the filter chain, then method security, so the result is denied if any source denies,
 * authenticated if any requires authentication, public only when the sources that say anything
 * all allow anonymous access, and unknown when none says anything.
 */
import type { AccessEffect, SecurityFamily } from './catalogue/security.js';
import type { AuthEvidence, AuthStatus } from './types.js';

/** What one source (an annotation family, an `HttpSecurity` rule, a body check) says, with its evidence. */
export interface AccessVerdict {
  effect: AccessEffect;
  evidence: AuthEvidence;
  /** The annotation family, for annotation verdicts. */
  family?: SecurityFamily;
}

/** The combined access decision of an entrypoint or callable. */
export interface AccessDecision {
  auth: AuthStatus;
  /** Roles or authorities are required (or access is denied to everyone). */
  authz: boolean;
  /** The verdicts that decided it. */
  evidence: AuthEvidence[];
  /** Annotation families among the deciding verdicts. */
  families: SecurityFamily[];
}

/** Combines the verdicts of every source that applies to one request. */
export function combineVerdicts(verdicts: readonly AccessVerdict[]): AccessDecision {
  const pick = (effects: AccessEffect[]): AccessVerdict[] =>
    verdicts.filter((v) => effects.includes(v.effect));
  const denied = pick(['denied']);
  if (denied.length > 0) return decision('denied', true, denied);
  const required = pick(['authenticated', 'authorized']);
  if (required.length > 0)
    return decision(
      'authenticated',
      required.some((v) => v.effect === 'authorized'),
      required,
    );
  const open = pick(['public']);
  if (open.length > 0) return decision('public', false, open);
  return decision('unknown', false, []);
}

/**
 * The most open of several decisions (an entrypoint serving several routes, verbs or handler
 * classes is as exposed as its most exposed request): public, then unknown, then authenticated,
 * authenticated with roles, denied. The first wins a tie.
 */
export function mostOpen(decisions: readonly AccessDecision[]): AccessDecision {
  let best: AccessDecision | undefined;
  for (const d of decisions) if (!best || openness(d) > openness(best)) best = d;
  return best ?? decision('unknown', false, []);
}

function openness(d: AccessDecision): number {
  switch (d.auth) {
    case 'public':
      return 4;
    case 'unknown':
      return 3;
    case 'authenticated':
      return d.authz ? 1 : 2;
    case 'denied':
      return 0;
  }
}

function decision(auth: AuthStatus, authz: boolean, verdicts: AccessVerdict[]): AccessDecision {
  return {
    auth,
    authz,
    evidence: verdicts.map((v) => v.evidence),
    families: [...new Set(verdicts.flatMap((v) => (v.family ? [v.family] : [])))],
  };
}
