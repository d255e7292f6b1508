import type { Aggregate, Report } from '../report/types.js';
import type { MetricCatalogue } from './catalogue.js';
import { buildFindingViews, groupFindingsByFile, reportFindings } from './findings-view.js';
import { buildGraphView } from './graph-view.js';
import { buildMapView } from './map-view.js';
import { buildGroups, buildMetricCards } from './overview-view.js';
import { parseCallableId } from './callable-id.js';
import type { AboutView, PageData, PageMeta } from './page-types.js';

/** What the page data is prepared from besides the report. */
export interface PageDataOptions {
  catalogue: MetricCatalogue;
  maxGraphNodes: number;
  /** The orchestrator section of `combined.json`, shown on the About tab. */
  orchestrator?: Record<string, unknown> | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOr<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/**
 * Fills the sections an older or failed run may lack (no model, no graph, no findings), so that any
 * `report.json` with a `metrics` object renders. Present sections are kept as they are.
 */
export function completeReport(doc: Record<string, unknown>): Report {
  const model = isRecord(doc.model) ? doc.model : {};
  const graph = isRecord(doc.graph) ? doc.graph : {};
  const meta = isRecord(doc.meta) ? doc.meta : {};
  return {
    ...(doc as unknown as Report),
    schema_version: typeof doc.schema_version === 'string' ? doc.schema_version : '',
    meta: {
      ...(meta as unknown as Report['meta']),
      tool: isRecord(meta.tool)
        ? (meta.tool as unknown as Report['meta']['tool'])
        : { name: 'csqa', version: '' },
    },
    timings: isRecord(doc.timings) ? (doc.timings as Report['timings']) : {},
    resources: (isRecord(doc.resources) ? doc.resources : {}) as Report['resources'],
    technical: isRecord(doc.technical) ? doc.technical : {},
    model: {
      callables: arrayOr(model.callables),
      entrypoints: arrayOr(model.entrypoints),
      sinks: arrayOr(model.sinks),
      catches: arrayOr(model.catches),
      counts: (isRecord(model.counts) ? model.counts : {}) as Report['model']['counts'],
    },
    graph: {
      nodes: arrayOr(graph.nodes),
      edges: arrayOr(graph.edges),
      entrypoints: arrayOr(graph.entrypoints),
      sinks: arrayOr(graph.sinks),
      total_nodes: typeof graph.total_nodes === 'number' ? graph.total_nodes : arrayOr(graph.nodes).length,
      total_edges: typeof graph.total_edges === 'number' ? graph.total_edges : arrayOr(graph.edges).length,
      truncated: graph.truncated === true,
      resolution: (isRecord(graph.resolution) ? graph.resolution : {}) as Report['graph']['resolution'],
    },
    metrics: (isRecord(doc.metrics) ? doc.metrics : {}) as Report['metrics'],
    findings: arrayOr(doc.findings),
    notes: arrayOr(doc.notes),
    errors: arrayOr(doc.errors),
  };
}

/** Last segment of a repository URL or folder path, without `.git`. */
export function repositoryName(repoUrl: string): string {
  const trimmed = repoUrl.replace(/[/\\]+$/, '');
  const last = trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
  return last.replace(/\.git$/, '') || 'unknown';
}

function metaView(report: Report): PageMeta {
  const meta = report.meta;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    repo_url: text(meta.repo_url),
    repo_name: repositoryName(text(meta.repo_url)),
    ref: text(meta.ref),
    git_head: text(meta.git_head),
    git_branch: text(meta.git_branch),
    source: text(meta.source),
    mode: text(meta.mode),
    max_graph_depth: typeof meta.max_graph_depth === 'number' ? meta.max_graph_depth : null,
    started_at_unix: typeof meta.started_at_unix === 'number' ? meta.started_at_unix : null,
  };
}

function numericEntries(record: unknown): [string, number][] {
  if (!isRecord(record)) return [];
  return Object.entries(record).filter((e): e is [string, number] => typeof e[1] === 'number');
}

/** Flattens nested objects into `a.b.c` keys with short text values (long values are cut, arrays summarised). */
function flatten(record: Record<string, unknown>, prefix = '', depth = 0): [string, string][] {
  return Object.entries(record).flatMap(([key, value]): [string, string][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(value) && depth < 2) return flatten(value, path, depth + 1);
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    return [[path, text.length > 300 ? `${text.slice(0, 300)}…` : text]];
  });
}

function aboutView(report: Report, orchestrator: Record<string, unknown> | null): AboutView {
  return {
    timings: numericEntries(report.timings),
    resources: numericEntries(report.resources),
    counts: numericEntries(report.model.counts),
    resolution: [
      ...numericEntries(report.graph.resolution),
      ['graph_nodes', report.graph.nodes.length],
      ['graph_edges', report.graph.edges.length],
      ['graph_total_nodes', report.graph.total_nodes],
      ['graph_total_edges', report.graph.total_edges],
    ],
    technical: flatten(report.technical),
    orchestrator: orchestrator ? flatten(orchestrator) : null,
    notes: report.notes,
    errors: report.errors,
  };
}

/** Prepares everything the page shows from a report (the server side of the renderer). */
export function preparePageData(report: Report, options: PageDataOptions): PageData {
  const findings = buildFindingViews(reportFindings(report), options.catalogue);
  const metrics = buildMetricCards(report, options.catalogue, findings);
  const aggregate = report.metrics.aggregate as Aggregate | undefined;
  return {
    tool: {
      name: report.meta.tool?.name ?? 'csqa',
      version: report.meta.tool?.version ?? '',
      schema_version: report.schema_version,
    },
    meta: metaView(report),
    aggregate: {
      score: typeof aggregate?.score === 'number' ? aggregate.score : null,
      band: aggregate?.band ?? null,
      available: typeof aggregate?.available === 'number' ? aggregate.available : 0,
      notes: Array.isArray(aggregate?.notes) ? aggregate.notes.map(String) : [],
    },
    groups: buildGroups(metrics),
    metrics,
    findings,
    fileGroups: groupFindingsByFile(findings),
    entrypoints: [...report.model.entrypoints]
      .sort((a, b) => (a.callable < b.callable ? -1 : a.callable > b.callable ? 1 : 0))
      .map((entry) => ({ ...entry, label: parseCallableId(entry.callable).label })),
    graph: buildGraphView(report, findings, options.maxGraphNodes),
    map: buildMapView(report, findings, options.catalogue),
    about: aboutView(report, options.orchestrator ?? null),
  };
}
