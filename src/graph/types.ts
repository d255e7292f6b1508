/**
 * The call graph over repository callables (metrics.md §1.11).
 */

/** How one call site was resolved. */
export type Resolution =
  /** The receiver type is known and a repository callable matched (with class-hierarchy analysis). */
  | 'type'
  /** The receiver type is unknown; candidates by name + arity (≤ 20, sorted). */
  | 'fallback'
  /** The receiver type is known and is a library type, or the method is inherited from one. */
  | 'external'
  /** The receiver type is unknown and no repository callable has that name and arity. */
  | 'unresolved';

/** A call site with its resolution. */
export interface ResolvedCall {
  /** Index of the call site in `Callable.callSites`. */
  index: number;
  resolution: Resolution;
  /** Repository callables it may reach, sorted. */
  targets: string[];
  /**
   * The receiver's static type: a repository type id, or a library type name (qualified when
   * imports decide it, e.g. `org.springframework.jdbc.core.JdbcTemplate`, else as written); null when unknown.
   */
  receiverType: string | null;
  /**
   * Every supertype name of the receiver type known to the analysis, repository ids and library
   * names (qualified where known), e.g. for a Spring Data repository
   * `['org.springframework.data.jpa.repository.JpaRepository']`.
   */
  receiverSupertypes: string[];
}

/** A call edge between repository callables. */
export interface CallEdge {
  from: string;
  to: string;
  /** `fallback` when the edge came from name + arity only. */
  resolution: 'type' | 'fallback';
  /** Line of the first call site that produced the edge. */
  line: number;
}

/** Counts of call sites by resolution. */
export interface ResolutionStats {
  call_sites_total: number;
  resolved_by_type: number;
  resolved_by_fallback: number;
  external: number;
  unresolved: number;
  edges_by_type: number;
  edges_by_fallback: number;
}

/**
 * The call graph: nodes are production and test callables; edges are sorted by (from, to).
 * `calls` holds every call site's resolution per callable (same order as `callSites`).
 */
export interface CallGraph {
  /** Callable ids, sorted. */
  nodes: string[];
  edges: CallEdge[];
  /** Outgoing targets per callable id, sorted. */
  successors: Map<string, string[]>;
  calls: Map<string, ResolvedCall[]>;
  stats: ResolutionStats;
}
