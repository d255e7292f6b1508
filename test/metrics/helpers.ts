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
import type { MetricInput } from '../../src/metrics/types.js';
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
      channels: [],
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
        callSites: [],
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

/** An input without any Java file (a repository of another language). */
export function inputWithoutJava(): MetricInput {
  return new InputBuilder().build();
}
