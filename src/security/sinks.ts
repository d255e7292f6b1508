/**
 * Sink call sites (metrics.md §1.10): decided by the resolved API — receiver type or its
 * supertypes with high confidence, receiver name with low confidence when the type is unknown,
 * never by method name alone (`List.remove`, `Map.merge`, `Executor.execute` are not sinks,
 * case C17) — plus calls to bodyless repository methods of declarative clients (`@Query`,
 * MyBatis `@Mapper`, Feign). A call that reaches repository code with a body is not a library
 * call: the sink, if any, is inside that code.
 */
import type { Callable } from '../model/types.js';
import { findPlaced, type AnnotationView } from './annotation-view.js';
import { elementStrings } from './annotation-values.js';
import { matchApi, type CallView } from './api-calls.js';
import { simpleName } from './catalogue/names.js';
import {
  DECLARATIVE_CLIENTS,
  MAPPER_SCAN,
  OBJECT_METHODS,
  PRIVILEGED,
  REPOSITORY_BY_NAME,
  SINK_APIS,
  SPRING_DATA_REPOSITORIES,
  type SinkApi,
} from './catalogue/sinks.js';
import type { SinkCall, SinkCategory } from './types.js';

/** A sink API from the configuration (`options.extraSinkApis`). */
export interface ExtraSinkApi {
  type: string;
  methods: string[];
  category: string;
}

/**
 * Turns configured sink APIs into catalogue entries: a qualified `type` matches that type, a
 * simple one matches any type of that simple name; an empty `methods` list means every method.
 * Entries with an unknown category are left out with a note.
 */
export function extraSinkApis(extras: readonly ExtraSinkApi[]): {
  apis: (SinkApi & { anyPackage: boolean })[];
  notes: string[];
} {
  const apis: (SinkApi & { anyPackage: boolean })[] = [];
  const notes: string[] = [];
  for (const extra of extras) {
    if (!Object.hasOwn(PRIVILEGED, extra.category)) {
      notes.push(
        `configured sink API ${extra.type} has unknown category "${extra.category}" (expected one of ${Object.keys(PRIVILEGED).join(', ')}); ignored`,
      );
      continue;
    }
    const qualified = extra.type.includes('.');
    apis.push({
      category: extra.category as SinkCategory,
      types: [{ simple: simpleName(extra.type), qualified: qualified ? [extra.type] : [] }],
      methods: extra.methods.length > 0 ? extra.methods : ['*'],
      receiverNames: [],
      anyPackage: !qualified,
      source: 'configuration',
    });
  }
  return { apis, notes };
}

/** Finds sink call sites; holds what is decided once per repository (MyBatis scanned packages, configured APIs). */
export class SinkFinder {
  /** Packages whose interfaces are MyBatis mappers through `@MapperScan`. */
  private readonly mapperPackages: string[];

  constructor(
    private readonly view: AnnotationView,
    private readonly extras: readonly SinkApi[],
  ) {
    const packages = new Set<string>();
    for (const typeId of view.productionTypes()) {
      const scan = findPlaced(view.ofType(typeId), [MAPPER_SCAN.name]);
      for (const p of scan ? (elementStrings(scan.use, MAPPER_SCAN.packageElements) ?? []) : [])
        packages.add(p);
    }
    this.mapperPackages = [...packages].sort();
  }

  /** The sink call sites of one production callable, in call-site order (at most one per site). */
  sinkCalls(callable: Callable, calls: readonly CallView[]): SinkCall[] {
    const out: SinkCall[] = [];
    for (const call of calls) {
      // Configured APIs are sinks wherever they are called, even when they are repository code.
      const found = call.callsRepositoryCode
        ? apiSink(call, this.extras)
        : (this.declarativeSink(call) ??
          librarySink(call) ??
          apiSink(call, this.extras) ??
          repositoryNamedSink(call));
      if (!found) continue;
      out.push({
        callableId: callable.id,
        category: found.category,
        privileged: PRIVILEGED[found.category],
        api: found.api,
        confidence: found.confidence,
        callSiteIndex: call.index,
        receiverType: found.confidence === 'high' ? call.receiverType : null,
        file: callable.file,
        line: call.site.line,
        column: call.site.column,
      });
    }
    return out;
  }

