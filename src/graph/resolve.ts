import type { CodeModel } from '../model/code-model.js';
import {
  acceptsArity,
  ownValue,
  type ResolvedType,
  type TypeIndex,
  type TypeScope,
} from '../model/type-index.js';
import type { Callable, CallSite, Receiver } from '../model/types.js';
import type { CallEdge, CallGraph, ResolutionStats, ResolvedCall } from './types.js';

/** At most this many name + arity candidates per call site with an unknown receiver (metrics.md §1.11). */
export const FALLBACK_CANDIDATE_CAP = 20;

/** The static type of a receiver: a resolved type, or unknown. `null` type = primitive/type variable, treated as unknown. */
type ReceiverType = { known: true; type: ResolvedType } | { known: false };

const UNKNOWN: ReceiverType = { known: false };

/** The result of a library call: a library type we cannot name. */
const UNNAMED_LIBRARY_TYPE: ResolvedType = { kind: 'external', name: '' };

/**
 * Library methods that return an element of a container, an optional or a stream (JDK
 * collections, `Optional`, `Iterator`, `Map.Entry`, `CompletableFuture`): their result may be of a
 * repository type (`repository.findById(id).orElseThrow().rename(…)`), so it stays unknown.
 */
const ELEMENT_ACCESSORS = new Set([
  'get',
  'getFirst',
  'getLast',
  'orElse',
  'orElseGet',
  'orElseThrow',
  'next',
  'previous',
  'peek',
  'peekFirst',
  'peekLast',
  'poll',
  'pollFirst',
  'pollLast',
  'pop',
  'element',
  'remove',
  'take',
  'join',
  'getNow',
  'getOrDefault',
  'computeIfAbsent',
  'getValue',
  'getKey',
  'firstElement',
  'lastElement',
  'elementAt',
  'first',
  'last',
  'floor',
  'ceiling',
  'higher',
  'lower',
  'block',
  'blockFirst',
  'blockLast',
  'getBody',
  'getPayload',
  'getSource',
  'unwrap',
  'cast',
]);

/**
 * Builds the call graph of production callables (metrics.md §1.11): each call site is resolved
 * by its receiver's static type with class-hierarchy analysis; only when that type is unknown
 * are candidates taken by name + arity (≤ 20, sorted, marked `fallback`). Test code is neither a
 * node nor resolved (metrics.md §1.2).
 */
export function buildCallGraph(model: CodeModel, index: TypeIndex): CallGraph {
  const production = [...model.callables.values()].filter((c) => !c.isTest).sort(byId);
  const resolver = new CallResolver(index, production);
  const calls = new Map<string, ResolvedCall[]>();
  // Callables come in id order, so the edges come out sorted by (from, to) when each callable's
  // targets are sorted: no key strings, no sort of every edge.
  const edges: CallEdge[] = [];
  const stats: ResolutionStats = {
    call_sites_total: 0,
    resolved_by_type: 0,
    resolved_by_fallback: 0,
    external: 0,
    unresolved: 0,
    edges_by_type: 0,
    edges_by_fallback: 0,
  };
  const outgoing = new Map<string, CallEdge>();
  for (const callable of production) {
    const resolved = resolver.resolveCallable(callable);
    calls.set(callable.id, resolved);
    for (const call of resolved) {
      stats.call_sites_total++;
      if (call.resolution === 'type') stats.resolved_by_type++;
      else if (call.resolution === 'fallback') stats.resolved_by_fallback++;
      else if (call.resolution === 'external') stats.external++;
      else stats.unresolved++;
      if (call.resolution !== 'type' && call.resolution !== 'fallback') continue;
      const line = callable.callSites[call.index]?.line ?? callable.span.startLine;
      for (const to of call.targets) {
        const existing = outgoing.get(to);
        if (!existing) outgoing.set(to, { from: callable.id, to, resolution: call.resolution, line });
        else if (existing.resolution === 'fallback' && call.resolution === 'type')
          existing.resolution = 'type';
      }
    }
    if (outgoing.size > 0) {
      for (const edge of [...outgoing.values()].sort((a, b) => compare(a.to, b.to))) edges.push(edge);
      outgoing.clear();
    }
  }
  const successors = new Map<string, string[]>();
  for (const c of production) successors.set(c.id, []);
  for (const e of edges) {
    successors.get(e.from)!.push(e.to);
    if (e.resolution === 'type') stats.edges_by_type++;
    else stats.edges_by_fallback++;
  }
  return { nodes: production.map((c) => c.id), edges, successors, calls, stats };
}

