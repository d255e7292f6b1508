import type { CodeModel } from '../model/code-model.js';
import type { Span } from '../model/types.js';
import type { CallGraph } from '../graph/types.js';
import type { SecurityModel } from '../security/types.js';
import type { RepositoryFacts } from '../source/types.js';
import type { Confidence, Severity, Localised } from '../report/types.js';

/** Metric groups (metrics.md §2): attack surface, defence in depth, data flows, architecture, dependencies, fix cost. */
export type MetricGroup = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'M';

/**
 * A kind of finding a metric can emit, with its user-facing texts (ESLint `meta.messages` style).
 * Templates use `{name}` placeholders filled from the finding's `data`.
 */
export interface FindingKind {
  /** Rule id, `<metric>.<kebab-name>`, e.g. `A1.unauthenticated-endpoint`. */
  rule: string;
  severity: Severity;
  /** CWE number where one applies (306, 209, 532 …), else null. */
  cwe: number | null;
  title: Localised;
  what: Localised;
  why: Localised;
  fix: Localised;
}

/** Where a finding points in the code. */
export interface FindingLocation {
  file: string;
  span: Span;
  /** Callable id, or null for a type- or file-level location. */
  method: string | null;
}

/** One callable on an evidence path (entrypoint first). */
export interface EvidenceStep {
  callable: string;
  file: string;
  line: number;
}

/** What a metric's compute function reports for one finding; the registry turns it into a `Finding`. */
export interface FindingDraft {
  /** Key into the metric's `meta.findings`. */
  kind: string;
  /** null only for findings about the repository as a whole (manifests, language mix). */
  location: FindingLocation | null;
  /** Values for the text templates; also stored in the report so it can be re-rendered in any language. */
  data: Record<string, string | number>;
  /** Overrides the kind's severity where the rule grades it (e.g. empty catch in security code). */
  severity?: Severity;
  confidence: Confidence;
  /** For path metrics: callables from entrypoint to sink, and the route. */
  evidence?: { route: string | null; path: EvidenceStep[] };
}

/** Everything a metric may read. Pure data: no file system, no clock. */
export interface MetricInput {
  model: CodeModel;
  graph: CallGraph;
  security: SecurityModel;
  repo: RepositoryFacts;
  options: { maxGraphDepth: number };
}

/** The result of a metric's compute function. */
export type MetricOutcome =
  | {
      status: 'ok';
      /** The value before normalisation (the input of `meta.normalise`). */
      raw: number;
      /** Metric-specific keys written into the report block as they are (original's keys, metrics.md §2). */
      details: Record<string, unknown>;
      findings: FindingDraft[];
      notes: string[];
    }
  | {
      status: 'not_available';
      /** Machine-readable reason, e.g. `no_java_sources`, `no_entry_to_sink_paths`. */
      reason: string;
      details: Record<string, unknown>;
      notes: string[];
    };

/** Static description of a metric. */
export interface MetricMeta {
  id: string;
  /** The report key of the normalised value (`ASE`, `ECI_avg` …). */
  key: string;
  /** The report key of the raw value, or null when the metric has none (its raw value equals the value). */
  rawKey: string | null;
  group: MetricGroup;
  /** Weight in the aggregate (metrics.md §2); 0 for M1. */
  weight: number;
  name: Localised;
  description: Localised;
  /** Normalisation of `raw` to [0, 1], 0 = safe (metrics.md §2). */
  normalise: (raw: number) => number;
  /** Human-readable normalisation rule, for docs and the report. */
  normalisation: string;
  /** Whether the metric needs Java sources (graph metrics are not available without them). */
  needsJava: boolean;
  findings: Record<string, FindingKind>;
}

/** A metric: metadata and one pure compute function. */
export interface Metric {
  meta: MetricMeta;
  compute(input: MetricInput): MetricOutcome;
}
