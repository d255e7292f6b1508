/**
 * A small builder of `MetricInput`s for metric tests: callables, call edges, entrypoints with
 * their auth, defence flags and sink call sites, without parsing Java. Ids are callable ids
 * (`com.example.web.OrderController#create(OrderForm)`); the file of a callable is derived from
 * its type (`src/main/java/com/example/web/OrderController.java`) unless given.
 *
 *   const input = new InputBuilder()
 *     .callable('p.Web#get()', { complexity: 3 })
 *     .callable('p.Dao#load()', { defences: { sanitize: true } })
 *     .edge('p.Web#get()', 'p.Dao#load()')
 *     .entrypoint('p.Web#get()', { auth: 'public' })
 *     .sink('p.Dao#load()', { category: 'db' })
 *     .build();
 */
import { buildCodeModel } from '../../src/model/code-model.js';
import type { CallEdge, CallGraph } from '../../src/graph/types.js';
import type { Callable, FileModel, TypeDecl } from '../../src/model/types.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { materialiseFindings, type ReadLines } from '../../src/report/findings.js';
import type { Finding } from '../../src/report/types.js';
import type { Metric, MetricInput, MetricOutcome } from '../../src/metrics/types.js';
import { fixturePath } from '../helpers/paths.js';
import type {
  AuthStatus,
  DefenceFlags,
  Entrypoint,
  EntrypointKind,
  InputLevel,
  SinkCall,
  SinkCategory,
} from '../../src/security/types.js';
import type { DependencyFacts } from '../../src/deps/types.js';

/** Options of a callable. */
export interface CallableOptions {
  complexity?: number;
  defences?: Partial<DefenceFlags>;
  /** Test code: never a graph node for the path metrics. */
  isTest?: boolean;
  file?: string;
  /** Line of the name; by default callables of a file sit 10 lines apart from line 5. */
  line?: number;
  lowConfidence?: boolean;
}

/** Options of an entrypoint. */
export interface EntrypointOptions {
  auth: AuthStatus;
  authz?: boolean;
  validated?: boolean;
  kind?: EntrypointKind;
  verbs?: string[];
  routes?: string[];
  channels?: string[];
  inputLevel?: InputLevel | null;
}

/** Options of a sink call site. */
export interface SinkOptions {
  category: SinkCategory;
  api?: string;
  /** By default: privileged for db, fs, exec and code (metrics.md §1.10). */
  privileged?: boolean;
  confidence?: 'high' | 'low';
  /** By default the line after the callable's name line. */
  line?: number;
  column?: number;
}

const NO_DEFENCES: DefenceFlags = {
  authn: false,
  authz: false,
  validation: false,
  sanitize: false,
  rate: false,
  audit: false,
};

const PRIVILEGED: ReadonlySet<SinkCategory> = new Set(['db', 'fs', 'exec', 'code']);

/** The type id of a callable id (`p.C#m()` → `p.C`). */
function typeOf(id: string): string {
  return id.slice(0, id.indexOf('#'));
}

