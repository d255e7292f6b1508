/**
 * Spring Security `HttpSecurity` rules matched against entrypoint requests (metrics.md §1.7,
 * cases C10, C11): the chain whose `securityMatcher` matches is chosen (chains with a matcher
 * before the catch-all chain, as Spring requires), then its rules are tried in declaration
 * order and the first matching rule decides; a verb-specific rule matches only that verb.
 */
import type { HttpSecurityConfig, HttpSecurityRule } from '../model/types.js';
import { ownValue } from '../model/type-index.js';
import type { AccessVerdict } from './access.js';
import { antMatch, patternCovers } from './ant-path.js';
import { HTTP_ACCESS_EFFECTS, type AccessEffect } from './catalogue/security.js';
import type { RequestShape } from './entrypoints.js';
import { expressionEffect, shortCallable } from './method-security.js';

/** The `HttpSecurity` chains of production code, in model order. */
export class HttpSecurityChains {
  /** Chains with a `securityMatcher` first, then those applying to every request. */
  private readonly ordered: HttpSecurityConfig[];

  /** Every verb some rule is restricted to, sorted: the verbs worth telling apart for a request of any verb. */
  readonly ruleVerbs: string[];

  constructor(readonly configs: readonly HttpSecurityConfig[]) {
    this.ruleVerbs = [
      ...new Set(configs.flatMap((c) => c.rules.flatMap((r) => (r.method ? [r.method] : [])))),
    ].sort();
    this.ordered = [
      ...configs.filter((c) => c.securityMatchers.length > 0),
      ...configs.filter((c) => c.securityMatchers.length === 0),
    ];
  }

  /** Whether the callable builds one of the chains. */
  declaredIn(callableId: string): boolean {
    return this.configs.some((c) => c.callableId === callableId);
  }

  /**
   * The verdict of the first rule of the applicable chain that matches `request`; null when no
   * chain applies, no rule matches, the deciding rule's access is not understood, or the route
   * is unknown and a rule that might match it comes before any catch-all.
   */
  verdict(request: RequestShape): AccessVerdict | null {
    const chain = this.ordered.find((c) => chainApplies(c, request.route));
    if (!chain) return null;
    for (const [i, rule] of chain.rules.entries()) {
      if (rule.method !== null && rule.method !== request.verb) continue;
      const patterns = rulePatterns(rule);
      const matched =
        request.route === null
          ? patterns.find(isCatchAll)
          : patterns.find((p) => antMatch(p, request.route!));
      if (matched === undefined) {
        if (request.route === null) return null;
        continue;
      }
      const effect = ruleEffect(rule);
      if (!effect) return null;
      const via = rule.anyRequest ? '' : ` (matched "${matched}")`;
      return {
        effect,
        evidence: {
          source: 'http-security',
          effect,
          detail: `rule ${i + 1} ${describeRule(rule)} in ${shortCallable(chain.callableId)}${via}`,
          file: rule.file,
          line: rule.line,
        },
      };
    }
    return null;
  }

  /**
   * Notes on rules that can never decide because an earlier rule of the same chain matches every
   * request they match (case C11), and on rules whose access is not understood.
   */
  ruleNotes(): string[] {
    const notes: string[] = [];
    for (const chain of this.configs) {
      chain.rules.forEach((rule, j) => {
        if (!ruleEffect(rule)) {
          notes.push(
            `${rule.file}:${rule.line}: HttpSecurity rule ${j + 1} ${describeRule(rule)} has an access check that is not understood; it decides nothing here`,
          );
        }
        const shadowing = chain.rules.slice(0, j).findIndex((earlier) => shadows(earlier, rule));
        const earlier = chain.rules[shadowing];
        if (earlier) {
          notes.push(
            `${rule.file}:${rule.line}: HttpSecurity rule ${j + 1} ${describeRule(rule)} in ${shortCallable(chain.callableId)} is shadowed by rule ${shadowing + 1} ${describeRule(earlier)} (line ${earlier.line}) and never decides`,
          );
        }
      });
    }
    return notes;
  }

  /** A note when several chains apply to every request: only the first is used. */
  overlapNotes(): string[] {
    const unscoped = this.configs.filter((c) => c.securityMatchers.length === 0);
    const [first] = unscoped;
    if (!first || unscoped.length < 2) return [];
    return [
      `${unscoped.length} HttpSecurity chains apply to every request (${unscoped.map((c) => shortCallable(c.callableId)).join(', ')}); only the first, ${shortCallable(first.callableId)}, is used`,
    ];
  }
}

/** Whether a chain's `securityMatcher` covers the route (an unknown route only by a catch-all matcher). */
function chainApplies(chain: HttpSecurityConfig, route: string | null): boolean {
  if (chain.securityMatchers.length === 0) return true;
  return chain.securityMatchers.some((p) => (route === null ? isCatchAll(p) : antMatch(p, route)));
}

function rulePatterns(rule: HttpSecurityRule): string[] {
  return rule.anyRequest ? ['/**'] : rule.patterns;
}

function isCatchAll(pattern: string): boolean {
  return patternCovers(pattern, '/**');
}

/** Whether `earlier` matches every request `later` matches: same or no verb restriction, every pattern covered. */
function shadows(earlier: HttpSecurityRule, later: HttpSecurityRule): boolean {
  if (earlier.method !== null && earlier.method !== later.method) return false;
  const earlierPatterns = rulePatterns(earlier);
  return rulePatterns(later).every((q) => earlierPatterns.some((p) => patternCovers(p, q)));
}

/** What a rule's access method requires; `access("…")` reads its expression; null when not understood. */
function ruleEffect(rule: HttpSecurityRule): AccessEffect | null {
  if (rule.access === 'access') {
    const expression = rule.accessArgs[0];
    return expression === undefined ? null : expressionEffect(expression);
  }
  return ownValue(HTTP_ACCESS_EFFECTS, rule.access) ?? null;
}

/** `GET "/api/catalog/**" → permitAll()`, `anyRequest() → authenticated()`, `"/api/admin/**" → hasRole("ADMIN")`. */
function describeRule(rule: HttpSecurityRule): string {
  const target = rule.anyRequest ? 'anyRequest()' : rule.patterns.map((p) => JSON.stringify(p)).join(', ');
  const verb = rule.method ? `${rule.method} ` : '';
  return `${verb}${target} → ${rule.access}(${rule.accessArgs.map((a) => JSON.stringify(a)).join(', ')})`;
}
