/**
 * Entrypoint detection (metrics.md §1.5–§1.6): which production callables are reachable from
 * outside, with kind, framework, verbs and full routes. Decided per method; class-level
 * annotations only contribute prefixes, class-level verbs and listener scope.
 */
import { isAnnotation } from '../model/annotations.js';
import type { CodeModel } from '../model/code-model.js';
import { ownValue, type ResolvedType } from '../model/type-index.js';
import type { Callable, FunctionalRoute } from '../model/types.js';
import { findPlaced, type AnnotationView, type PlacedAnnotation } from './annotation-view.js';
import { aliasedStrings, elementNames, elementStrings } from './annotation-values.js';
import {
  FUNCTIONAL,
  GRPC,
  JAXRS_HTTP_METHOD,
  JAXRS_PATH,
  JOB_ANNOTATIONS,
  LISTENER_ANNOTATIONS,
  MAPPING_ANNOTATIONS,
  PREFIX_ANNOTATIONS,
  SERVLET,
  type MappingAnnotation,
} from './catalogue/entrypoints.js';
import { isLibraryType, simpleName } from './catalogue/names.js';
import { JaxrsResources, jaxrsMapping } from './jaxrs-routes.js';
import { combineRoutes, joinRoute } from './routes.js';
import type { EntrypointKind } from './types.js';

/** One request shape an HTTP entrypoint serves: a verb (null = any verb) and a route (null = unknown). */
export interface RequestShape {
  verb: string | null;
  route: string | null;
}

/** An entrypoint as declared, before its authentication and client data are decided. */
export interface DeclaredEntrypoint {
  callable: Callable;
  kind: EntrypointKind;
  framework: string;
  /** Verbs, sorted; empty = any (or not HTTP). */
  verbs: string[];
  /** Routes, sorted; empty = unknown (or not HTTP/ws). */
  routes: string[];
  /** Topics, queues or channels of a listener, sorted. */
  channels: string[];
  /** The (verb, route) pairs served, for `HttpSecurity` matching; empty unless `kind` is `http`. */
  requests: RequestShape[];
  /** Types whose instances run the callable: their class-level annotations apply. */
  handlerTypes: string[];
}

/** Every annotation that declares an HTTP/ws mapping on a method, for the hierarchy look-up. */
const METHOD_MAPPING_NAMES = [...MAPPING_ANNOTATIONS.map((m) => m.name), JAXRS_PATH, JAXRS_HTTP_METHOD];

/**
 * Finds the entrypoints of the production code: annotation mappings (Spring, JAX-RS, Micronaut,
 * Spring messaging), servlets, Spring functional routes, gRPC services, message listeners,
 * scheduled jobs and `extraAnnotations` (simple or qualified names; kind `http`, framework
 * `custom`). One entrypoint per callable, the first kind found in that order. Abstract and
 * interface methods are never entrypoints: their implementations are (case C03). Returns the
 * entrypoints in callable-id order and notes on routes that could not be attributed.
 */
export function declaredEntrypoints(
  model: CodeModel,
  view: AnnotationView,
  extraAnnotations: readonly string[],
): { entrypoints: DeclaredEntrypoint[]; notes: string[] } {
  const notes: string[] = [];
  const functional = functionalHandlers(model, view, notes);
  const resources = new JaxrsResources(view);
  const out: DeclaredEntrypoint[] = [];
  for (const callable of view.productionCallables()) {
    if (!isCandidate(callable, view)) continue;
    const found =
      mappedEntrypoint(callable, view, resources) ??
      servletEntrypoint(callable, view) ??
      functional.get(callable.id) ??
      grpcEntrypoint(callable, view) ??
      listenerEntrypoint(callable, view) ??
      jobEntrypoint(callable, view) ??
      extraEntrypoint(callable, view, extraAnnotations);
    // A mapped method every concrete subclass overrides never runs: the overrides are the entrypoints.
    if (found && found.handlerTypes.length > 0) out.push(found);
  }
  return { entrypoints: out, notes };
}

/** A method with a body, in production code, not an annotation element. */
function isCandidate(callable: Callable, view: AnnotationView): boolean {
  return (
    callable.kind === 'method' && callable.hasBody && view.index.type(callable.typeId)?.kind !== 'annotation'
  );
}

