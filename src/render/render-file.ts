import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../report/types.js';
import { writeFileAtomic } from '../report/write.js';
import { loadMetricCatalogue, type MetricCatalogue } from './catalogue.js';
import { renderHtml } from './html.js';

/** Options of {@link renderReportFile} (`csqa render`). */
export interface RenderFileOptions {
  /** Most graph nodes drawn, default 500. */
  maxGraphNodes?: number;
  /** Metric texts; loaded from the metric registry when absent. */
  catalogue?: MetricCatalogue;
}

/** What `csqa render` prints after writing the page. */
export interface RenderSummary {
  outputPath: string;
  bytes: number;
  findings: number;
  metricsAvailable: number;
  metricsTotal: number;
  /** Set when the metric registry could not be loaded and the page shows keys instead of names. */
  warning: string | null;
}

/** A `report.json`, or the analyzer part of a `combined.json` with its orchestrator part. */
export interface ReportDocument {
  report: Report;
  orchestrator: Record<string, unknown> | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Accepts a parsed `report.json` or `combined.json` (`{orchestrator, analyzer}`).
 * @throws Error when the document has no `metrics` object (not a CSQA report).
 */
export function readReportDocument(doc: unknown): ReportDocument {
  const combined = isRecord(doc) && isRecord(doc.analyzer);
  const report = combined ? (doc.analyzer as Record<string, unknown>) : doc;
  if (!isRecord(report) || !isRecord(report.metrics)) {
    throw new Error('not a CSQA report: expected report.json or combined.json with a "metrics" object');
  }
  return {
    report: report as unknown as Report,
    orchestrator: combined && isRecord(doc.orchestrator) ? doc.orchestrator : null,
  };
}

/**
 * `csqa render`: reads `report.json` or `combined.json` and writes the self-contained `report.html`.
 * @throws Error when the input is missing, not JSON, or not a CSQA report.
 */
export async function renderReportFile(
  inputPath: string,
  outputPath: string,
  options: RenderFileOptions = {},
): Promise<RenderSummary> {
  const text = await readFile(inputPath, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${inputPath} is not valid JSON: ${(error as Error).message}`);
  }
  const { report, orchestrator } = readReportDocument(parsed);
  const loaded = options.catalogue
    ? { catalogue: options.catalogue, warning: null }
    : await loadMetricCatalogue();
  const html = renderHtml(report, {
    maxGraphNodes: options.maxGraphNodes,
    catalogue: loaded.catalogue,
    orchestrator,
  });
  await mkdir(path.dirname(outputPath), { recursive: true });
  await writeFileAtomic(outputPath, html);
  const blocks = Object.entries(report.metrics).filter(([id]) => id !== 'aggregate' && id !== 'M1');
  return {
    outputPath,
    bytes: Buffer.byteLength(html, 'utf8'),
    findings: Array.isArray(report.findings) ? report.findings.length : 0,
    metricsAvailable: blocks.filter(([, block]) => isRecord(block) && block.status === 'ok').length,
    metricsTotal: blocks.length,
    warning: loaded.warning,
  };
}