/** The conventional file of a top-level type (`p.q.C` → `src/main/java/p/q/C.java`). */
export function fileOfType(typeId: string): string {
  return `src/main/java/${typeId.split('.').join('/')}.java`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds `MetricInput`s; every method returns the builder. */
export class InputBuilder {
  private readonly callables = new Map<
    string,
    Required<Omit<CallableOptions, 'defences'>> & { defences: DefenceFlags }
  >();
  private readonly edges: CallEdge[] = [];
  private readonly entrypoints: Entrypoint[] = [];
  private readonly sinkCalls: SinkCall[] = [];
  private readonly linesUsed = new Map<string, number>();
  /** Sink calls per callable, which also become its method call sites (named after the API's method). */
  private readonly sinkSites = new Map<string, { api: string; line: number; column: number }[]>();

  callable(id: string, options: CallableOptions = {}): this {
    const file = options.file ?? fileOfType(typeOf(id));
    const line = options.line ?? (this.linesUsed.get(file) ?? -5) + 10;
    this.linesUsed.set(file, Math.max(line, this.linesUsed.get(file) ?? 0));
    this.callables.set(id, {
      complexity: options.complexity ?? 0,
      defences: { ...NO_DEFENCES, ...options.defences },
      isTest: options.isTest ?? false,
      file,
      line,
      lowConfidence: options.lowConfidence ?? false,
    });
    return this;
  }

  /** A call edge; both callables must have been declared. */
  edge(from: string, to: string, resolution: 'type' | 'fallback' = 'type'): this {
    for (const id of [from, to]) if (!this.callables.has(id)) throw new Error(`undeclared callable ${id}`);
    this.edges.push({ from, to, resolution, line: this.callables.get(from)!.line + 1 });
    return this;
  }

  /** Edges along a chain: `chain(a, b, c)` adds a→b and b→c. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.edge(ids[i - 1]!, ids[i]!);
    return this;
  }

  entrypoint(id: string, options: EntrypointOptions): this {
    const callable = this.callables.get(id);
    if (callable === undefined) throw new Error(`undeclared callable ${id}`);
    // Built as a value first, so the fields the security stage adds (channels) stay compatible.
    const entrypoint = {
      callableId: id,
      kind: options.kind ?? 'http',
      framework: 'spring-mvc',
      verbs: options.verbs ?? ['GET'],
      routes: options.routes ?? [`/${id.slice(id.indexOf('#') + 1, id.indexOf('('))}`],
      channels: options.channels ?? [],
      auth: options.auth,
      authz: options.authz ?? false,
      evidence: [],
      validated: options.validated ?? false,
      clientParameters: [],
      inputLevel: options.inputLevel ?? null,
      file: callable.file,
      line: callable.line,
    };
    this.entrypoints.push(entrypoint);
    return this;
  }

  sink(id: string, options: SinkOptions): this {
    const callable = this.callables.get(id);
    if (callable === undefined) throw new Error(`undeclared callable ${id}`);
    const call = {
      callableId: id,
      category: options.category,
      privileged: options.privileged ?? PRIVILEGED.has(options.category),
      api: options.api ?? `${options.category}.call`,
      confidence: options.confidence ?? 'high',
      callSiteIndex: 0,
      receiverType: null,
      file: callable.file,
      line: options.line ?? callable.line + 1,
      column: options.column ?? 9,
    };
    this.sinkCalls.push(call);
    this.sinkSites.set(id, [...(this.sinkSites.get(id) ?? []), call]);
    return this;
  }

  /** The input; `maxGraphDepth` defaults to 12 (metrics.md §2). */
  build(options: { maxGraphDepth?: number } = {}): MetricInput {
    const ids = [...this.callables.keys()].sort(compare);
    const byFile = new Map<string, Callable[]>();
    for (const id of ids) {
      const c = this.callables.get(id)!;
      const callable: Callable = {
        id,
        name: id.slice(id.indexOf('#') + 1, id.indexOf('(')),
        kind: 'method',
        typeId: typeOf(id),
        file: c.file,
        span: { startLine: c.line, startColumn: 5, endLine: c.line + 3, endColumn: 6 },
        nameLine: c.line,
        modifiers: ['public'],
        annotations: [],
        parameters: [],
        returnType: null,
        typeParameters: [],
        hasBody: true,
        complexity: c.complexity,
        callSites: (this.sinkSites.get(id) ?? []).map((call) => ({
          kind: 'method' as const,
          name: call.api.slice(call.api.lastIndexOf('.') + 1),
          arity: 1,
          receiver: { kind: 'implicit' as const },
          type: null,
          line: call.line,
          column: call.column,
          args: [],
        })),
        identifierUses: [],
        exposures: [],
        bodyFingerprint: null,
        isTest: c.isTest,
        lowConfidence: c.lowConfidence,
      };
      byFile.set(c.file, [...(byFile.get(c.file) ?? []), callable]);
    }
    const files: FileModel[] = [...byFile.keys()].sort(compare).map((path) => {
      const callables = byFile.get(path)!;
      const typeIds = [...new Set(callables.map((c) => c.typeId))];
      const types: TypeDecl[] = typeIds.map((typeId) => ({
        id: typeId,
        name: typeId.slice(typeId.lastIndexOf('.') + 1),
        package: typeId.slice(0, typeId.lastIndexOf('.')),
        kind: 'class',
        file: path,
        span: { startLine: 1, startColumn: 1, endLine: 200, endColumn: 2 },
        modifiers: ['public'],
        annotations: [],
        extends: [],
        implements: [],
        anonymousBase: null,
        outer: null,
        fields: [],
        isTest: callables.some((c) => c.isTest),
        typeParameters: [],
      }));
      return {
        path,
        package: types[0]!.package,
        imports: { single: {}, onDemand: [], staticSingle: {}, staticOnDemand: [] },
        types,
        callables,
        catches: [],
        httpSecurity: [],
        functionalRoutes: [],
        isTest: callables.every((c) => c.isTest),
        parseErrors: 0,
        lines: 200,
        bytes: 4000,
      };
    });
    const edges = [...this.edges].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));
    const successors = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const edge of edges) successors.get(edge.from)!.push(edge.to);
    const graph: CallGraph = {
      nodes: ids,
      edges,
      successors,
      calls: new Map(),
      stats: {
        call_sites_total: edges.length,
        resolved_by_type: edges.filter((e) => e.resolution === 'type').length,
        resolved_by_fallback: edges.filter((e) => e.resolution === 'fallback').length,
        external: 0,
        unresolved: 0,
        edges_by_type: edges.filter((e) => e.resolution === 'type').length,
        edges_by_fallback: edges.filter((e) => e.resolution === 'fallback').length,
      },
    };
    const sinkCalls = [...this.sinkCalls].sort(
      (a, b) => compare(a.callableId, b.callableId) || a.line - b.line || a.column - b.column,
    );
    const sinks = new Map<string, SinkCategory[]>();
    for (const call of sinkCalls) {
      const categories = sinks.get(call.callableId) ?? [];
      if (!categories.includes(call.category)) categories.push(call.category);
      sinks.set(call.callableId, categories);
    }
    const production = ids.filter((id) => !this.callables.get(id)!.isTest);
    const dependencies: DependencyFacts = {
      manifests: [],
      modules: [],
      internalPrefix: null,
      dependencies: [],
      boms: [],
      notes: [],
    };
    return {
      model: buildCodeModel(files),
      graph,
      security: {
        entrypoints: [...this.entrypoints].sort((a, b) => compare(a.callableId, b.callableId)),
        defences: new Map(production.map((id) => [id, this.callables.get(id)!.defences])),
        sinkCalls,
        sinks,
        errorHandlers: [],
        notes: [],
      },
      repo: {
        files: files.map((f) => ({ path: f.path, bytes: f.bytes, isTest: f.isTest })),
        javaFiles: files.map((f) => ({ path: f.path, bytes: f.bytes, isTest: f.isTest })),
        languages: [{ language: 'java', files: files.length }],
        dependencies,
      },
      options: { maxGraphDepth: options.maxGraphDepth ?? 12 },
    };
  }
}