/** A declared entrypoint with sorted, de-duplicated verbs, routes and channels; requests default to verbs × routes. */
function entrypoint(
  callable: Callable,
  view: AnnotationView,
  fields: Pick<DeclaredEntrypoint, 'kind' | 'framework'> & Partial<DeclaredEntrypoint>,
): DeclaredEntrypoint {
  const verbs = [...new Set(fields.verbs ?? [])].sort();
  const routes = [...new Set(fields.routes ?? [])].sort();
  const requests =
    fields.requests ??
    (fields.kind === 'http'
      ? (verbs.length > 0 ? verbs : [null]).flatMap((verb) =>
          (routes.length > 0 ? routes : [null]).map((route) => ({ verb, route })),
        )
      : []);
  return {
    callable,
    kind: fields.kind,
    framework: fields.framework,
    verbs,
    routes,
    channels: [...new Set(fields.channels ?? [])].sort(),
    requests,
    handlerTypes: fields.handlerTypes ?? view.handlerTypes(callable),
  };
}

/** The first Spring or Micronaut mapping annotation among `annotations` (JAX-RS is read by `jaxrsMapping`). */
function annotationMapping(
  annotations: readonly PlacedAnnotation[],
): { entry: MappingAnnotation; annotation: PlacedAnnotation } | null {
  for (const annotation of annotations) {
    const entry = MAPPING_ANNOTATIONS.find(
      (m) => m.framework !== 'jax-rs' && isAnnotation(annotation, m.name),
    );
    if (entry) return { entry, annotation };
  }
  return null;
}

/** Spring MVC/WebFlux, Spring messaging, JAX-RS and Micronaut mappings, on the method or inherited from the method it overrides. */
function mappedEntrypoint(
  callable: Callable,
  view: AnnotationView,
  resources: JaxrsResources,
): DeclaredEntrypoint | null {
  const element = view.inHierarchy(callable, METHOD_MAPPING_NAMES);
  if (!element) return null;
  const annotations = element.annotations;
  const handlerTypes = view.handlerTypes(callable);
  const mapping = annotationMapping(annotations);
  if (mapping) {
    const { entry, annotation } = mapping;
    const paths = aliasedStrings(annotations, annotation, entry.pathElements);
    const methodVerbs =
      entry.verb !== null
        ? [entry.verb]
        : entry.verbElement
          ? elementNames(annotation.use, entry.verbElement)
          : [];
    const prefixEntry = PREFIX_ANNOTATIONS.find((p) => p.framework === entry.framework);
    const routes: string[] = [];
    const verbs = new Set(methodVerbs);
    for (const typeId of handlerTypes) {
      const prefix = prefixEntry ? view.onTypeHierarchy(typeId, [prefixEntry.name]) : null;
      const prefixAnnotation =
        prefix && prefixEntry ? findPlaced(prefix.annotations, [prefixEntry.name]) : undefined;
      const prefixes =
        prefix && prefixAnnotation && prefixEntry
          ? aliasedStrings(prefix.annotations, prefixAnnotation, prefixEntry.pathElements)
          : [];
      routes.push(...combineRoutes(prefixes, paths));
      // Spring unions class-level and method-level `method` conditions.
      if (prefixAnnotation && prefixEntry?.verbElement) {
        for (const v of elementNames(prefixAnnotation.use, prefixEntry.verbElement)) verbs.add(v);
      }
    }
    return entrypoint(callable, view, {
      kind: entry.kind,
      framework: entry.framework,
      verbs: [...verbs],
      routes,
      handlerTypes,
    });
  }
  const jaxrs = jaxrsMapping(annotations);
  if (!jaxrs) return null;
  return entrypoint(callable, view, {
    kind: 'http',
    framework: 'jax-rs',
    verbs: jaxrs.verb ? [jaxrs.verb] : [],
    routes: resources.routes(jaxrs, handlerTypes),
    handlerTypes,
  });
}

/** `doGet` … `service` of `HttpServlet` subclasses (directly or through repository classes), routes from `@WebServlet`. */
function servletEntrypoint(callable: Callable, view: AnnotationView): DeclaredEntrypoint | null {
  if (!Object.hasOwn(SERVLET.methods, callable.name)) return null;
  const external = view.index.ancestors(callable.typeId).external;
  if (!external.some((name) => SERVLET.baseTypes.some((b) => isLibraryType(name, b)))) return null;
  const verb = ownValue(SERVLET.methods, callable.name) ?? null;
  const handlerTypes = view.handlerTypes(callable);
  const routes: string[] = [];
  for (const typeId of handlerTypes) {
    // `@WebServlet` is not inherited: only the handler type's own annotation maps it.
    const webServlet = findPlaced(view.ofType(typeId), [SERVLET.route]);
    for (const pattern of webServlet ? (elementStrings(webServlet.use, SERVLET.routeElements) ?? []) : [])
      routes.push(joinRoute(pattern));
  }
  return entrypoint(callable, view, {
    kind: 'http',
    framework: 'servlet',
    verbs: verb ? [verb] : [],
    routes,
    handlerTypes,
  });
}

