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
  model: Record<string, unknown>;
  graph: Record<string, unknown>;
  metrics: Record<string, MetricBlock> & { aggregate?: Aggregate };
  findings: Finding[];
  notes: ReportNote[];
  errors: ReportError[];
}
