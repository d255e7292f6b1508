import type { CodeModel } from './code-model.js';
import type { Callable, FieldDecl, FileModel, TypeDecl } from './types.js';

/**
 * A type name resolved from a use site: a repository type (by id) or a library type (by the
 * qualified name the imports give, else the name as written).
 */
export type ResolvedType = { kind: 'repo'; id: string } | { kind: 'external'; name: string };

/** Where a type name is written: the file (package, imports) and the innermost enclosing type. */
export interface TypeScope {
  file: FileModel;
  /** Innermost enclosing type id, or null at file level. */
  typeId: string | null;
  /** Type parameters in scope besides the types' own (a generic method's). */
  typeParameters?: string[];
}

/** Names the JDK puts in scope without an import (java.lang), for qualifying library types. */
const JAVA_LANG = new Set([
  'Object',
  'String',
  'StringBuilder',
  'StringBuffer',
  'Integer',
  'Long',
  'Short',
  'Byte',
  'Double',
  'Float',
  'Boolean',
  'Character',
  'Number',
  'Math',
  'System',
  'Thread',
  'Runtime',
  'Process',
  'ProcessBuilder',
  'Class',
  'ClassLoader',
  'Exception',
  'RuntimeException',
  'Error',
  'Throwable',
  'Iterable',
  'Enum',
  'Record',
  'CharSequence',
  'Comparable',
  'Runnable',
  'AutoCloseable',
  'Void',
  'IllegalArgumentException',
  'IllegalStateException',
  'NullPointerException',
  'UnsupportedOperationException',
]);

/**
 * Resolves type names through nesting, imports and packages (JLS §6.4–§6.5 in the simplified
 * form a syntax-only analysis allows), and answers hierarchy questions over repository types.
 * Built once per analysis; all answers are deterministic (sorted).
 */
export class TypeIndex {
  private readonly fileOfType = new Map<string, FileModel>();
  private readonly nested = new Map<string, Map<string, string>>();
  private readonly directSupers = new Map<string, ResolvedType[]>();
  private readonly directSubs = new Map<string, string[]>();
  private readonly methodsByType = new Map<string, Map<string, Callable[]>>();
  private readonly fieldsByType = new Map<string, Map<string, FieldDecl>>();
  private readonly ancestorsCache = new Map<string, { repo: string[]; external: string[] }>();
  private readonly descendantsCache = new Map<string, string[]>();

  constructor(private readonly model: CodeModel) {
    for (const file of model.files) {
      for (const t of file.types) {
        this.fileOfType.set(t.id, file);
        if (t.outer !== null) {
          let inner = this.nested.get(t.outer);
          if (!inner) this.nested.set(t.outer, (inner = new Map()));
          inner.set(t.name, t.id);
        }
        const fields = new Map<string, FieldDecl>();
        for (const f of t.fields) fields.set(f.name, f);
        this.fieldsByType.set(t.id, fields);
      }
      for (const c of file.callables) {
        let byName = this.methodsByType.get(c.typeId);
        if (!byName) this.methodsByType.set(c.typeId, (byName = new Map()));
        const list = byName.get(c.name);
        if (list) list.push(c);
        else byName.set(c.name, [c]);
      }
    }
    for (const t of model.types.values()) {
      const file = this.fileOfType.get(t.id);
      if (!file) continue;
      const scope: TypeScope = { file, typeId: t.outer };
      const refs = [...t.extends, ...t.implements];
      if (t.anonymousBase) refs.push(t.anonymousBase);
      const supers: ResolvedType[] = [];
      for (const ref of refs) {
        const r = this.resolve(ref.name, scope);
        if (r && !(r.kind === 'repo' && r.id === t.id)) supers.push(r);
      }
      this.directSupers.set(t.id, supers);
      for (const s of supers) {
        if (s.kind !== 'repo') continue;
        const subs = this.directSubs.get(s.id);
        if (subs) subs.push(t.id);
        else this.directSubs.set(s.id, [t.id]);
      }
    }
    for (const subs of this.directSubs.values()) subs.sort();
  }

  /** The declaration of a repository type, or undefined. */
  type(id: string): TypeDecl | undefined {
    return this.model.types.get(id);
  }

  /** The file that declares a repository type. */
  fileOf(id: string): FileModel | undefined {
    return this.fileOfType.get(id);
  }

  /** The scope inside a repository type's body. */
  scopeOf(typeId: string): TypeScope | null {
    const file = this.fileOfType.get(typeId);
    return file ? { file, typeId } : null;
  }

  /**
   * Resolves a type name as written (`Foo`, `Outer.Inner`, `com.x.Foo`, `byte[]`, `List`) at
   * `scope`. Returns null for primitives, arrays of them and type variables.
   */
  resolve(written: string, scope: TypeScope): ResolvedType | null {
    const name = written.replace(/\[\]|\.\.\./g, '');
    if (name === '' || PRIMITIVES.has(name)) return null;
    if (written.endsWith('[]') || written.endsWith('...')) {
      return { kind: 'external', name: written.replace(/\.\.\.$/, '[]') };
    }
    const dot = name.indexOf('.');
    if (dot < 0) return this.resolveSimple(name, scope);
    const first = name.slice(0, dot);
    const rest = name.slice(dot + 1).split('.');
    const head = this.resolveSimple(first, scope);
    if (head?.kind === 'repo') {
      let id: string | undefined = head.id;
      for (const part of rest) {
        id = id === undefined ? undefined : this.memberType(id, part);
      }
      if (id !== undefined) return { kind: 'repo', id };
    }
    if (this.model.types.has(name)) return { kind: 'repo', id: name };
    // A qualified name whose prefix is a repository type but the member is unknown, or a package-qualified library type.
    if (head?.kind === 'external') return { kind: 'external', name: `${head.name}.${rest.join('.')}` };
    return { kind: 'external', name };
  }

