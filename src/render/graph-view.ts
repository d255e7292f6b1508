import type { Report, ReportGraph, ReportEntrypoint } from '../report/types.js';
import { parseCallableId } from './callable-id.js';
import type { FindingView, GraphNodeView, GraphView } from './page-types.js';

/** Default cap of graph nodes drawn in the page (`--max-graph-nodes`). */
export const DEFAULT_MAX_GRAPH_NODES = 500;

/** The part of the report's graph section the node choice reads. */
export type GraphInput = Pick<ReportGraph, 'nodes' | 'edges' | 'entrypoints' | 'sinks'>;

/** Directed adjacency with neighbour lists sorted by id, so every walk is independent of input order. */
interface Adjacency {
  out: Map<string, string[]>;
  in: Map<string, string[]>;
}

function adjacency(nodes: ReadonlySet<string>, edges: GraphInput['edges']): Adjacency {
  const out = new Map<string, Set<string>>();
  const inc = new Map<string, Set<string>>();
  for (const [from, to] of edges) {
    if (from === to || !nodes.has(from) || !nodes.has(to)) continue;
    if (!out.has(from)) out.set(from, new Set());
    if (!inc.has(to)) inc.set(to, new Set());
    out.get(from)!.add(to);
    inc.get(to)!.add(from);
  }
  const sorted = (map: Map<string, Set<string>>) =>
    new Map([...map].map(([key, set]) => [key, [...set].sort()] as [string, string[]]));
  return { out: sorted(out), in: sorted(inc) };
}

function reachable(starts: readonly string[], next: Map<string, string[]>): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  for (let i = 0; i < queue.length; i++) {
    for (const neighbour of next.get(queue[i]!) ?? []) {
      if (!seen.has(neighbour)) {
        seen.add(neighbour);
        queue.push(neighbour);
      }
    }
  }
  return seen;
}

/** Shortest walk from `start` to any node of `targets`, moving only through `allowed`; null when none. */
function shortestPathToAny(
  start: string,
  targets: ReadonlySet<string>,
  next: Map<string, string[]>,
  allowed: ReadonlySet<string>,
): string[] | null {
  const parent = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (targets.has(node)) {
      const path: string[] = [];
      for (let at: string | null = node; at !== null; at = parent.get(at) ?? null) path.push(at);
      return path.reverse();
    }
    for (const neighbour of next.get(node) ?? []) {
      if (allowed.has(neighbour) && !parent.has(neighbour)) {
        parent.set(neighbour, node);
        queue.push(neighbour);
      }
    }
  }
  return null;
}

/**
 * Chooses at most `maxNodes` graph nodes, deterministically (the same graph in any order gives the same
 * choice). Entry→sink subgraphs come first: for each entrypoint (by id) the shortest walk to a sink, when it
 * fits whole; then the other nodes on entry→sink walks; then the remaining entrypoints and sinks; then the
 * rest. Within each tier nodes go by degree (distinct neighbours, highest first), then by id.
 * Returns the chosen ids sorted.
 */
export function selectGraphNodes(graph: GraphInput, maxNodes: number): string[] {
  const limit = Math.max(0, Math.floor(maxNodes));
  const nodes = [...new Set(graph.nodes)].sort();
  const nodeSet = new Set(nodes);
  if (nodes.length <= limit) return nodes;
  const adj = adjacency(nodeSet, graph.edges);
  const degree = (id: string) => (adj.out.get(id)?.length ?? 0) + (adj.in.get(id)?.length ?? 0);
  const byDegree = (a: string, b: string) => degree(b) - degree(a) || (a < b ? -1 : a > b ? 1 : 0);
  const entries = [...new Set(graph.entrypoints)].filter((id) => nodeSet.has(id)).sort();
  const sinks = [...new Set(graph.sinks)].filter((id) => nodeSet.has(id)).sort();
  const fromEntries = reachable(entries, adj.out);
  const toSinks = reachable(sinks, adj.in);
  const onPath = new Set(nodes.filter((id) => fromEntries.has(id) && toSinks.has(id)));
  const sinkSet = new Set(sinks);

  const chosen = new Set<string>();
  const take = (ids: Iterable<string>) => {
    for (const id of ids) {
      if (chosen.size >= limit) return;
      chosen.add(id);
    }
  };
  for (const entry of entries) {
    if (!onPath.has(entry)) continue;
    const path = shortestPathToAny(entry, sinkSet, adj.out, onPath);
    if (!path) continue;
    const fresh = path.filter((id) => !chosen.has(id));
    if (chosen.size + fresh.length <= limit) take(fresh);
  }
  take([...onPath].filter((id) => !chosen.has(id)).sort(byDegree));
  take([...new Set([...entries, ...sinks])].filter((id) => !chosen.has(id)).sort(byDegree));
  take(nodes.filter((id) => !chosen.has(id)).sort(byDegree));
  return [...chosen].sort();
}

