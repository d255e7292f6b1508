/**
 * Per-callable defence flags (metrics.md §1.9): authn/authz from the access decision, and
 * validation, sanitising, rate limiting and audit from annotations (own, inherited, class-level,
 * meta), parameter annotations and resolved call sites. Validation and sanitising are decided
 * apart: neither implies the other (original defect ⚠7).
 */
import type { Callable } from '../model/types.js';
import type { AccessDecision } from './access.js';
import { findPlaced, type AnnotationView } from './annotation-view.js';
import { matchApi, type CallView } from './api-calls.js';
import {
  AUDIT_NAME_PARTS,
  CONSTRAINT_ANNOTATIONS,
  CONSTRAINT_META,
  RATE_ANNOTATIONS,
  RATE_APIS,
  SANITISER_APIS,
  SANITISER_NAME_WORDS,
  SQL_BINDING_APIS,
  VALIDATION_ANNOTATIONS,
  VALIDATION_APIS,
  VALIDATION_CALL_NAMES,
} from './catalogue/defences.js';
import { methodListed, simpleName } from './catalogue/names.js';
import type { DefenceFlags } from './types.js';
import { identifierWords } from './words.js';

const PARAMETER_VALIDATION = [...VALIDATION_ANNOTATIONS, ...CONSTRAINT_ANNOTATIONS, CONSTRAINT_META];
const RATE_NAMES = RATE_ANNOTATIONS.map((r) => r.name);

/**
 * The six defence flags of a production callable. `access` is its access decision (for an
 * entrypoint: annotations, `HttpSecurity` and body checks combined); a callable closed to
 * everyone (`denied`) counts as authenticated and authorised.
 */
export function defenceFlags(
  callable: Callable,
  calls: readonly CallView[],
  view: AnnotationView,
  access: AccessDecision,
): DefenceFlags {
  return {
    authn: access.auth === 'authenticated' || access.auth === 'denied',
    authz: access.authz,
    validation: validates(callable, calls, view),
    sanitize: sanitises(calls),
    rate: limitsRate(callable, calls, view),
    audit: audits(calls),
  };
}

/**
 * `@Valid`/`@Validated` on the method (or the method it overrides) or its class hierarchy
 * (metrics.md §1.5), `@Valid`/`@Validated`/Bean Validation constraints on a parameter (also on
 * the overridden interface method's parameter, case C03), or a validation call.
 */
function validates(callable: Callable, calls: readonly CallView[], view: AnnotationView): boolean {
  if (view.inHierarchy(callable, VALIDATION_ANNOTATIONS)) return true;
  if (classLevelApplies(callable) && view.onTypeHierarchy(callable.typeId, VALIDATION_ANNOTATIONS))
    return true;
  if (callable.parameters.some((_, i) => findPlaced(view.parameter(callable, i), PARAMETER_VALIDATION)))
    return true;
  return calls.some(
    (c) =>
      (c.site.kind === 'method' && methodListed(c.method, VALIDATION_CALL_NAMES)) ||
      VALIDATION_APIS.some((api) => matchApi(c, api)),
  );
}

/** Escaping/encoding/sanitising APIs, method names with the words sanitize/escape, or prepared-statement parameter binding. */
function sanitises(calls: readonly CallView[]): boolean {
  return calls.some(
    (c) =>
      SANITISER_APIS.some((api) => matchApi(c, api)?.confidence === 'high') ||
      (c.site.kind !== 'constructor' && identifierWords(c.method).some((w) => SANITISER_NAME_WORDS.has(w))) ||
      bindsSqlParameters(c, calls),
  );
}

/**
 * Prepared-statement parameter binding (case C17): a SQL-taking call whose SQL argument is a
 * compile-time constant with placeholders, and whose values are bound — by further arguments of
 * the same call (`JdbcTemplate.query(SQL, setter, mapper)`), or by a binding call elsewhere in
 * the callable (`ps.setLong(…)` after `prepareStatement(SQL)`).
 */
export function bindsSqlParameters(call: CallView, calls: readonly CallView[]): boolean {
  for (const api of SQL_BINDING_APIS) {
    if (!matchApi(call, api)) continue;
    const sql = call.site.args[api.sqlArgument]?.constant;
    if (sql === null || sql === undefined || !hasPlaceholder(sql)) return false;
    if (api.valuesInCall) return call.site.arity > api.sqlArgument + 1;
    return calls.some(
      (other) =>
        other.index !== call.index &&
        other.site.kind === 'method' &&
        methodListed(other.method, api.bindMethods),
    );
  }
  return false;
}

/** Whether SQL text has a JDBC `?` or a named `:name` placeholder outside quoted literals (`::` casts are not placeholders). */
export function hasPlaceholder(sql: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') return true;
    else if (ch === ':' && sql[i - 1] !== ':' && sql[i + 1] !== ':' && isNameStart(sql[i + 1] ?? ''))
      return true;
  }
  return false;
}

function isNameStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
}

/** Rate-limiting annotations on the method, its overridden methods or class hierarchy, or rate-limiter API use. */
function limitsRate(callable: Callable, calls: readonly CallView[], view: AnnotationView): boolean {
  if (view.inHierarchy(callable, RATE_NAMES)) return true;
  if (classLevelApplies(callable) && view.onTypeHierarchy(callable.typeId, RATE_NAMES)) return true;
  return calls.some((c) => RATE_APIS.some((api) => matchApi(c, api)?.confidence === 'high'));
}

/**
 * Class-level `@Validated` and rate annotations act through the bean's proxy: on its methods
 * called from outside, never on constructors, static or private methods.
 */
function classLevelApplies(callable: Callable): boolean {
  return (
    callable.kind === 'method' &&
    !callable.modifiers.includes('static') &&
    !callable.modifiers.includes('private')
  );
}

/** A call whose method name, receiver name or receiver type contains `audit`, `securityLog` or `secLog` (any case). */
function audits(calls: readonly CallView[]): boolean {
  return calls.some((c) => {
    const names = [c.method, c.receiverName ?? '', c.receiverType === null ? '' : simpleName(c.receiverType)];
    return names.some((n) => AUDIT_NAME_PARTS.some((part) => n.toLowerCase().includes(part)));
  });
}