  private resolveSimple(name: string, scope: TypeScope): ResolvedType | null {
    if (scope.typeParameters?.includes(name)) return null;
    // Enclosing types, their member types and inherited member types.
    for (let id: string | null = scope.typeId; id !== null; id = this.model.types.get(id)?.outer ?? null) {
      const decl = this.model.types.get(id);
      if (!decl) break;
      if (decl.typeParameters.includes(name)) return null;
      if (decl.name === name) return { kind: 'repo', id };
      const member = this.memberType(id, name);
      if (member !== undefined) return { kind: 'repo', id: member };
    }
    const file = scope.file;
    const single = ownValue(file.imports.single, name);
    if (single !== undefined) {
      return this.model.types.has(single) ? { kind: 'repo', id: single } : { kind: 'external', name: single };
    }
    for (const t of file.types) {
      if (t.outer === null && t.name === name) return { kind: 'repo', id: t.id };
    }
    const samePackage = file.package ? `${file.package}.${name}` : name;
    if (this.model.types.has(samePackage)) return { kind: 'repo', id: samePackage };
    for (const pkg of file.imports.onDemand) {
      const candidate = `${pkg}.${name}`;
      if (this.model.types.has(candidate)) return { kind: 'repo', id: candidate };
    }
    if (JAVA_LANG.has(name)) return { kind: 'external', name: `java.lang.${name}` };
    return { kind: 'external', name };
  }

  /** A member type named `name` of `typeId` or of its repository supertypes. */
  private memberType(typeId: string, name: string, seen = new Set<string>()): string | undefined {
    if (seen.has(typeId)) return undefined;
    seen.add(typeId);
    const own = this.nested.get(typeId)?.get(name);
    if (own !== undefined) return own;
    for (const s of this.directSupers.get(typeId) ?? []) {
      if (s.kind !== 'repo') continue;
      const inherited = this.memberType(s.id, name, seen);
      if (inherited !== undefined) return inherited;
    }
    return undefined;
  }

  /** Direct supertypes of a repository type (extends, implements, anonymous base), resolved. */
  directSupertypes(typeId: string): ResolvedType[] {
    return this.directSupers.get(typeId) ?? [];
  }

  /**
   * All supertypes of a repository type, transitively: repository ids and library names,
   * each sorted. The type itself is not included.
   */
  ancestors(typeId: string): { repo: string[]; external: string[] } {
    const cached = this.ancestorsCache.get(typeId);
    if (cached) return cached;
    const repo = new Set<string>();
    const external = new Set<string>();
    const stack = [typeId];
    const seen = new Set<string>([typeId]);
    while (stack.length > 0) {
      const id = stack.pop()!;
      for (const s of this.directSupers.get(id) ?? []) {
        if (s.kind === 'external') external.add(s.name);
        else if (!seen.has(s.id)) {
          seen.add(s.id);
          repo.add(s.id);
          stack.push(s.id);
        }
      }
    }
    const result = { repo: [...repo].sort(), external: [...external].sort() };
    this.ancestorsCache.set(typeId, result);
    return result;
  }

  /** All repository subtypes of a repository type, transitively, sorted. */
  descendants(typeId: string): string[] {
    const cached = this.descendantsCache.get(typeId);
    if (cached) return cached;
    const out = new Set<string>();
    const stack = [typeId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      for (const sub of this.directSubs.get(id) ?? []) {
        if (sub !== typeId && !out.has(sub)) {
          out.add(sub);
          stack.push(sub);
        }
      }
    }
    const result = [...out].sort();
    this.descendantsCache.set(typeId, result);
    return result;
  }

  /** Callables named `name` declared directly in `typeId` (methods, or constructors under the type's name). */
  declaredCallables(typeId: string, name: string): Callable[] {
    return this.methodsByType.get(typeId)?.get(name) ?? [];
  }

  /** A field declared directly in `typeId`. */
  declaredField(typeId: string, name: string): FieldDecl | undefined {
    return this.fieldsByType.get(typeId)?.get(name);
  }

  /**
   * Finds a field visible in `typeId`: declared there or inherited from repository
   * supertypes. Returns the declaring type id with the field.
   */
  findField(typeId: string, name: string): { typeId: string; field: FieldDecl } | undefined {
    const own = this.declaredField(typeId, name);
    if (own) return { typeId, field: own };
    for (const s of this.ancestors(typeId).repo) {
      const f = this.declaredField(s, name);
      if (f) return { typeId: s, field: f };
    }
    return undefined;
  }
}

const PRIMITIVES = new Set([
  'int',
  'long',
  'short',
  'byte',
  'char',
  'boolean',
  'float',
  'double',
  'void',
  'var',
]);

/** Whether a callable accepts `arity` arguments (varargs aware; -1 = any, for method references). */
export function acceptsArity(callable: Callable, arity: number): boolean {
  if (arity < 0) return true;
  const n = callable.parameters.length;
  const last = callable.parameters[n - 1];
  if (last?.varargs) return arity >= n - 1;
  return arity === n;
}

/** A record's own value for `key` (never one inherited from `Object.prototype`, e.g. `constructor`). */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
