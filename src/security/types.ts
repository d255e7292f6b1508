/**
 * Security facts derived from the code model and the call graph: entrypoints with their
 * authentication, per-callable defence flags, and sinks (metrics.md §1.6–§1.10).
 */

export type EntrypointKind = 'http' | 'ws' | 'rpc' | 'mq' | 'job';

/** Authentication status of an entrypoint (metrics.md §1.7). `unknown` counts as not authenticated. */
export type AuthStatus = 'authenticated' | 'public' | 'denied' | 'unknown';

/** One piece of evidence for an auth decision. */
export interface AuthEvidence {
  /** `annotation` (method or class, possibly via a meta-annotation), `http-security` rule, or `body` check. */
  source: 'annotation' | 'http-security' | 'body';
  /** What it says: `authenticated`, `authorized`, `public`, `denied`. */
  effect: 'authenticated' | 'authorized' | 'public' | 'denied';
  /** Human-readable detail, e.g. `@PreAuthorize on method`, `rule 3 requestMatchers("/api/admin/**").hasRole("ADMIN")`. */
  detail: string;
  file: string;
  line: number;
}

/** Input level of a client-data parameter (metrics.md §1.8), lowest to highest. */
export type InputLevel = 'minimal' | 'low' | 'medium' | 'high' | 'very_high';

/** A parameter bound from the request or message. */
export interface ClientParameter {
  name: string;
  type: string;
  /** Binding annotation (`RequestParam`, `PathParam` …) or `unannotated` / `raw-request` / `payload`. */
  binding: string;
  level: InputLevel;
}

/** A callable reachable from outside (metrics.md §1.6). */
export interface Entrypoint {
  callableId: string;
  kind: EntrypointKind;
  /**
   * `spring-mvc`, `spring-mvc-functional`, `spring-webflux-functional`, `spring-messaging`, `jax-rs`,
   * `servlet`, `micronaut`, `grpc`, `kafka`, `jms`, `rabbitmq`, `sqs`, `spring-cloud-stream`,
   * `smallrye`, `spring-scheduling`, `quarkus-scheduler`, `micronaut-scheduling`, `ejb-timer`, or
   * `custom` (an entrypoint annotation from the configuration).
   */
  framework: string;
  /** HTTP verbs; empty when any verb (e.g. `@RequestMapping` without `method`) or not HTTP. */
  verbs: string[];
  /** Full routes (class prefix + method path), sorted; empty when not HTTP or unknown. For `ws`, the message destinations. */
  routes: string[];
  /** For `mq`: the topics, queues or channels the listener consumes, as written (sorted); else empty. */
  channels: string[];
  auth: AuthStatus;
  /** Authorisation (roles/authorities) required, beyond authentication; also true when `denied`. */
  authz: boolean;
  /** The sources that decided `auth` (empty when `unknown`). */
  evidence: AuthEvidence[];
  /** The callable's `validation` defence flag. */
  validated: boolean;
  clientParameters: ClientParameter[];
  /** The most open level among client parameters, null when there are none. */
  inputLevel: InputLevel | null;
  file: string;
  /** Line of the method name. */
  line: number;
}

/** The six defence layers (metrics.md §1.9). */
export interface DefenceFlags {
  authn: boolean;
  authz: boolean;
  validation: boolean;
  sanitize: boolean;
  rate: boolean;
  audit: boolean;
}

export type SinkCategory = 'db' | 'fs' | 'exec' | 'http' | 'code' | 'other';

/** A call site that performs a sink operation. */
export interface SinkCall {
  callableId: string;
  category: SinkCategory;
  privileged: boolean;
  /** The matched API, e.g. `JdbcTemplate.query`, `JpaRepository.save`. */
  api: string;
  /** `high` when decided by the resolved receiver type, `low` when by name and receiver name. */
  confidence: 'high' | 'low';
  /** Index of the call site in `Callable.callSites`. */
  callSiteIndex: number;
  /** The receiver type that decided it (qualified library name or repository type id), null for a low-confidence match. */
  receiverType: string | null;
  file: string;
  line: number;
  column: number;
}

/** Security facts of the whole repository. */
export interface SecurityModel {
  /** Entrypoints sorted by callable id. */
  entrypoints: Entrypoint[];
  /** Defence flags of every production callable, in callable-id order. */
  defences: Map<string, DefenceFlags>;
  /** Sink call sites, sorted by callable id, line, column. */
  sinkCalls: SinkCall[];
  /** Sink categories per callable id (a callable is a sink of C when it holds a call site of C). */
  sinks: Map<string, SinkCategory[]>;
  /** Error handlers, sorted: `@ExceptionHandler` methods and JAX-RS `ExceptionMapper.toResponse` (metrics.md §1.13). */
  errorHandlers: string[];
  /** Notes on what was seen but not analysed (unreadable router DSLs, shadowed rules …), sorted. */
  notes: string[];
}