/** Root of the path-metric fixture projects. */
export const SHOP = 'metrics/paths/shop';

const WEB = 'com.example.shop.web';
const SERVICE = 'com.example.shop.service';

/** Callable ids of the shop fixture (`test/fixtures/metrics/paths/shop`). */
export const SHOP_IDS = {
  create: `${WEB}.OrderController#create(OrderForm)`,
  show: `${WEB}.OrderController#show(long,String)`,
  abandon: `${WEB}.OrderController#abandon(long)`,
  cancelEndpoint: `${WEB}.OrderController#cancel(long)`,
  purge: `${WEB}.AdminController#purge()`,
  wipe: `${WEB}.AdminController#wipe()`,
  place: `${SERVICE}.OrderService#place(OrderForm)`,
  find: `${SERVICE}.OrderService#find(long)`,
  cancel: `${SERVICE}.OrderService#cancel(long)`,
  price: `${SERVICE}.PricingPolicy#price(OrderForm)`,
  record: `${SERVICE}.AuditLog#record(String,long)`,
  lookup: 'com.example.shop.repo.DiscountStore#lookup(String)',
  archiveAll: 'com.example.shop.admin.ArchiveService#archiveAll()',
  writeAll: 'com.example.shop.admin.ArchiveWriter#writeAll(List<Order>)',
  writeFile: 'com.example.shop.admin.ArchiveWriter#writeFile(Path,String)',
  deleteAll: 'com.example.shop.admin.ArchiveWriter#deleteAll()',
  viewFull: 'com.example.shop.model.OrderView#full(Order)',
  viewSummary: 'com.example.shop.model.OrderView#summary(Order)',
  viewLines: 'com.example.shop.model.OrderView#lines(Order)',
  viewFlagged: 'com.example.shop.model.OrderView#flagged(Order)',
} as const;

/**
 * The shop fixture as the analysis should see it: callables at their name lines, cognitive
 * complexities, call edges, entrypoints with auth, defence flags and sink calls (line and
 * column of the called method's name). Constructors are left out: nothing in the fixture calls
 * them, so no path metric sees them.
 *
 * Entrypoints: `create` (@PermitAll, @Valid body: public, validated), `show`, `abandon`
 * (@PermitAll: public), `OrderController#cancel` and `purge` (@PreAuthorize: authenticated,
 * authz), `wipe` (@DenyAll: denied). Defences: `create` validation; `OrderController#cancel` and
 * `purge` authn + authz; `OrderService#cancel` audit (`audit.record`). Sinks: `place` (save),
 * `find` (findById), `OrderService#cancel` (deleteById), `lookup` (JdbcTemplate.queryForObject on
 * a concatenated string: not sanitised) — db; `writeFile` (Files.write), `deleteAll`
 * (Files.delete) — fs.
 */
