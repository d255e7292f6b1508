/**
 * Access verdicts from security annotations (metrics.md §1.7, case C09) and from checks in the
 * body. Annotations are read per family: the method's own (or the nearest overridden method's)
 * annotation of a family wins over the class's; the families all apply.
 */
import type { AnnotationView, PlacedAnnotation } from './annotation-view.js';
import { findPlaced } from './annotation-view.js';
import type { AccessVerdict } from './access.js';
import type { CallView } from './api-calls.js';
import { isLibraryType, simpleName } from './catalogue/names.js';
import {
  ANY_AUTHENTICATED_ROLE,
  BODY_AUTH_CHECKS,
  EXPRESSION_EFFECTS,
  SECURED_KEYWORDS,
  SECURITY_ANNOTATIONS,
  SECURITY_FAMILIES,
  type AccessEffect,
  type SecurityAnnotation,
} from './catalogue/security.js';
import { ownValue } from '../model/type-index.js';
import type { Callable } from '../model/types.js';

/**
 * Annotation verdicts for `callable` run by an instance of `handlerTypeId`: per family, the
 * annotations on the nearest method of its override hierarchy that has one, else on the nearest
 * type of the handler's type hierarchy that has one (meta-annotations included, case C04).
 * Constructors, static and private methods get none: method security intercepts calls through
 * the bean's proxy, which never runs those.
 */
export function annotationVerdicts(
  callable: Callable,
  handlerTypeId: string,
  view: AnnotationView,
): AccessVerdict[] {
  const out: AccessVerdict[] = [];
  const proxied =
    callable.kind === 'method' &&
    !callable.modifiers.includes('static') &&
    !callable.modifiers.includes('private');
  if (!proxied) return out;
  for (const family of SECURITY_FAMILIES) {
    const entries = SECURITY_ANNOTATIONS.filter((a) => a.family === family);
    const names = entries.map((e) => e.name);
    const onMethod = view.inHierarchy(callable, names);
    const onClass = view.onTypeHierarchy(handlerTypeId, names);
    const chosen = onMethod ?? onClass;
    if (!chosen) continue;
    const overridden = onMethod && onClass ? findPlaced(onClass.annotations, names) : undefined;
    for (const annotation of chosen.annotations) {
      const entry = entries.find((e) => findPlaced([annotation], [e.name]));
      if (!entry) continue;
      const where = onMethod
        ? `on method ${shortCallable(chosen.ownerId)}`
        : `on class ${simpleName(chosen.ownerId)}`;
      const overrides = overridden ? ` (overrides class-level ${describeAnnotation(overridden)})` : '';
      out.push({
        effect: annotationEffect(entry, annotation),
        family,
        evidence: {
          source: 'annotation',
          effect: annotationEffect(entry, annotation),
          detail: `${describeAnnotation(annotation)} ${where}${overrides}`,
          file: annotation.file,
          line: annotation.line,
        },
      });
    }
  }
  return out;
}

/** Verdicts from authentication checks in the body (metrics.md §1.7): one per check kind, at its first call site. */
export function bodyVerdicts(callable: Callable, calls: readonly CallView[]): AccessVerdict[] {
  const out = new Map<string, AccessVerdict>();
  for (const call of calls) {
    const byName = ownValue(BODY_AUTH_CHECKS.methods, call.method);
    const onHolder =
      call.receiverType !== null &&
      BODY_AUTH_CHECKS.holderTypes.some((t) => isLibraryType(call.receiverType!, t));
    const effect: AccessEffect | undefined = byName ?? (onHolder ? 'authenticated' : undefined);
    if (!effect) continue;
    const check = onHolder ? `${simpleName(call.receiverType!)}.${call.method}()` : `${call.method}()`;
    if (out.has(check)) continue;
    out.set(check, {
      effect,
      evidence: {
        source: 'body',
        effect,
        detail: `${check} called in ${shortCallable(callable.id)}`,
        file: callable.file,
        line: call.site.line,
      },
    });
  }
  return [...out.values()];
}

/** What a security annotation requires, from its meaning and values. */
function annotationEffect(entry: SecurityAnnotation, annotation: PlacedAnnotation): AccessEffect {
  const values = [
    ...(annotation.use.args['value']?.strings ?? []),
    ...(annotation.use.args['value']?.names ?? []).map(simpleName),
  ];
  switch (entry.meaning) {
    case 'public':
    case 'denied':
    case 'authenticated':
      return entry.meaning;
    case 'roles':
      return values.includes(ANY_AUTHENTICATED_ROLE) ? 'authenticated' : 'authorized';
    case 'expression':
      return expressionEffect(values[0] ?? '');
    case 'secured-attributes': {
      // Any one attribute grants access (Spring's AffirmativeBased voting, Micronaut's rule list): the most open wins.
      const effects = values.map((v) => ownValue(SECURED_KEYWORDS, v) ?? 'authorized');
      for (const e of ['public', 'authenticated', 'authorized', 'denied'] as const)
        if (effects.includes(e)) return e;
      return 'authorized';
    }
  }
}

/** A SpEL access expression: a whole fixed expression (`permitAll()`), else roles or authorities are required. */
export function expressionEffect(expression: string): AccessEffect {
  const compact = [...expression].filter((ch) => ch !== ' ').join('');
  return ownValue(EXPRESSION_EFFECTS, compact) ?? 'authorized';
}

/** `@RolesAllowed("auditor")`, `@PreAuthorize("hasRole('OPERATOR')") via @AdminEndpoint`. */
export function describeAnnotation(a: PlacedAnnotation): string {
  const strings = a.use.args['value']?.strings ?? [];
  const args = strings.length > 0 ? `(${strings.map((s) => JSON.stringify(s)).join(', ')})` : '';
  const via = a.viaSimple.length > 0 ? ` via ${a.viaSimple.map((v) => `@${v}`).join(' → ')}` : '';
  return `@${a.simpleName}${args}${via}`;
}

/** `com.x.Foo#bar(String)` → `Foo#bar(String)`. */
export function shortCallable(id: string): string {
  const hash = id.indexOf('#');
  return hash < 0 ? simpleName(id) : `${simpleName(id.slice(0, hash))}${id.slice(hash)}`;
}