/** Public service methods (those taking a `StreamObserver`) of classes extending a generated `*ImplBase`. */
function grpcEntrypoint(callable: Callable, view: AnnotationView): DeclaredEntrypoint | null {
  if (!callable.modifiers.includes('public') || callable.modifiers.includes('static')) return null;
  const ancestors = view.index.ancestors(callable.typeId);
  const extendsImplBase = [...ancestors.repo, ...ancestors.external].some((name) =>
    simpleName(name).endsWith(GRPC.baseSuffix),
  );
  if (!extendsImplBase) return null;
  const scope = view.scopeOf(callable);
  const takesObserver = callable.parameters.some((p) => {
    const t = scope ? view.index.resolve(p.type.name, scope) : null;
    return t?.kind === 'external' && isLibraryType(t.name, GRPC.streamObserver);
  });
  return takesObserver ? entrypoint(callable, view, { kind: 'rpc', framework: 'grpc' }) : null;
}

/**
 * Message listeners: a listener annotation on the method (or the method it overrides), or a
 * handler annotation (`@KafkaHandler`) on a method of a class carrying the class-level listener.
 */
function listenerEntrypoint(callable: Callable, view: AnnotationView): DeclaredEntrypoint | null {
  for (const listener of LISTENER_ANNOTATIONS) {
    const onMethod = view.inHierarchy(callable, [listener.name]);
    const methodAnnotation = onMethod ? findPlaced(onMethod.annotations, [listener.name]) : undefined;
    if (onMethod && methodAnnotation) {
      const channels = aliasedStrings(onMethod.annotations, methodAnnotation, listener.channelElements);
      return entrypoint(callable, view, { kind: 'mq', framework: listener.framework, channels });
    }
    if (!listener.classLevelHandler || !view.inHierarchy(callable, [listener.classLevelHandler])) continue;
    for (const typeId of view.handlerTypes(callable)) {
      const onClass = view.onTypeHierarchy(typeId, [listener.name]);
      const classAnnotation = onClass ? findPlaced(onClass.annotations, [listener.name]) : undefined;
      if (!onClass || !classAnnotation) continue;
      const channels = aliasedStrings(onClass.annotations, classAnnotation, listener.channelElements);
      return entrypoint(callable, view, { kind: 'mq', framework: listener.framework, channels });
    }
  }
  return null;
}

/** Scheduled jobs. */
function jobEntrypoint(callable: Callable, view: AnnotationView): DeclaredEntrypoint | null {
  for (const job of JOB_ANNOTATIONS) {
    if (view.inHierarchy(callable, [job.name]))
      return entrypoint(callable, view, { kind: 'job', framework: job.framework });
  }
  return null;
}

/** Entrypoint annotations from the configuration: qualified names match qualified uses, simple names match by simple name. */
function extraEntrypoint(
  callable: Callable,
  view: AnnotationView,
  extraAnnotations: readonly string[],
): DeclaredEntrypoint | null {
  if (extraAnnotations.length === 0) return null;
  for (const c of view.hierarchy(callable)) {
    const hit = view
      .own(c)
      .find((a) =>
        extraAnnotations.some((name) =>
          name.includes('.') ? a.qualified && a.name === name : a.simpleName === name,
        ),
      );
    if (hit) {
      const routes = (elementStrings(hit.use, ['path', 'value']) ?? []).map((p) => joinRoute(p));
      return entrypoint(callable, view, { kind: 'http', framework: 'custom', routes });
    }
  }
  return null;
}

/**
 * Spring functional routes: each `FunctionalRoute` points at a handler method through a method
 * reference (`handler::list`); that method is the entrypoint, with the route's verb and path.
 * The router-building `@Bean` method is not. Routes whose handler cannot be found become notes.
 */