  /**
   * A call to bodyless repository methods of a declarative client: a method annotated `@Query`,
   * `@Select` … or an interface annotated `@Mapper`, `@Repository`, `@FeignClient` … or in a
   * package scanned by `@MapperScan`; also a library-inherited method called on such an interface.
   */
  private declarativeSink(call: CallView): Found | null {
    if (OBJECT_METHODS.has(call.method)) return null;
    const view = this.view;
    const targets = call.targets.map((t) => view.callable(t)).filter((c): c is Callable => c !== undefined);
    const types = new Set(targets.map((t) => t.typeId));
    if (targets.length === 0 && call.receiverType !== null && view.index.type(call.receiverType))
      types.add(call.receiverType);
    for (const target of targets) {
      const onMethod = DECLARATIVE_CLIENTS.find(
        (d) => d.on === 'method' && findPlaced(view.own(target), [d.name]),
      );
      if (onMethod) {
        return {
          category: onMethod.category,
          api: `${simpleName(target.typeId)}.${target.name} (@${onMethod.name.simple})`,
          confidence: 'high',
        };
      }
    }
    for (const typeId of [...types].sort()) {
      const decl = view.index.type(typeId);
      if (decl?.kind !== 'interface') continue;
      const onType = DECLARATIVE_CLIENTS.find(
        (d) => d.on === 'type' && view.onTypeHierarchy(typeId, [d.name]),
      );
      if (onType) {
        return {
          category: onType.category,
          api: `${simpleName(typeId)}.${call.method} (@${onType.name.simple})`,
          confidence: 'high',
        };
      }
      if (this.mapperPackages.some((p) => decl.package === p || decl.package.startsWith(`${p}.`))) {
        return {
          category: 'db',
          api: `${simpleName(typeId)}.${call.method} (@${MAPPER_SCAN.name.simple})`,
          confidence: 'high',
        };
      }
    }
    return null;
  }
}

type Found = { category: SinkCategory; api: string; confidence: 'high' | 'low' };

/** Spring Data repositories, then the library catalogue. */
function librarySink(call: CallView): Found | null {
  if (!OBJECT_METHODS.has(call.method)) {
    const repository = matchApi(call, SPRING_DATA_REPOSITORIES);
    if (repository) return { category: 'db', api: `${repository.type}.${call.method}`, confidence: 'high' };
  }
  return apiSink(call, SINK_APIS);
}

/** The first of `apis` matching the call (reflection-by-name entries only with a non-constant name). */
function apiSink(call: CallView, apis: readonly SinkApi[]): Found | null {
  for (const api of apisListing(apis, call.method)) {
    const match = matchApi(call, api);
    if (!match) continue;
    const argument =
      api.nonConstantArgument === undefined ? undefined : call.site.args[api.nonConstantArgument];
    if ((argument?.constant ?? null) !== null) continue;
    const owner = match.type ?? api.types[0]?.simple ?? call.receiverName ?? '?';
    const name = call.method === 'new' ? `new ${owner}` : `${owner}.${call.method}`;
    return { category: api.category, api: name, confidence: match.confidence };
  }
  return null;
}

/**
 * The entries of `apis` that may list `method` — those naming it exactly and those with a
 * pattern (`prefix*`, `*`) — in catalogue order: `matchApi` on the others fails on the method
 * name, so skipping them changes nothing but the time spent on every call site.
 */
function apisListing(apis: readonly SinkApi[], method: string): readonly SinkApi[] {
  let index = methodIndexes.get(apis);
  if (index === undefined) {
    index = { byMethod: new Map() };
    methodIndexes.set(apis, index);
  }
  let listing = index.byMethod.get(method);
  if (listing === undefined) {
    listing = apis.filter((api) => api.methods.some((m) => m.endsWith('*') || m === method));
    index.byMethod.set(method, listing);
  }
  return listing;
}

/** Per API list, the entries that may list each method name asked about so far. */
const methodIndexes = new WeakMap<readonly SinkApi[], { byMethod: Map<string, readonly SinkApi[]> }>();

/** A receiver of unknown type named like a repository (`userRepository.save`): db, low confidence. */
function repositoryNamedSink(call: CallView): Found | null {
  return matchApi(call, REPOSITORY_BY_NAME)
    ? { category: 'db', api: `${call.receiverName}.${call.method}`, confidence: 'low' }
    : null;
}
