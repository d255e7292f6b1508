/**
 * The data embedded in `report.html` and read by the page's client code (`client/*.js`). Everything the page
 * shows comes from here, prepared on the server so the client only filters, sorts and draws.
 */
import type {
  Confidence,
  Localised,
  ReportEntrypoint,
  ReportNote,
  ReportError,
  Severity,
} from '../report/types.js';

/** Everything the page shows. */
export interface PageData {
  tool: { name: string; version: string; schema_version: string };
  meta: PageMeta;
  aggregate: { score: number | null; band: string | null; available: number; notes: string[] };
  groups: GroupView[];
  metrics: MetricCardView[];
  findings: FindingView[];
  /** Findings grouped by file: by most severe finding, then count (desc), then path; repository-level last. */
  fileGroups: FileGroupView[];
  entrypoints: EntrypointView[];
  graph: GraphView;
  map: MapView;
  about: AboutView;
}

/** Identity of the analysed repository and run. */
export interface PageMeta {
  repo_url: string;
  /** Last path segment of the URL or folder, `.git` removed. */
  repo_name: string;
  ref: string;
  git_head: string;
  git_branch: string;
  source: string;
  mode: string;
  max_graph_depth: number | null;
  started_at_unix: number | null;
}

/** One metric group (A–F) with the mean of its available normalised metrics. */
export interface GroupView {
  id: string;
  name: Localised;
  /** Mean of the available normalised metrics of the group, null when none is available. */
  score: number | null;
  metrics: string[];
}

/** One metric card on the overview. */
export interface MetricCardView {
  id: string;
  key: string;
  rawKey: string | null;
  group: string;
  weight: number;
  name: Localised;
  description: Localised;
  normalisation: string;
  status: 'ok' | 'not_available' | 'missing';
  reason: string | null;
  value: number | null;
  raw: number | null;
  notes: string[];
  /** Facts of this report that drive the value (counts, worst places). */
  drivers: Localised[];
  improve: Localised;
  findingCount: number;
}

/** A finding as the page shows it; `ru` is null when the rule's Russian texts are unknown (the page shows English). */
export interface FindingView {
  id: string;
  rule: string;
  ruleTitle: Localised | null;
  metric: string;
  group: string;
  severity: Severity;
  confidence: Confidence;
  cwe: number | null;
  file: string | null;
  line: number | null;
  method: string | null;
  texts: { en: FindingTexts; ru: FindingTexts | null };
  snippet: { start_line: number; lines: string[] } | null;
  evidence: { route: string | null; path: { callable: string; file: string; line: number }[] } | null;
}

/** The three texts of a finding in one language. */
export interface FindingTexts {
  what: string;
  why: string;
  fix: string;
}

/** A file and the indices (into `PageData.findings`) of its findings, most severe first. */
export interface FileGroupView {
  /** Repo-relative path; null for the repository-level group. */
  file: string | null;
  findings: number[];
}

/** An entrypoint row. */
export type EntrypointView = ReportEntrypoint & { label: string };

/** The call graph around entrypoints and sinks, capped to `maxNodes`. */
export interface GraphView {
  nodes: GraphNodeView[];
  /** `[source index, target index, resolution]`. */
  edges: [number, number, 'type' | 'fallback'][];
  /** Nodes and edges in the report's graph section (which may itself be capped by M1). */
  reportNodes: number;
  reportEdges: number;
  /** Nodes and edges before the M1 caps, as the analyzer counted them. */
  totalNodes: number;
  totalEdges: number;
  maxNodes: number;
  /** Overlays the page offers: metric id and what the per-node value means. */
  overlays: { metric: string; label: Localised }[];
}

/** A graph node with its roles and the facts shown when it is clicked. */
export interface GraphNodeView {
  id: string;
  /** `Class#method` without parameters. */
  label: string;
  file: string | null;
  line: number | null;
  complexity: number | null;
  entry: { kind: string; routes: string[]; verbs: string[]; auth: string; evidence: string[] } | null;
  sinks: string[];
  privileged: boolean;
  defences: string[];
  /** Indices into `PageData.findings` of findings on this callable or on an evidence path through it. */
  findings: number[];
  /** Per-metric overlay values; a metric without a value for this node is absent. */
  overlay: Record<string, number>;
  /** Hops from the nearest shown entrypoint; null when none reaches it. */
  depth: number | null;
}

/** Package and class map data: one value per measure and class. */
export interface MapView {
  measures: { id: string; label: Localised; metric: string | null }[];
  packages: MapPackageView[];
}

/** A package of the map. */
export interface MapPackageView {
  name: string;
  classes: MapClassView[];
}

/** A class of the map with its measures. */
export interface MapClassView {
  name: string;
  file: string | null;
  callables: number;
  values: Record<string, number>;
}

/** Facts about the run. */
export interface AboutView {
  timings: [string, number][];
  resources: [string, number][];
  counts: [string, number][];
  resolution: [string, number][];
  technical: [string, string][];
  orchestrator: [string, string][] | null;
  notes: ReportNote[];
  errors: ReportError[];
}