/** A1's factor m of one entrypoint (metrics.md §2 A1): what it adds to the attack surface. */
export function entrypointExposure(entry: ReportEntrypoint): number {
  let m = 1;
  if (entry.input_level === 'medium') m *= 1.3;
  else if (entry.input_level === 'high' || entry.input_level === 'very_high') m *= 1.5;
  if (entry.auth !== 'authenticated') m *= 1.4;
  if (!entry.validated) m *= 1.2;
  return Math.round(m * 1000) / 1000;
}

/** Per-callable values of the metrics that have one in the model; the others count findings. */
function modelOverlays(report: Report): Map<string, Record<string, number>> {
  const values = new Map<string, Record<string, number>>();
  const add = (id: string, metric: string, value: number) => {
    if (value === 0) return;
    const record = values.get(id) ?? {};
    record[metric] = Math.round(((record[metric] ?? 0) + value) * 1000) / 1000;
    values.set(id, record);
  };
  for (const callable of report.model.callables) add(callable.id, 'A2', callable.complexity);
  for (const entry of report.model.entrypoints) {
    add(entry.callable, 'A1', entrypointExposure(entry));
    add(entry.callable, 'A3', entry.input_entropy);
  }
  for (const handler of report.model.catches) {
    if (handler.classification === 'fail-open') add(handler.callable, 'B4', 1);
    else if (handler.classification === 'ambiguous') add(handler.callable, 'B4', 0.5);
    if (handler.leaks) add(handler.callable, 'C2', 1);
  }
  return values;
}

/** Metrics whose overlay value comes from the model rather than from counting findings. */
const MODEL_OVERLAY_LABELS: Record<string, { en: string; ru: string }> = {
  A1: { en: 'exposure factor m of the entrypoint', ru: 'множитель открытости m точки входа' },
  A2: { en: 'cognitive complexity', ru: 'когнитивная сложность' },
  A3: { en: 'input entropy of the entrypoint', ru: 'энтропия входных данных точки входа' },
  B4: { en: 'fail-open catches (ambiguous count ½)', ru: 'небезопасные catch (неоднозначные — ½)' },
  C2: { en: 'handlers leaking error detail', ru: 'обработчики, раскрывающие детали ошибок' },
};

/**
 * Builds the graph the page draws: the chosen nodes with their roles (entrypoint kind, sink categories,
 * defence layers), the facts shown on click, per-metric overlay values, and hop depth from entrypoints.
 */