/** Resolves call sites of one callable at a time; caches hierarchy look-ups across callables. */
class CallResolver {
  private readonly byName = new Map<string, Callable[]>();
  private readonly production = new Set<string>();
  private readonly dispatchCache = new Map<string, string[] | null>();
  private readonly fallbackCache = new Map<string, readonly string[]>();

  constructor(
    private readonly index: TypeIndex,
    production: Callable[],
  ) {
    for (const c of production) {
      this.production.add(c.id);
      if (c.kind !== 'method') continue;
      const list = this.byName.get(c.name);
      if (list) list.push(c);
      else this.byName.set(c.name, [c]);
    }
  }

  resolveCallable(callable: Callable): ResolvedCall[] {
    const file = this.index.fileOf(callable.typeId);
    if (!file) return [];
    const scope: TypeScope = { file, typeId: callable.typeId, typeParameters: callable.typeParameters };
    const out: ResolvedCall[] = [];
    callable.callSites.forEach((site, i) => {
      out.push(this.resolveSite(site, i, callable, scope, out));
    });
    return out;
  }

  private resolveSite(
    site: CallSite,
    index: number,
    callable: Callable,
    scope: TypeScope,
    earlier: ResolvedCall[],
  ): ResolvedCall {
    switch (site.kind) {
      case 'constructor':
        return this.constructorCall(
          index,
          site.type ? this.typeOf(site.type.name, scope) : UNKNOWN,
          site.arity,
        );
      case 'this':
        return this.constructorCall(index, repoType(callable.typeId), site.arity);
      case 'super': {
        const superclass = this.superclassOf(callable.typeId);
        return this.constructorCall(
          index,
          superclass ? { known: true, type: superclass } : UNKNOWN,
          site.arity,
        );
      }
      case 'reference': {
        // `x::m` names a variable or a type: the receiver rules try fields before types.
        const receiver =
          site.receiver.kind !== 'implicit'
            ? this.receiverType(site.receiver, callable, scope, earlier)
            : site.type
              ? this.typeOf(site.type.name, scope)
              : UNKNOWN;
        if (site.name === 'new') return this.constructorCall(index, receiver, -1);
        return this.methodCall(index, site.name, -1, receiver, callable, site.receiver);
      }
      case 'method':
        return this.methodCall(
          index,
          site.name,
          site.arity,
          this.receiverType(site.receiver, callable, scope, earlier),
          callable,
          site.receiver,
        );
    }
  }

  private methodCall(
    index: number,
    name: string,
    arity: number,
    receiver: ReceiverType,
    callable: Callable,
    written: Receiver,
  ): ResolvedCall {
    if (written.kind === 'implicit' || written.kind === 'this') {
      return this.implicitCall(index, name, arity, callable, written.kind === 'implicit');
    }
    if (written.kind === 'super') {
      const superclass = this.superclassOf(callable.typeId);
      if (!superclass) return external(index, null, []);
      if (superclass.kind === 'external') return external(index, superclass.name, []);
      const targets = this.lookup(superclass.id, name, arity);
      return targets.length > 0
        ? {
            index,
            resolution: 'type',
            targets,
            receiverType: superclass.id,
            receiverSupertypes: this.supertypeNames(superclass.id),
          }
        : external(index, superclass.id, this.supertypeNames(superclass.id));
    }
    if (!receiver.known) return this.fallback(index, name, arity);
    const type = receiver.type;
    if (type.kind === 'external') return external(index, type.name === '' ? null : type.name, []);
    const targets = this.dispatch(type.id, name, arity);
    const supers = this.supertypeNames(type.id);
    return targets.length > 0
      ? { index, resolution: 'type', targets, receiverType: type.id, receiverSupertypes: supers }
      : external(index, type.id, supers);
  }