function functionalHandlers(
  model: CodeModel,
  view: AnnotationView,
  notes: string[],
): Map<string, DeclaredEntrypoint> {
  const byCallable = new Map<string, { callable: Callable; requests: RequestShape[]; mvc: boolean }>();
  for (const file of model.files) {
    if (file.isTest) continue;
    for (const route of file.functionalRoutes) {
      const handlers = resolveHandler(route, model, view);
      if (handlers.length === 0) {
        notes.push(
          `${route.file}:${route.line}: functional route ${route.verb ?? 'ANY'} ${route.path} → ${route.handlerReceiver}::${route.handlerMethod}: handler method not found in the repository; not an entrypoint`,
        );
        continue;
      }
      for (const handler of handlers) {
        let acc = byCallable.get(handler.id);
        if (!acc)
          byCallable.set(
            handler.id,
            (acc = { callable: handler, requests: [], mvc: isMvcHandler(handler, view) }),
          );
        acc.requests.push({ verb: route.verb, route: joinRoute(route.path) });
      }
    }
  }
  const out = new Map<string, DeclaredEntrypoint>();
  for (const [id, acc] of byCallable) {
    const anyVerb = acc.requests.some((r) => r.verb === null);
    out.set(
      id,
      entrypoint(acc.callable, view, {
        kind: 'http',
        framework: acc.mvc ? 'spring-mvc-functional' : 'spring-webflux-functional',
        verbs: anyVerb ? [] : acc.requests.flatMap((r) => (r.verb ? [r.verb] : [])),
        routes: acc.requests.flatMap((r) => (r.route ? [r.route] : [])),
        requests: acc.requests,
      }),
    );
  }
  return out;
}

/** The repository methods a route's method reference names: on `this`, a parameter or field of the router method's type, or a type. */
function resolveHandler(route: FunctionalRoute, model: CodeModel, view: AnnotationView): Callable[] {
  const router = model.callables.get(route.declaredIn);
  if (!router || route.handlerMethod === '') return [];
  const resolved = handlerType(route.handlerReceiver, router, view);
  if (resolved?.kind !== 'repo') return [];
  const candidates = [
    resolved.id,
    ...view.index.descendants(resolved.id),
    ...view.typeHierarchy(resolved.id).slice(1),
  ];
  const out = new Map<string, Callable>();
  for (const typeId of candidates) {
    for (const c of view.index.declaredCallables(typeId, route.handlerMethod)) {
      if (c.kind === 'method' && c.hasBody && !c.isTest) out.set(c.id, c);
    }
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The type a method reference's receiver denotes: `this`, a parameter or field of the router method's class, or a type name. */
function handlerType(receiver: string, router: Callable, view: AnnotationView): ResolvedType | null {
  if (receiver === 'this') return { kind: 'repo', id: router.typeId };
  const scope = view.scopeOf(router);
  if (!scope) return null;
  const param = router.parameters.find((p) => p.name === receiver);
  if (param) return view.index.resolve(param.type.name, scope);
  const field = view.index.findField(router.typeId, receiver);
  const fieldScope = field ? view.index.scopeOf(field.typeId) : null;
  if (field && fieldScope) return view.index.resolve(field.field.type.name, fieldScope);
  return view.index.resolve(receiver, scope);
}

/**
 * Whether a handler takes Spring MVC's functional `ServerRequest` (else WebFlux's). Only a
 * qualified name tells the two apart; an unqualified one counts as WebFlux, the original home
 * of functional endpoints.
 */
function isMvcHandler(handler: Callable, view: AnnotationView): boolean {
  const scope = view.scopeOf(handler);
  return handler.parameters.some((p) => {
    const t = scope ? view.index.resolve(p.type.name, scope) : null;
    return t?.kind === 'external' && t.name.includes('.') && isLibraryType(t.name, FUNCTIONAL.mvcRequest);
  });
}

/** Notes for router beans (`RouterFunction` return type) from which no route could be read. */
export function unreadRouterNotes(model: CodeModel, view: AnnotationView): string[] {
  const withRoutes = new Set(model.files.flatMap((f) => f.functionalRoutes.map((r) => r.declaredIn)));
  const notes: string[] = [];
  for (const c of view.productionCallables()) {
    if (!c.returnType || withRoutes.has(c.id)) continue;
    const scope = view.scopeOf(c);
    const t = scope ? view.index.resolve(c.returnType.name, scope) : null;
    if (t?.kind === 'external' && isLibraryType(t.name, FUNCTIONAL.routerFunction)) {
      notes.push(
        `${c.file}:${c.nameLine}: ${c.id} builds a RouterFunction whose routes could not be read; its handlers are not entrypoints`,
      );
    }
  }
  return notes;
}
