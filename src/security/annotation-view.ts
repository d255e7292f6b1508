/**
 * The annotations in effect on callables, their parameters and their types (metrics.md §1.5):
 * written ones with meta-annotations expanded, those inherited from overridden methods of
 * repository supertypes (Spring's and JAX-RS's annotation inheritance, case C03), and class
 * level ones found on a type or its repository supertypes.
 */
import type { CodeModel } from '../model/code-model.js';
import { effectiveAnnotations, isAnnotation, type EffectiveAnnotation } from '../model/annotations.js';
import type { TypeIndex, TypeScope } from '../model/type-index.js';
import type { AnnotationUse, Callable, TypeDecl } from '../model/types.js';
import { simpleName, type LibraryName } from './catalogue/names.js';

/** An effective annotation with the place where it takes effect. */
export interface PlacedAnnotation extends EffectiveAnnotation {
  /** File and line of the annotation written on the element (for a meta-annotation: of the annotation that carries it). */
  file: string;
  line: number;
  /** The written annotations it was reached through, outermost first, as simple names (`['AdminEndpoint']`). */
  viaSimple: string[];
}

/** Annotations written on one element, with the element it is written on. */
export interface AnnotatedElement {
  /** The callable or type id the annotations are written on. */
  ownerId: string;
  annotations: PlacedAnnotation[];
}

/** The first annotation of `annotations` that is one of `targets` (whole qualified or simple names, see `isAnnotation`). */
export function findPlaced(
  annotations: readonly PlacedAnnotation[],
  targets: readonly LibraryName[],
): PlacedAnnotation | undefined {
  return annotations.find((a) => targets.some((t) => isAnnotation(a, t)));
}

/** Effective annotations of callables, parameters and types, cached per element. */
export class AnnotationView {
  private readonly callableCache = new Map<string, PlacedAnnotation[]>();
  private readonly parameterCache = new Map<string, PlacedAnnotation[]>();
  private readonly typeCache = new Map<string, PlacedAnnotation[]>();
  private readonly fieldCache = new Map<string, PlacedAnnotation[]>();
  private readonly hierarchyCache = new Map<string, Callable[]>();
  private readonly typeHierarchyCache = new Map<string, string[]>();
  private production: Callable[] | undefined;

  constructor(
    private readonly model: CodeModel,
    readonly index: TypeIndex,
  ) {}

  /** The scope a callable's own names resolve in. */
  scopeOf(callable: Callable): TypeScope | null {
    const file = this.index.fileOf(callable.typeId);
    return file ? { file, typeId: callable.typeId, typeParameters: callable.typeParameters } : null;
  }

  /** Annotations written on the callable itself, meta-annotations expanded. */
  own(callable: Callable): PlacedAnnotation[] {
    let cached = this.callableCache.get(callable.id);
    if (!cached) {
      const scope = this.scopeOf(callable);
      cached = scope ? place(callable.annotations, scope, callable.file, this.index) : [];
      this.callableCache.set(callable.id, cached);
    }
    return cached;
  }

  /** Annotations written on a type declaration, meta-annotations expanded. */
  ofType(typeId: string): PlacedAnnotation[] {
    let cached = this.typeCache.get(typeId);
    if (!cached) {
      const decl = this.index.type(typeId);
      const scope = this.index.scopeOf(typeId);
      cached = decl && scope ? place(decl.annotations, scope, decl.file, this.index) : [];
      this.typeCache.set(typeId, cached);
    }
    return cached;
  }

  /**
   * The callable followed by the methods it overrides in repository supertypes, nearest first
   * (breadth-first over `extends` then `implements`, as declared).
   */
  hierarchy(callable: Callable): Callable[] {
    let cached = this.hierarchyCache.get(callable.id);
    if (cached) return cached;
    cached = [callable];
    if (
      callable.kind === 'method' &&
      !callable.modifiers.includes('static') &&
      !callable.modifiers.includes('private')
    ) {
      for (const typeId of this.typeHierarchy(callable.typeId).slice(1)) {
        const overridden = this.index
          .declaredCallables(typeId, callable.name)
          .find(
            (c) =>
              c.kind === 'method' &&
              !c.modifiers.includes('private') &&
              !c.modifiers.includes('static') &&
              sameSignature(callable, c, this.index),
          );
        if (overridden) cached.push(overridden);
      }
    }
    this.hierarchyCache.set(callable.id, cached);
    return cached;
  }

  /** The nearest method in `hierarchy(callable)` with an annotation from `targets`, with its annotations. */
  inHierarchy(callable: Callable, targets: readonly LibraryName[]): AnnotatedElement | null {
    for (const c of this.hierarchy(callable)) {
      const annotations = this.own(c);
      if (findPlaced(annotations, targets)) return { ownerId: c.id, annotations };
    }
    return null;
  }

  /**
   * Annotations of parameter `position`: written on it, plus those written on the same
   * parameter of every overridden method (Spring merges interface parameter annotations).
   */
  parameter(callable: Callable, position: number): PlacedAnnotation[] {
    const key = `${callable.id}\u0000${position}`;
    let cached = this.parameterCache.get(key);
    if (cached) return cached;
    cached = [];
    for (const c of this.hierarchy(callable)) {
      const param = c.parameters[position];
      const scope = this.scopeOf(c);
      if (param && scope) cached.push(...place(param.annotations, scope, c.file, this.index));
    }
    this.parameterCache.set(key, cached);
    return cached;
  }