  /** `m()` / `this.m()`: the enclosing type and its supertypes, then (unqualified only) outer types and static imports. */
  private implicitCall(
    index: number,
    name: string,
    arity: number,
    callable: Callable,
    lexical: boolean,
  ): ResolvedCall {
    let libraryAncestor = false;
    for (
      let id: string | null = callable.typeId;
      id !== null;
      id = lexical ? (this.index.type(id)?.outer ?? null) : null
    ) {
      const targets = this.dispatch(id, name, arity);
      if (targets.length > 0) {
        return {
          index,
          resolution: 'type',
          targets,
          receiverType: id,
          receiverSupertypes: this.supertypeNames(id),
        };
      }
      if (this.index.ancestors(id).external.length > 0) libraryAncestor = true;
    }
    const file = this.index.fileOf(callable.typeId);
    const imported = file ? ownValue(file.imports.staticSingle, name) : undefined;
    if (imported !== undefined) {
      const targets = this.index.type(imported) ? this.lookup(imported, name, arity) : [];
      return targets.length > 0
        ? {
            index,
            resolution: 'type',
            targets,
            receiverType: imported,
            receiverSupertypes: this.supertypeNames(imported),
          }
        : external(index, imported, []);
    }
    for (const owner of file?.imports.staticOnDemand ?? []) {
      if (!this.index.type(owner)) continue;
      const targets = this.lookup(owner, name, arity);
      if (targets.length > 0) {
        return {
          index,
          resolution: 'type',
          targets,
          receiverType: owner,
          receiverSupertypes: this.supertypeNames(owner),
        };
      }
    }
    if (libraryAncestor || (file?.imports.staticOnDemand.length ?? 0) > 0) {
      return external(index, callable.typeId, this.supertypeNames(callable.typeId));
    }
    return {
      index,
      resolution: 'unresolved',
      targets: [],
      receiverType: callable.typeId,
      receiverSupertypes: [],
    };
  }

  private constructorCall(index: number, receiver: ReceiverType, arity: number): ResolvedCall {
    if (!receiver.known)
      return { index, resolution: 'unresolved', targets: [], receiverType: null, receiverSupertypes: [] };
    const type = receiver.type;
    if (type.kind === 'external') return external(index, type.name, []);
    const decl = this.index.type(type.id);
    const targets = decl
      ? this.index
          .declaredCallables(type.id, decl.name)
          .filter((c) => c.kind === 'constructor' && acceptsArity(c, arity) && this.production.has(c.id))
          .map((c) => c.id)
          .sort()
      : [];
    return {
      index,
      resolution: 'type',
      targets,
      receiverType: type.id,
      receiverSupertypes: this.supertypeNames(type.id),
    };
  }

  private fallback(index: number, name: string, arity: number): ResolvedCall {
    // The candidates depend on name and arity only; worked out once per pair, since scanning every
    // method of that name at each call site grows with the square of the repository's size.
    const key = `${arity}\u0000${name}`;
    let found = this.fallbackCache.get(key);
    if (found === undefined) {
      found = (this.byName.get(name) ?? [])
        .filter((c) => acceptsArity(c, arity))
        .map((c) => c.id)
        .slice(0, FALLBACK_CANDIDATE_CAP);
      this.fallbackCache.set(key, found);
    }
    const candidates = found.slice();
    if (candidates.length === 0) {
      return { index, resolution: 'unresolved', targets: [], receiverType: null, receiverSupertypes: [] };
    }
    return { index, resolution: 'fallback', targets: candidates, receiverType: null, receiverSupertypes: [] };
  }