export function shopInput(options: { maxGraphDepth?: number } = {}): MetricInput {
  const id = SHOP_IDS;
  return new InputBuilder()
    .callable(id.create, { line: 32, defences: { validation: true } })
    .callable(id.show, { line: 38, complexity: 11 })
    .callable(id.abandon, { line: 58 })
    .callable(id.cancelEndpoint, { line: 64, defences: { authn: true, authz: true } })
    .callable(id.purge, { line: 25, defences: { authn: true, authz: true } })
    .callable(id.wipe, { line: 31 })
    .callable(id.place, { line: 21, complexity: 1 })
    .callable(id.find, { line: 29 })
    .callable(id.cancel, { line: 33, defences: { audit: true } })
    .callable(id.price, { line: 18, complexity: 6 })
    .callable(id.record, { line: 12 })
    .callable(id.lookup, { line: 15 })
    .callable(id.archiveAll, { line: 16 })
    .callable(id.writeAll, { line: 17, complexity: 3 })
    .callable(id.writeFile, { line: 27 })
    .callable(id.deleteAll, { line: 31 })
    .callable(id.viewFull, { line: 5 })
    .callable(id.viewSummary, { line: 9 })
    .callable(id.viewLines, { line: 13 })
    .callable(id.viewFlagged, { line: 17 })
    .chain(id.create, id.place, id.price, id.lookup)
    .edge(id.show, id.find)
    .edge(id.show, id.viewFull)
    .edge(id.show, id.viewSummary)
    .edge(id.show, id.viewLines)
    .edge(id.show, id.viewFlagged)
    .chain(id.abandon, id.cancel, id.record)
    .edge(id.cancelEndpoint, id.cancel)
    .chain(id.purge, id.archiveAll, id.writeAll, id.writeFile)
    .edge(id.wipe, id.deleteAll)
    .entrypoint(id.create, { auth: 'public', validated: true, verbs: ['POST'], routes: ['/orders'] })
    .entrypoint(id.show, { auth: 'public', routes: ['/orders/{id}'] })
    .entrypoint(id.abandon, { auth: 'public', verbs: ['POST'], routes: ['/orders/{id}/abandon'] })
    .entrypoint(id.cancelEndpoint, {
      auth: 'authenticated',
      authz: true,
      verbs: ['DELETE'],
      routes: ['/orders/{id}'],
    })
    .entrypoint(id.purge, {
      auth: 'authenticated',
      authz: true,
      verbs: ['DELETE'],
      routes: ['/admin/orders'],
    })
    .entrypoint(id.wipe, { auth: 'denied', verbs: ['DELETE'], routes: ['/admin/all'] })
    .sink(id.place, { category: 'db', api: 'JpaRepository.save', line: 26, column: 27 })
    .sink(id.find, { category: 'db', api: 'CrudRepository.findById', line: 30, column: 27 })
    .sink(id.cancel, { category: 'db', api: 'CrudRepository.deleteById', line: 35, column: 20 })
    .sink(id.lookup, { category: 'db', api: 'JdbcTemplate.queryForObject', line: 16, column: 21 })
    .sink(id.writeFile, { category: 'fs', api: 'Files.write', line: 28, column: 15 })
    .sink(id.deleteAll, { category: 'fs', api: 'Files.delete', line: 33, column: 19 })
    .build(options);
}

/** An input without any Java file (a repository of another language). */
export function inputWithoutJava(): MetricInput {
  return new InputBuilder().build();
}

/** Reads lines of the files of a fixture project under `test/fixtures/` (null when missing). */
export function fixtureLines(root: string): ReadLines {
  return (file) => {
    try {
      return readFileSync(path.join(fixturePath(root), file), 'utf8').split(/\r?\n/);
    } catch {
      return null;
    }
  };
}

/** A metric's ok outcome; fails the test with the reason when it is not available. */
export function okOutcome(metric: Metric, input: MetricInput): Extract<MetricOutcome, { status: 'ok' }> {
  const outcome = metric.compute(input);
  if (outcome.status !== 'ok') throw new Error(`${metric.meta.id} not available: ${outcome.reason}`);
  return outcome;
}

/** The report findings of an ok outcome, rendered as the registry does. */
export function rendered(
  metric: Metric,
  outcome: MetricOutcome,
  readLines: ReadLines = () => null,
): Finding[] {
  return outcome.status === 'ok'
    ? materialiseFindings(metric.meta.id, metric.meta.findings, outcome.findings, readLines)
    : [];
}

/** Placeholders left unfilled in a finding's texts, in every language of its kind (should be none). */
export function unfilledPlaceholders(metric: Metric, outcome: MetricOutcome): string[] {
  if (outcome.status !== 'ok') return [];
  return outcome.findings.flatMap((draft) => {
    const kind = metric.meta.findings[draft.kind]!;
    return [kind.what, kind.why, kind.fix].flatMap((text) =>
      [text.en, text.ru].flatMap((template) =>
        [...template.matchAll(/\{([A-Za-z0-9_]+)\}/g)]
          .map((m) => m[1]!)
          .filter((name) => !(name in draft.data))
          .map((name) => `${draft.kind}: {${name}}`),
      ),
    );
  });
}
