/**
 * JAX-RS routes (Jakarta RESTful Web Services 3.1 §3.4–§3.7): `@ApplicationPath` + class
 * `@Path` + method `@Path`, the verb from `@GET` … or a custom `@HttpMethod` annotation, sibling
 * annotations in any order (case C02). A method with `@Path` and no verb is a sub-resource
 * locator: the class it returns serves its routes below the locator's route.
 */
import type { Callable } from '../model/types.js';
import { findPlaced, type AnnotationView, type PlacedAnnotation } from './annotation-view.js';
import { elementStrings } from './annotation-values.js';
import {
  JAXRS_APPLICATION_PATH,
  JAXRS_HTTP_METHOD,
  JAXRS_PATH,
  MAPPING_ANNOTATIONS,
} from './catalogue/entrypoints.js';
import { combineRoutes } from './routes.js';

const JAXRS_VERBS = MAPPING_ANNOTATIONS.filter((m) => m.framework === 'jax-rs');

/** A method's JAX-RS mapping: its verb (null for a locator or none) and its `@Path` values. */
export interface JaxrsMapping {
  verb: string | null;
  paths: string[];
  /** `@Path` without a verb: a sub-resource locator. */
  locator: boolean;
}

/** The JAX-RS mapping among a method's annotations, or null when it has none. */
export function jaxrsMapping(annotations: readonly PlacedAnnotation[]): JaxrsMapping | null {
  const standard = annotations.map((a) => JAXRS_VERBS.find((m) => findPlaced([a], [m.name]))).find((m) => m);
  const custom = findPlaced(annotations, [JAXRS_HTTP_METHOD]);
  const path = findPlaced(annotations, [JAXRS_PATH]);
  const verb = standard?.verb ?? (custom ? (elementStrings(custom.use, ['value'])?.[0] ?? null) : null);
  if (verb === null && !path) return null;
  return { verb, paths: path ? (elementStrings(path.use, ['value']) ?? []) : [], locator: verb === null };
}

/** Route prefixes of JAX-RS resource classes, with sub-resources reached through locators. */
export class JaxrsResources {
  private readonly applicationPaths: string[];
  /** Repository type id → the locators returning it. */
  private readonly locators = new Map<string, Callable[]>();
  private readonly prefixCache = new Map<string, string[]>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly view: AnnotationView) {
    const paths = new Set<string>();
    for (const typeId of view.productionTypes()) {
      const applicationPath = findPlaced(view.ofType(typeId), [JAXRS_APPLICATION_PATH]);
      for (const p of applicationPath ? (elementStrings(applicationPath.use, ['value']) ?? []) : [])
        paths.add(p);
    }
    this.applicationPaths = [...paths].sort();
    for (const c of view.productionCallables()) {
      const element = c.kind === 'method' && c.returnType ? view.inHierarchy(c, [JAXRS_PATH]) : null;
      if (!element || !jaxrsMapping(element.annotations)?.locator) continue;
      const scope = view.scopeOf(c);
      const returned = scope && c.returnType ? view.index.resolve(c.returnType.name, scope) : null;
      if (returned?.kind !== 'repo') continue;
      const list = this.locators.get(returned.id);
      if (list) list.push(c);
      else this.locators.set(returned.id, [c]);
    }
  }

  /** Full routes of a method with `mapping`, run by instances of `handlerTypes`. */
  routes(mapping: JaxrsMapping, handlerTypes: readonly string[]): string[] {
    return handlerTypes.flatMap((typeId) => combineRoutes(this.classPrefixes(typeId), mapping.paths));
  }

  /**
   * Prefixes of a resource class: application path + its (or a supertype's) `@Path`; without
   * one, the routes of the locators that return it; else the application path alone.
   */
  private classPrefixes(typeId: string): string[] {
    const cached = this.prefixCache.get(typeId);
    if (cached) return cached;
    // A locator cycle (a sub-resource returning an enclosing resource) ends at the application path.
    if (this.inProgress.has(typeId)) return combineRoutes(this.applicationPaths, []);
    this.inProgress.add(typeId);
    const onType = this.view.onTypeHierarchy(typeId, [JAXRS_PATH]);
    const path = onType ? findPlaced(onType.annotations, [JAXRS_PATH]) : undefined;
    const locators = this.locators.get(typeId) ?? [];
    let prefixes: string[];
    if (path) prefixes = combineRoutes(this.applicationPaths, elementStrings(path.use, ['value']) ?? []);
    else if (locators.length > 0)
      prefixes = [...new Set(locators.flatMap((l) => this.locatorRoutes(l)))].sort();
    else prefixes = combineRoutes(this.applicationPaths, []);
    this.inProgress.delete(typeId);
    this.prefixCache.set(typeId, prefixes);
    return prefixes;
  }

  private locatorRoutes(locator: Callable): string[] {
    const element = this.view.inHierarchy(locator, [JAXRS_PATH]);
    const mapping = element ? jaxrsMapping(element.annotations) : null;
    return mapping ? this.routes(mapping, this.view.handlerTypes(locator)) : [];
  }
}