  /** The static type of a written receiver, as far as declarations in the repository tell. */
  private receiverType(
    receiver: Receiver,
    callable: Callable,
    scope: TypeScope,
    earlier: ResolvedCall[],
  ): ReceiverType {
    switch (receiver.kind) {
      case 'implicit':
      case 'this':
        return repoType(callable.typeId);
      case 'super': {
        const s = this.superclassOf(callable.typeId);
        return s ? { known: true, type: s } : UNKNOWN;
      }
      case 'local':
        return receiver.type ? this.typeOf(receiver.type.name, scope) : UNKNOWN;
      case 'new':
        return this.typeOf(receiver.type.name, scope);
      case 'expression':
        return receiver.type ? this.typeOf(receiver.type.name, scope) : UNKNOWN;
      case 'name':
        return this.nameType(receiver.name, receiver.explicitThis, callable, scope);
      case 'qualified':
        return this.qualifiedType(receiver.text, callable, scope);
      case 'call':
        return this.returnTypeOf(earlier[receiver.index], callable.callSites[receiver.index]);
    }
  }

  /** `x` in `x.m()` that is not a local: a field of the enclosing types, else a type name. */
  private nameType(name: string, explicitThis: boolean, callable: Callable, scope: TypeScope): ReceiverType {
    for (
      let id: string | null = callable.typeId;
      id !== null;
      id = explicitThis ? null : (this.index.type(id)?.outer ?? null)
    ) {
      const found = this.index.findField(id, name);
      if (found) {
        const declScope = this.index.scopeOf(found.typeId);
        return declScope ? this.typeOf(found.field.type.name, declScope) : UNKNOWN;
      }
    }
    if (explicitThis) return UNKNOWN;
    const asType = this.index.resolve(name, scope);
    if (asType?.kind === 'repo') return { known: true, type: asType };
    // A capitalised name that is no field is a library type (`Files.write`); a lower-case one is a field we cannot see.
    if (asType && /^[A-Z]/.test(name)) return { known: true, type: asType };
    return UNKNOWN;
  }

  /** `a.b.c` in `a.b.c.m()`: a qualified type, or a field chain. */
  private qualifiedType(text: string, callable: Callable, scope: TypeScope): ReceiverType {
    const parts = text.split('.');
    const asType = this.index.resolve(text, scope);
    if (asType?.kind === 'repo') return { known: true, type: asType };
    let current = this.nameType(parts[0]!, false, callable, scope);
    for (const part of parts.slice(1)) {
      if (!current.known) break;
      if (current.type.kind === 'external')
        return current.type.name === parts[0]
          ? { known: true, type: { kind: 'external', name: text } }
          : current;
      const found = this.index.findField(current.type.id, part);
      const declScope = found ? this.index.scopeOf(found.typeId) : null;
      current = found && declScope ? this.typeOf(found.field.type.name, declScope) : UNKNOWN;
    }
    if (current.known) return current;
    if (asType && /^[a-z]/.test(parts[0]!) && /^[A-Z]/.test(parts[parts.length - 1]!))
      return { known: true, type: asType };
    return UNKNOWN;
  }

  /**
   * The static type of a call's result, used as the receiver of a chained call:
   * - resolved by type: the declared return type of the callee (the type itself for a constructor);
   * - resolved by fallback: the candidates' common declared return type, if they share one;
   * - a library call: a library type (unnamed), unless the method hands out an element of a
   *   container (`ELEMENT_ACCESSORS`), whose type may well be a repository type — then unknown.
   */
  private returnTypeOf(call: ResolvedCall | undefined, site: CallSite | undefined): ReceiverType {
    if (!call || !site) return UNKNOWN;
    if (call.resolution === 'external') {
      return ELEMENT_ACCESSORS.has(site.name) ? UNKNOWN : { known: true, type: UNNAMED_LIBRARY_TYPE };
    }
    if (call.resolution === 'type' && call.targets.length === 0 && call.receiverType !== null) {
      return this.index.type(call.receiverType) ? repoType(call.receiverType) : UNKNOWN;
    }
    if (call.resolution !== 'type' && call.resolution !== 'fallback') return UNKNOWN;
    let common: ReceiverType | undefined;
    for (const target of call.targets) {
      const t = this.declaredResultOf(target);
      if (!t.known || (common?.known && !sameType(common, t))) return UNKNOWN;
      common = t;
    }
    return common ?? UNKNOWN;
  }

