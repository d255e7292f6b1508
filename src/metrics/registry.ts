/**
 * The metric registry: the metrics in report order, and the step that runs them, applies
 * availability and normalisation, renders findings and computes the aggregate (metrics.md §2–§3).
 *
 * Modules and the `Metric` each exports (one file per metric, named after it):
 *   a1-ase.ts → a1Ase, a2-eci.ts → a2Eci, a3-iet.ts → a3Iet,
 *   b1-ids.ts → b1Ids, b2-ppi.ts → b2Ppi, b3-mpsp.ts → b3Mpsp, b4-fss.ts → b4Fss,
 *   c1-tpc.ts → c1Tpc, c2-eti.ts → c2Eti, c3-sfa.ts → c3Sfa,
 *   d1-pad.ts → d1Pad, d2-tcpd.ts → d2Tcpd, e1-osdr.ts → e1Osdr,
 *   f1-vfcp.ts → f1Vfcp, f2-srp.ts → f2Srp, m1-topology.ts → m1Topology.
 * Adding a metric takes its module and one line in `METRICS`.
 */
import { materialiseFindings, sortFindings, type ReadLines } from '../report/findings.js';
import type { Aggregate, Finding, MetricBlock, ReportError } from '../report/types.js';
import { a1Ase } from './a1-ase.js';
import { a2Eci } from './a2-eci.js';
import { a3Iet } from './a3-iet.js';
import { aggregateScore, round4, type AggregateComponent } from './aggregate.js';
import { b1Ids } from './b1-ids.js';
import { b2Ppi } from './b2-ppi.js';
import { b3Mpsp } from './b3-mpsp.js';
import { b4Fss } from './b4-fss.js';
import { c1Tpc } from './c1-tpc.js';
import { c2Eti } from './c2-eti.js';
import { c3Sfa } from './c3-sfa.js';
import { d1Pad } from './d1-pad.js';
import { d2Tcpd } from './d2-tcpd.js';
import { e1Osdr } from './e1-osdr.js';
import { f1Vfcp } from './f1-vfcp.js';
import { f2Srp } from './f2-srp.js';
import { m1Topology } from './m1-topology.js';
import type { Metric, MetricInput, MetricMeta } from './types.js';

/** Every metric, in report order: A1 … F2, then M1 (metrics.md §2). */
export const METRICS: readonly Metric[] = [
  a1Ase,
  a2Eci,
  a3Iet,
  b1Ids,
  b2Ppi,
  b3Mpsp,
  b4Fss,
  c1Tpc,
  c2Eti,
  c3Sfa,
  d1Pad,
  d2Tcpd,
  e1Osdr,
  f1Vfcp,
  f2Srp,
  m1Topology,
];

/** What the registry reads besides the metric input: the repository's files, for snippets and fingerprints. */
export interface MetricContext {
  /** Lines of a repo-relative file, or null when it cannot be read. Called at most once per file. */
  readLines: ReadLines;
}

/** The metrics section of a report, its findings and the failures of single metrics. */
export interface MetricResults {
  /** One block per metric id, in `METRICS` order. */
  blocks: Record<string, MetricBlock>;
  aggregate: Aggregate;
  /** Every block's findings, sorted as the report lists them (`sortFindings`). */
  findings: Finding[];
  /** One entry per metric whose computation threw (its block is `not_available`, reason `error`). */
  errors: ReportError[];
}

/** `readLines` reading each file once: findings of several metrics often point into the same file. */
function memoised(readLines: ReadLines): ReadLines {
  const files = new Map<string, string[] | null>();
  return (file) => {
    if (!files.has(file)) files.set(file, readLines(file));
    return files.get(file)!;
  };
}

/** A `not_available` block: value and raw keys null (so readers find them), no findings. */
function unavailableBlock(
  meta: MetricMeta,
  reason: string,
  details: Record<string, unknown>,
  notes: string[],
): MetricBlock {
  return {
    status: 'not_available' as const,
    reason,
    [meta.key]: null,
    ...(meta.rawKey === null ? {} : { [meta.rawKey]: null }),
    ...details,
    findings: [],
    notes,
  };
}

/** A metric's block, its unrounded normalised value (null unless ok) and its failure, if any. */
interface MetricRun {
  block: MetricBlock;
  value: number | null;
  error: string | null;
}

/**
 * Runs one metric and writes its block. An exception — from the computation, or from rendering
 * its findings — or a non-finite raw value becomes a `not_available` block with reason `error`.
 */
function runMetric(metric: Metric, input: MetricInput, readLines: ReadLines): MetricRun {
  const { meta } = metric;
  try {
    const outcome = metric.compute(input);
    if (outcome.status === 'not_available') {
      return {
        block: unavailableBlock(meta, outcome.reason, outcome.details, outcome.notes),
        value: null,
        error: null,
      };
    }
    if (!Number.isFinite(outcome.raw)) throw new Error(`raw value is not a finite number: ${outcome.raw}`);
    const value = meta.normalise(outcome.raw);
    const block: MetricBlock = {
      status: 'ok',
      [meta.key]: round4(value),
      ...(meta.rawKey === null ? {} : { [meta.rawKey]: round4(outcome.raw) }),
      ...outcome.details,
      findings: materialiseFindings(meta.id, meta.findings, outcome.findings, readLines),
      notes: outcome.notes,
    };
    return { block, value, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { block: unavailableBlock(meta, 'error', {}, [message]), value: null, error: message };
  }
}

/**
 * Computes every metric of `metrics` (default `METRICS`) and assembles the report's metrics
 * section. Each block is `{status, reason?, [key]: value, [rawKey]: raw, ...details, findings,
 * notes}` (metrics.md §2 keys; both keys are null when the metric is not available); values
 * and raw values are rounded to 4 decimals, the aggregate is taken over the unrounded values.
 *
 * Availability (metrics.md §2): without Java sources (the model has no file) every metric with
 * `meta.needsJava` is `not_available` with reason `no_java_sources`, whatever else holds; the
 * other reasons come from the metrics. A metric that fails gets a `not_available` block with
 * reason `error` and the message in its notes, and is listed in `errors` (stage `metrics`);
 * the others still run. Never throws for a failing metric.
 */
export function computeMetrics(
  input: MetricInput,
  context: MetricContext,
  metrics: readonly Metric[] = METRICS,
): MetricResults {
  const readLines = memoised(context.readLines);
  const noJava = input.model.files.length === 0;
  const blocks: Record<string, MetricBlock> = {};
  const components: AggregateComponent[] = [];
  const errors: ReportError[] = [];
  for (const metric of metrics) {
    const { meta } = metric;
    const run: MetricRun =
      noJava && meta.needsJava
        ? {
            block: unavailableBlock(meta, 'no_java_sources', {}, ['No Java sources in the repository.']),
            value: null,
            error: null,
          }
        : runMetric(metric, input, readLines);
    blocks[meta.id] = run.block;
    if (run.error !== null) errors.push({ stage: 'metrics', error: `${meta.id}: ${run.error}` });
    components.push({ id: meta.id, weight: meta.weight, status: run.block.status, value: run.value });
  }
  return {
    blocks,
    aggregate: aggregateScore(components),
    findings: sortFindings(Object.values(blocks).flatMap((block) => block.findings)),
    errors,
  };
}