export function buildGraphView(
  report: Report,
  findings: readonly FindingView[],
  maxNodes: number,
): GraphView {
  const graph = report.graph;
  const chosen = selectGraphNodes(graph, maxNodes);
  const index = new Map(chosen.map((id, i) => [id, i]));
  const callables = new Map(report.model.callables.map((c) => [c.id, c]));
  const entries = new Map(report.model.entrypoints.map((e) => [e.callable, e]));
  const sinks = new Map<string, { categories: Set<string>; privileged: boolean }>();
  for (const sink of report.model.sinks) {
    const record = sinks.get(sink.callable) ?? { categories: new Set<string>(), privileged: false };
    record.categories.add(sink.category);
    record.privileged ||= sink.privileged;
    sinks.set(sink.callable, record);
  }
  const graphSinks = new Set(graph.sinks);
  const overlays = modelOverlays(report);

  const findingsOf = new Map<string, number[]>();
  findings.forEach((finding, i) => {
    const touched = new Set<string>();
    if (finding.method) touched.add(finding.method);
    for (const step of finding.evidence?.path ?? []) touched.add(step.callable);
    for (const id of touched) {
      if (!index.has(id)) continue;
      const list = findingsOf.get(id);
      if (list) list.push(i);
      else findingsOf.set(id, [i]);
    }
  });

  const edges: GraphView['edges'] = [];
  const seen = new Set<string>();
  for (const [from, to, resolution] of graph.edges) {
    const a = index.get(from);
    const b = index.get(to);
    const key = `${a}>${b}`;
    if (a === undefined || b === undefined || seen.has(key)) continue;
    seen.add(key);
    edges.push([a, b, resolution]);
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

  const depth = hopDepth(
    chosen.length,
    edges,
    chosen.flatMap((id, i) => (entries.has(id) || graph.entrypoints.includes(id) ? [i] : [])),
  );

  const nodes: GraphNodeView[] = chosen.map((id, i) => {
    const name = parseCallableId(id);
    const callable = callables.get(id);
    const entry = entries.get(id);
    const sink = sinks.get(id);
    const nodeFindings = findingsOf.get(id) ?? [];
    const overlay: Record<string, number> = { ...(overlays.get(id) ?? {}) };
    for (const f of nodeFindings) {
      const metric = findings[f]!.metric;
      if (MODEL_OVERLAY_LABELS[metric]) continue;
      overlay[metric] = (overlay[metric] ?? 0) + 1;
    }
    return {
      id,
      label: name.label,
      file: callable?.file ?? entry?.file ?? null,
      line: callable?.line ?? entry?.line ?? null,
      complexity: callable?.complexity ?? null,
      entry: entry
        ? {
            kind: entry.kind,
            routes: entry.routes,
            verbs: entry.verbs,
            auth: entry.auth,
            evidence: entry.evidence.map(
              (e) => `${e.source}: ${e.effect} — ${e.detail} (${e.file}:${e.line})`,
            ),
          }
        : graph.entrypoints.includes(id)
          ? { kind: 'unknown', routes: [], verbs: [], auth: 'unknown', evidence: [] }
          : null,
      sinks: sink ? [...sink.categories].sort() : graphSinks.has(id) ? ['unknown'] : [],
      privileged: sink?.privileged ?? false,
      defences: callable
        ? Object.entries(callable.defences)
            .filter(([, on]) => on)
            .map(([layer]) => layer)
        : [],
      findings: nodeFindings,
      overlay,
      depth: depth[i] ?? null,
    };
  });

  const metricsWithValues = new Set(nodes.flatMap((node) => Object.keys(node.overlay)));
  return {
    nodes,
    edges,
    reportNodes: graph.nodes.length,
    reportEdges: graph.edges.length,
    totalNodes: graph.total_nodes,
    totalEdges: graph.total_edges,
    maxNodes,
    overlays: [...metricsWithValues].sort().map((metric) => ({
      metric,
      label: MODEL_OVERLAY_LABELS[metric] ?? {
        en: 'findings on this callable or on paths through it',
        ru: 'находки в этом методе или на путях через него',
      },
    })),
  };
}

/** Hops from the nearest of `starts` along edges; null where unreachable. */
function hopDepth(count: number, edges: GraphView['edges'], starts: number[]): (number | null)[] {
  const next: number[][] = Array.from({ length: count }, () => []);
  for (const [a, b] of edges) next[a]!.push(b);
  const depth: (number | null)[] = new Array<number | null>(count).fill(null);
  const queue = [...starts];
  for (const s of starts) depth[s] = 0;
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const to of next[at]!) {
      if (depth[to] === null) {
        depth[to] = depth[at]! + 1;
        queue.push(to);
      }
    }
  }
  return depth;
}