  private declaredResultOf(callableId: string): ReceiverType {
    const callee = this.calleeById(callableId);
    if (!callee) return UNKNOWN;
    if (callee.kind === 'constructor') return repoType(callee.typeId);
    if (!callee.returnType) return UNKNOWN;
    const file = this.index.fileOf(callee.typeId);
    if (!file) return UNKNOWN;
    return this.typeOf(callee.returnType.name, {
      file,
      typeId: callee.typeId,
      typeParameters: callee.typeParameters,
    });
  }

  private calleeById(id: string): Callable | undefined {
    const typeId = id.slice(0, id.indexOf('#'));
    const name = id.slice(id.indexOf('#') + 1, id.indexOf('('));
    return this.index.declaredCallables(typeId, name).find((c) => c.id === id);
  }

  private typeOf(written: string, scope: TypeScope): ReceiverType {
    const t = this.index.resolve(written, scope);
    return t ? { known: true, type: t } : UNKNOWN;
  }

  private superclassOf(typeId: string): ResolvedType | undefined {
    const decl = this.index.type(typeId);
    if (!decl || decl.kind === 'interface') return undefined;
    if (decl.extends.length === 0 && !decl.anonymousBase) return undefined;
    return this.index.directSupertypes(typeId)[0];
  }

  /**
   * Virtual dispatch on a receiver of repository type `typeId`: the declaration found in the
   * type or its supertypes, plus overriding methods of its repository subtypes (class-hierarchy analysis).
   */
  private dispatch(typeId: string, name: string, arity: number): string[] {
    const key = `${typeId}\u0000${name}\u0000${arity}`;
    const cached = this.dispatchCache.get(key);
    if (cached !== undefined) return cached ?? [];
    const targets = new Set(this.lookup(typeId, name, arity));
    for (const sub of this.index.descendants(typeId)) {
      for (const c of this.index.declaredCallables(sub, name)) {
        if (c.kind === 'method' && acceptsArity(c, arity) && this.production.has(c.id)) targets.add(c.id);
      }
    }
    const result = [...targets].sort();
    this.dispatchCache.set(key, result.length > 0 ? result : null);
    return result;
  }

  /** The most specific declarations of `name`/`arity` in `typeId` or, breadth-first, its repository supertypes. */
  private lookup(typeId: string, name: string, arity: number): string[] {
    const queue = [typeId];
    const seen = new Set<string>(queue);
    while (queue.length > 0) {
      const id = queue.shift()!;
      const found = this.index
        .declaredCallables(id, name)
        .filter((c) => c.kind === 'method' && acceptsArity(c, arity) && this.production.has(c.id))
        .map((c) => c.id);
      if (found.length > 0) return found.sort();
      for (const s of this.index.directSupertypes(id)) {
        if (s.kind === 'repo' && !seen.has(s.id)) {
          seen.add(s.id);
          queue.push(s.id);
        }
      }
    }
    return [];
  }

  private supertypeNames(typeId: string): string[] {
    const a = this.index.ancestors(typeId);
    return [...a.repo, ...a.external].sort();
  }
}

function repoType(id: string): ReceiverType {
  return { known: true, type: { kind: 'repo', id } };
}

function external(index: number, receiverType: string | null, receiverSupertypes: string[]): ResolvedCall {
  return { index, resolution: 'external', targets: [], receiverType, receiverSupertypes };
}

function byId(a: Callable, b: Callable): number {
  return compare(a.id, b.id);
}

/** Code-unit order comparison (locale independent), for deterministic sorting. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameType(a: ReceiverType, b: ReceiverType): boolean {
  if (!a.known || !b.known) return false;
  if (a.type.kind === 'repo' && b.type.kind === 'repo') return a.type.id === b.type.id;
  if (a.type.kind === 'external' && b.type.kind === 'external') return a.type.name === b.type.name;
  return false;
}
