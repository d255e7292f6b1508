/**
 * The shape of `report.json` (system.md "Artifacts", metrics.md §2–§4). Keys are snake_case
 * where the original's report had them, so its readers keep working; new sections are added,
 * never renamed. The checked-in JSON Schema (`schema/report.schema.json`) describes the same shape.
 */

/** A text in the two languages of the product. */
export interface Localised {
  en: string;
  ru: string;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Confidence = 'high' | 'medium' | 'low';

/** A located finding (metrics.md §3). */
export interface Finding {
  /** Stable fingerprint: rule + file + callable + normalised code; unchanged when unrelated lines move. */
  id: string;
  rule: string;
  metric: string;
  severity: Severity;
  confidence: Confidence;
  cwe: number | null;
  /** Repo-relative path with `/`, or null for repository-level findings. */
  file: string | null;
  /** 1-based; null with `file`. */
  line: number | null;
  column: number | null;
  end_line: number | null;
  /** Exclusive, 1-based. */
  end_column: number | null;
  method: string | null;
  /** English texts (rendered from the rule's templates and `data`). */
  what: string;
  why: string;
  fix: string;
  /** Values the texts are built from, so a reader can render them in either language. */
  data: Record<string, string | number>;
  /** Source lines around the location: first line number and the lines. */
  snippet: { start_line: number; lines: string[] } | null;
  evidence: { route: string | null; path: { callable: string; file: string; line: number }[] } | null;
}

/** A note about the run that is not a failure: unreadable or unparsable files, skipped files, unmodelled languages. */
export interface ReportNote {
  /** Machine-readable code: `parse_errors`, `not_utf8`, `unreadable`, `too_large`, `binary`, `symlink_outside`, `unmodelled_language`, … */
  code: string;
  message: string;
  file?: string;
  count?: number;
}

/** A failure of the run (clone failed, stage crashed). */
export interface ReportError {
  stage: string;
  error: string;
}

/** One metric block in `metrics`: status, value and raw keys, details, findings, notes. */
export type MetricBlock = {
  status: 'ok' | 'not_available';
  reason?: string;
  findings: Finding[];
  notes: string[];
} & Record<string, unknown>;

/** The aggregate score (metrics.md §2). */
export interface Aggregate {
  /** Weighted mean of available metrics in [0, 1], weights renormalised; null when none is available. */
  score: number | null;
  band: 'low' | 'moderate' | 'high' | 'critical' | null;
  components: Record<string, number>;
  available: number;
  notes: string[];
}

/** Metadata of the run. */
export interface ReportMeta {
  tool: { name: string; version: string };
  repo_url: string;
  ref: string;
  git_head: string;
  git_branch: string;
  /** `git` when cloned from a URL, `folder` when read in place. */
  source: 'git' | 'folder';
  mode: 'fast' | 'full';
  max_graph_depth: number;
  started_at_unix: number;
}

/** The whole `report.json`. */
export interface Report {
  schema_version: string;
  meta: ReportMeta;
  /** Stage durations in seconds (`clone_sec`, `parse_sec`, …, `total_wall_sec`). */
  timings: Record<string, number>;
  resources: { ru_utime_sec: number; ru_stime_sec: number; ru_maxrss_kb: number };
  technical: Record<string, unknown>;
  model: ReportModel;
  graph: ReportGraph;
  /** One block per metric id (`A1` … `F2`, `M1`) plus `aggregate`, as the original's report had them. */
  metrics: { [id: string]: MetricBlock | Aggregate | undefined; aggregate?: Aggregate };
  findings: Finding[];
  notes: ReportNote[];
  errors: ReportError[];
}

/** Defence layers of a callable (metrics.md §1.9). */
export interface ReportDefences {
  authn: boolean;
  authz: boolean;
  validation: boolean;
  sanitize: boolean;
  rate: boolean;
  audit: boolean;
}

/** A production callable as the report shows it. */
export interface ReportCallable {
  id: string;
  file: string;
  line: number;
  end_line: number;
  kind: 'method' | 'constructor';
  complexity: number;
  defences: ReportDefences;
  /** The file had parse errors. */
  low_confidence: boolean;
}

/** An entrypoint as the report shows it. */
export interface ReportEntrypoint {
  callable: string;
  kind: 'http' | 'ws' | 'rpc' | 'mq' | 'job';
  framework: string;
  verbs: string[];
  routes: string[];
  auth: 'authenticated' | 'public' | 'denied' | 'unknown';
  authz: boolean;
  evidence: { source: string; effect: string; detail: string; file: string; line: number }[];
  validated: boolean;
  /** Most open client-data parameter level, null without client data. */
  input_level: 'minimal' | 'low' | 'medium' | 'high' | 'very_high' | null;
  /** A3 entropy e of this entrypoint in [0, 1] (after the validation factor). */
  input_entropy: number;
  client_parameters: { name: string; type: string; binding: string; level: string }[];
  file: string;
  line: number;
}

/** A sink call site. */
export interface ReportSink {
  callable: string;
  category: 'db' | 'fs' | 'exec' | 'http' | 'code' | 'other';
  privileged: boolean;
  api: string;
  confidence: 'high' | 'low';
  file: string;
  line: number;
}

/** A catch block or error handler with its B4 / C2 classification. */
export interface ReportCatch {
  callable: string;
  file: string;
  line: number;
  end_line: number;
  /** `catch` clause or `@ExceptionHandler` method. */
  kind: 'catch' | 'handler';
  /** B4 class (catch clauses only). */
  classification: 'fail-closed' | 'fail-open' | 'ambiguous' | null;
  /** C2: exception detail reaches a response. */
  leaks: boolean;
}

/** The `model` section: what the report needs to render without the checkout. */
export interface ReportModel {
  callables: ReportCallable[];
  entrypoints: ReportEntrypoint[];
  sinks: ReportSink[];
  catches: ReportCatch[];
  counts: {
    files: number;
    production_files: number;
    test_files: number;
    types: number;
    callables: number;
    production_callables: number;
    files_with_parse_errors: number;
  };
}

/**
 * The `graph` section: the M1 export, stored once (metrics.md §2 M1). Nodes are production
 * callable ids; edges are `[from, to, resolution]`. At most 5,000 nodes and 20,000 edges,
 * chosen deterministically with entry→sink subgraphs first.
 */
export interface ReportGraph {
  nodes: string[];
  edges: [string, string, 'type' | 'fallback'][];
  entrypoints: string[];
  sinks: string[];
  /** Totals before the caps. */
  total_nodes: number;
  total_edges: number;
  truncated: boolean;
  resolution: {
    call_sites_total: number;
    resolved_by_type: number;
    resolved_by_fallback: number;
    external: number;
    unresolved: number;
    edges_by_type: number;
    edges_by_fallback: number;
  };
}
