/**
 * M1 — Security topology: the production call graph with its entrypoints and sinks, for
 * visualisation; not scored (metrics.md §2 M1; reference §3.16, whose export picked nodes from
 * a hash-ordered set and was not deterministic).
 *
 * Rule implemented by `selectTopology`:
 * - Nodes are production callables (the keys of `security.defences`) that are call-graph
 *   nodes; edges are call edges between them, type-resolved and fallback.
 * - At most `caps.nodes` nodes (5,000) are kept, in three tiers: (1) nodes on an
 *   entrypoint→sink walk within the depth bound — d(entrypoints, v) + d(v, sinks) ≤ depth,
 *   shortest such walk first; (2) the remaining entrypoints and sinks; (3) the rest. Within a
 *   tier: higher degree (in + out) first, then id.
 * - At most `caps.edges` edges (20,000) among the kept nodes: edges between higher-ranked nodes
 *   first (rank of an edge = the later rank of its two ends), type-resolved before fallback,
 *   then by (from, to).
 * - Output nodes sorted by id, edges by (from, to); entrypoints and sinks are the kept ones,
 *   sorted; totals are before the caps; `truncated` when anything was left out; resolution
 *   statistics are `graph.stats`.
 * The metric reports the counts before the caps (`nodes`, `edges`, `entrypoints`, `sinks`),
 * `truncated`, `exported_nodes` and `exported_edges`; the pipeline stores the selection once,
 * as the report's `graph` section.
 */

import type { CallEdge, CallGraph } from '../graph/types.js';
import type { ReportGraph } from '../report/types.js';
import type { SecurityModel } from '../security/types.js';
import { identity } from './normalise.js';
import type { Metric, MetricInput, MetricOutcome } from './types.js';

/** Limits of the export. */
export interface TopologyCaps {
  nodes: number;
  edges: number;
}

/** The export limits of metrics.md §2 M1 (the original's 5,000 nodes and 20,000 edges). */
export const DEFAULT_TOPOLOGY_CAPS: TopologyCaps = { nodes: 5000, edges: 20000 };

/** Depth bound of entry→sink walks when the caller gives none (metrics.md §2, `--max-graph-depth` default). */
const DEFAULT_MAX_DEPTH = 12;

/** Breadth-first distances from `sources` along `next`, up to `maxDepth` hops. */
function distances(sources: string[], next: Map<string, string[]>, maxDepth: number): Map<string, number> {
  const dist = new Map<string, number>();
  let frontier = [...new Set(sources)];
  for (const s of frontier) dist.set(s, 0);
  for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
    const following: string[] = [];
    for (const v of frontier) {
      for (const w of next.get(v) ?? []) {
        if (dist.has(w)) continue;
        dist.set(w, d);
        following.push(w);
      }
    }
    frontier = following;
  }
  return dist;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Chooses the part of the production call graph the report shows (see the module comment for
 * the rule). Deterministic: the same graph and security model give the same selection.
 *
 * @param caps node and edge limits, default 5,000 / 20,000.
 * @param maxDepth hop bound of entry→sink walks, default 12 (pass `--max-graph-depth`).
 */
export function selectTopology(
  graph: CallGraph,
  security: SecurityModel,
  caps: TopologyCaps = DEFAULT_TOPOLOGY_CAPS,
  maxDepth: number = DEFAULT_MAX_DEPTH,
): ReportGraph {
  // The metric and the pipeline's `graph` section ask for the same selection: it is made once.
  const known = selections.get(graph);
  if (
    known !== undefined &&
    known.security === security &&
    known.nodes === caps.nodes &&
    known.edges === caps.edges &&
    known.maxDepth === maxDepth
  ) {
    return known.result;
  }
  const result = select(graph, security, caps, maxDepth);
  selections.set(graph, { security, nodes: caps.nodes, edges: caps.edges, maxDepth, result });
  return result;
}

/** The last selection made from each graph, with what it was made with. */
const selections = new WeakMap<
  CallGraph,
  { security: SecurityModel; nodes: number; edges: number; maxDepth: number; result: ReportGraph }
>();

