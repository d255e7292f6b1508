import type { TypeIndex, TypeScope } from './type-index.js';
import type { AnnotationUse } from './types.js';

/**
 * An annotation in effect on an element: written there, or reached through a repository
 * annotation type that carries it (a meta-annotation, metrics.md §1.5).
 */
export interface EffectiveAnnotation {
  /** Qualified name when known (imports, or the repository type's id), else the simple name as written. */
  name: string;
  simpleName: string;
  /** Whether `name` is qualified (decided by an import, a qualified use, or a repository type). */
  qualified: boolean;
  /** The annotation as written where it takes effect (its arguments). */
  use: AnnotationUse;
  /** The repository annotation types it was reached through, outermost first; empty when written directly. */
  via: string[];
}

/** A catalogue entry for an annotation: its qualified names (several packages may define it) and simple name. */
export interface AnnotationName {
  simple: string;
  qualified: string[];
}

/**
 * Expands annotations written at `scope` into the annotations in effect, following repository
 * annotation types transitively (cycles are cut). Written annotations come first, in source order.
 */
export function effectiveAnnotations(
  written: AnnotationUse[],
  scope: TypeScope,
  index: TypeIndex,
): EffectiveAnnotation[] {
  const out: EffectiveAnnotation[] = [];
  const expand = (uses: AnnotationUse[], at: TypeScope, via: string[], seen: Set<string>): void => {
    for (const use of uses) {
      const simpleName = use.name.slice(use.name.lastIndexOf('.') + 1);
      const resolved = index.resolve(use.name, at);
      if (resolved?.kind === 'repo') {
        out.push({ name: resolved.id, simpleName, qualified: true, use, via });
        const decl = index.type(resolved.id);
        const declScope = index.scopeOf(resolved.id);
        if (decl && declScope && decl.kind === 'annotation' && !seen.has(resolved.id)) {
          expand(decl.annotations, declScope, [...via, resolved.id], new Set([...seen, resolved.id]));
        }
        continue;
      }
      const qualifiedName = use.qualifiedName ?? (use.name.includes('.') ? use.name : null);
      out.push({
        name: qualifiedName ?? simpleName,
        simpleName,
        qualified: qualifiedName !== null,
        use,
        via,
      });
    }
  };
  expand(written, scope, [], new Set());
  return out;
}

/**
 * Whether an effective annotation is the catalogue's annotation: equal qualified names, or —
 * when the use's qualified name is unknown (wildcard import) — equal simple names. Never a
 * substring or prefix match (case C04).
 */
export function isAnnotation(annotation: EffectiveAnnotation, target: AnnotationName): boolean {
  if (annotation.qualified) return target.qualified.includes(annotation.name);
  return annotation.simpleName === target.simple;
}

/** The first effective annotation matching any of `targets`, or undefined. */
export function findAnnotation(
  annotations: EffectiveAnnotation[],
  targets: AnnotationName[],
): EffectiveAnnotation | undefined {
  return annotations.find((a) => targets.some((t) => isAnnotation(a, t)));
}