  /** Annotations written on a field (or record component) of a type, meta-annotations expanded. */
  fieldAnnotations(typeId: string, fieldName: string): PlacedAnnotation[] {
    const key = `${typeId}\u0000${fieldName}`;
    let cached = this.fieldCache.get(key);
    if (!cached) {
      const field = this.index.declaredField(typeId, fieldName);
      const scope = this.index.scopeOf(typeId);
      cached = field && scope ? place(field.annotations, scope, scope.file.path, this.index) : [];
      this.fieldCache.set(key, cached);
    }
    return cached;
  }

  /** The type followed by its repository supertypes, breadth-first, each once. */
  typeHierarchy(typeId: string): string[] {
    let cached = this.typeHierarchyCache.get(typeId);
    if (cached) return cached;
    cached = [typeId];
    for (let i = 0; i < cached.length; i++) {
      for (const s of this.index.directSupertypes(cached[i]!)) {
        if (s.kind === 'repo' && !cached.includes(s.id)) cached.push(s.id);
      }
    }
    this.typeHierarchyCache.set(typeId, cached);
    return cached;
  }

  /** The nearest type in `typeHierarchy(typeId)` carrying an annotation from `targets`, with its annotations. */
  onTypeHierarchy(typeId: string, targets: readonly LibraryName[]): AnnotatedElement | null {
    for (const t of this.typeHierarchy(typeId)) {
      const annotations = this.ofType(t);
      if (findPlaced(annotations, targets)) return { ownerId: t, annotations };
    }
    return null;
  }

  /**
   * The types whose instances run `callable` as a handler: its declaring type when concrete,
   * and the concrete repository subtypes that inherit it without overriding (a generic base
   * controller's routes take each subclass's prefix). An abstract or interface method with no
   * concrete subtype in the repository runs in subclasses we cannot see: its declaring type
   * stands for them. Empty when every concrete subtype overrides it (it never runs).
   */
  handlerTypes(callable: Callable): string[] {
    const out: string[] = [];
    const own = this.index.type(callable.typeId);
    if (own && isConcrete(own)) out.push(own.id);
    let concreteSubtypes = 0;
    for (const sub of this.index.descendants(callable.typeId)) {
      const decl = this.index.type(sub);
      if (!decl || !isConcrete(decl)) continue;
      concreteSubtypes++;
      if (this.implementationIn(sub, callable)?.id === callable.id) out.push(sub);
    }
    return out.length > 0 || concreteSubtypes > 0 ? out : [callable.typeId];
  }

  /** The declaration of `callable`'s signature that instances of `typeId` run: the nearest in its type hierarchy. */
  private implementationIn(typeId: string, callable: Callable): Callable | undefined {
    for (const t of this.typeHierarchy(typeId)) {
      const found = this.index
        .declaredCallables(t, callable.name)
        .find((c) => c.kind === 'method' && (c.id === callable.id || sameSignature(c, callable, this.index)));
      if (found) return found;
    }
    return undefined;
  }

  /** A callable by id. */
  callable(id: string): Callable | undefined {
    return this.model.callables.get(id);
  }

  /** Ids of every production type, sorted. */
  productionTypes(): string[] {
    return [...this.model.types.values()]
      .filter((t) => !t.isTest)
      .map((t) => t.id)
      .sort();
  }

  /** Every production callable, in id order. */
  productionCallables(): Callable[] {
    this.production ??= [...this.model.callables.values()]
      .filter((c) => !c.isTest)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.production;
  }
}

/** Effective annotations with the written location of the annotation that brings each. */
function place(
  written: AnnotationUse[],
  scope: TypeScope,
  file: string,
  index: TypeIndex,
): PlacedAnnotation[] {
  const out: PlacedAnnotation[] = [];
  let root: EffectiveAnnotation | undefined;
  for (const a of effectiveAnnotations(written, scope, index)) {
    // effectiveAnnotations lists each written annotation followed by what it expands to.
    if (a.via.length === 0) root = a;
    out.push({ ...a, file, line: (root ?? a).use.line, viaSimple: a.via.map(simpleName) });
  }
  return out;
}

function isConcrete(decl: TypeDecl): boolean {
  return decl.kind !== 'interface' && decl.kind !== 'annotation' && !decl.modifiers.includes('abstract');
}

/**
 * Whether two methods have the same erased signature as far as syntax tells: same name, same
 * parameter count, and parameter types with equal simple names, a type variable on either side
 * matching anything (`save(T)` in a generic interface, `save(Order)` in its implementation).
 */
function sameSignature(a: Callable, b: Callable, index: TypeIndex): boolean {
  if (a.name !== b.name || a.parameters.length !== b.parameters.length) return false;
  const aVars = typeVariables(a, index);
  const bVars = typeVariables(b, index);
  return a.parameters.every((p, i) => {
    const q = b.parameters[i]!;
    const pn = erasedSimple(p.type.name);
    const qn = erasedSimple(q.type.name);
    return pn === qn || aVars.has(baseName(pn)) || bVars.has(baseName(qn));
  });
}

function typeVariables(c: Callable, index: TypeIndex): Set<string> {
  return new Set([...c.typeParameters, ...(index.type(c.typeId)?.typeParameters ?? [])]);
}

/** `java.util.List` → `List`, `byte...` → `byte[]`. */
function erasedSimple(name: string): string {
  const arrays = name.endsWith('...') ? `${name.slice(0, -3)}[]` : name;
  return simpleName(arrays);
}

/** `T[]` → `T`. */
function baseName(name: string): string {
  const bracket = name.indexOf('[');
  return bracket < 0 ? name : name.slice(0, bracket);
}