/** `selectTopology` without the cache. */
function select(
  graph: CallGraph,
  security: SecurityModel,
  caps: TopologyCaps,
  maxDepth: number,
): ReportGraph {
  const production = new Set(graph.nodes.filter((n) => security.defences.has(n)));
  const edges = graph.edges.filter((e) => production.has(e.from) && production.has(e.to));
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  const degree = new Map<string, number>();
  for (const e of edges) {
    push(successors, e.from, e.to);
    push(predecessors, e.to, e.from);
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const entrypoints = [...new Set(security.entrypoints.map((ep) => ep.callableId))].filter((id) =>
    production.has(id),
  );
  const sinks = [...security.sinks.keys()].filter((id) => production.has(id));
  const fromEntry = distances(entrypoints, successors, maxDepth);
  const toSink = distances(sinks, predecessors, maxDepth);
  const marked = new Set([...entrypoints, ...sinks]);

  // Sort keys per node: tier, entry→sink walk length (tier 0 only), degree.
  const keys = new Map<string, { tier: number; length: number; degree: number }>();
  for (const v of production) {
    const a = fromEntry.get(v);
    const b = toSink.get(v);
    const onPath = a !== undefined && b !== undefined && a + b <= maxDepth;
    keys.set(v, {
      tier: onPath ? 0 : marked.has(v) ? 1 : 2,
      length: onPath ? a + b : 0,
      degree: degree.get(v) ?? 0,
    });
  }
  const ranked = [...keys]
    .sort(
      ([a, ka], [b, kb]) =>
        ka.tier - kb.tier || ka.length - kb.length || kb.degree - ka.degree || compare(a, b),
    )
    .map(([id]) => id);
  const kept = ranked.slice(0, caps.nodes);
  const rank = new Map(kept.map((id, i) => [id, i]));

  // Each kept edge with its rank (the later rank of its two ends), worked out once before sorting.
  const rankedEdges: { edge: CallEdge; rank: number }[] = [];
  for (const edge of edges) {
    const from = rank.get(edge.from);
    const to = rank.get(edge.to);
    if (from !== undefined && to !== undefined) rankedEdges.push({ edge, rank: Math.max(from, to) });
  }
  const keptEdges = rankedEdges
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.edge.resolution === b.edge.resolution ? 0 : a.edge.resolution === 'type' ? -1 : 1) ||
        compare(a.edge.from, b.edge.from) ||
        compare(a.edge.to, b.edge.to),
    )
    .slice(0, caps.edges)
    .map((ranked) => ranked.edge)
    .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to));

  return {
    nodes: [...kept].sort(compare),
    edges: keptEdges.map((e): [string, string, 'type' | 'fallback'] => [e.from, e.to, e.resolution]),
    entrypoints: entrypoints.filter((id) => rank.has(id)).sort(compare),
    sinks: sinks.filter((id) => rank.has(id)).sort(compare),
    total_nodes: production.size,
    total_edges: edges.length,
    truncated: kept.length < production.size || keptEdges.length < edges.length,
    resolution: { ...graph.stats },
  };
}

function compute(input: MetricInput): MetricOutcome {
  const topology = selectTopology(
    input.graph,
    input.security,
    DEFAULT_TOPOLOGY_CAPS,
    input.options.maxGraphDepth,
  );
  const entrypoints = new Set(input.security.entrypoints.map((ep) => ep.callableId)).size;
  return {
    status: 'ok',
    raw: topology.total_nodes,
    details: {
      nodes: topology.total_nodes,
      edges: topology.total_edges,
      entrypoints,
      sinks: input.security.sinks.size,
      truncated: topology.truncated,
      exported_nodes: topology.nodes.length,
      exported_edges: topology.edges.length,
    },
    findings: [],
    notes: [],
  };
}

/** M1 — Security topology; weight 0, report key `nodes` (the production node count). */
export const m1Topology: Metric = {
  meta: {
    id: 'M1',
    key: 'nodes',
    rawKey: null,
    group: 'M',
    weight: 0,
    normalise: identity,
    normalisation: 'not scored',
    needsJava: true,
    name: { en: 'Security topology', ru: 'Топология безопасности' },
    description: {
      en:
        'The production call graph with its entrypoints and sinks, for the report’s graph view; not scored. At most ' +
        '5,000 nodes and 20,000 edges are exported, chosen deterministically: callables on paths from entrypoints to ' +
        'sinks first, then the other entrypoints and sinks, then the best-connected callables.',
      ru:
        'Граф вызовов рабочего кода с точками входа и приёмниками для графического представления в отчёте; в оценку ' +
        'не входит. Выгружается не более 5000 узлов и 20 000 рёбер, выбранных детерминированно: сначала методы на ' +
        'путях от точек входа к приёмникам, затем остальные точки входа и приёмники, затем наиболее связанные методы.',
    },
    findings: {},
  },
  compute,
};
