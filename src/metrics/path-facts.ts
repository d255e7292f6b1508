/**
 * Facts the path metrics (A2, B1, B2, B3, C1, D2) share: the production path space, defence
 * layers as bit masks, entrypoints as start states, sink call sites, and evidence for findings.
 *
 * Decisions recorded here (metrics.md is silent on them):
 * - **Entry-level security counts as layers of the entrypoint.** Class-level annotations and
 *   Spring Security filter-chain rules are decided per entrypoint (metrics.md §1.7), not per
 *   callable, so a path starting at an entrypoint whose `auth` is `authenticated` has the
 *   `authn` layer, one with `authz` has the `authz` layer, and a `validated` one the
 *   `validation` layer, in addition to the callable's own defence flags (§1.9). These
 *   entry-level layers apply at the start of a path only: a filter chain guards requests, not
 *   calls between callables.
 * - **Denied entrypoints start no path.** `@DenyAll` or a `denyAll()` rule closes the endpoint:
 *   no request reaches its callable (case C09), so it is neither attack surface nor the start
 *   of an entry→sink path for any path metric.
 */
import { countBits, productionPathSpace, type PathSpace } from '../graph/paths.js';
import type { Callable } from '../model/types.js';
import type { DefenceFlags, Entrypoint, SinkCall } from '../security/types.js';
import type { EvidenceStep, FindingDraft, FindingLocation, MetricInput } from './types.js';

/** The six defence layers in bit order (metrics.md §1.9; original §2.13 `layers(m)`). */
export const DEFENCE_LAYERS = ['authn', 'authz', 'validation', 'sanitize', 'rate', 'audit'] as const;

/** One defence layer. */
export type DefenceLayer = (typeof DEFENCE_LAYERS)[number];

/** Bit of one layer in a defence mask. */
export function layerBit(layer: DefenceLayer): number {
  return 1 << DEFENCE_LAYERS.indexOf(layer);
}

/** Mask of the layers a callable's flags hold (0 when it has no flags). */
export function defenceBits(flags: DefenceFlags | undefined): number {
  if (flags === undefined) return 0;
  return DEFENCE_LAYERS.reduce((mask, layer) => (flags[layer] ? mask | layerBit(layer) : mask), 0);
}

/** Mask of the layers decided for an entrypoint as a whole (see the module comment). */
export function entrypointBits(entrypoint: Entrypoint): number {
  let mask = 0;
  if (entrypoint.auth === 'authenticated') mask |= layerBit('authn');
  if (entrypoint.authz) mask |= layerBit('authz');
  if (entrypoint.validated) mask |= layerBit('validation');
  return mask;
}

/** Names of the layers in a mask, in layer order. */
export function layerNames(mask: number): DefenceLayer[] {
  return DEFENCE_LAYERS.filter((layer) => (mask & layerBit(layer)) !== 0);
}

/** Layers in a mask, as the text findings show (`authn, validation` or `none`). */
export function layerList(mask: number): string {
  return countBits(mask) === 0 ? 'none' : layerNames(mask).join(', ');
}

/** Most findings a path metric reports (its worst paths, one per sink); the rest is counted in a note. */
export const MAX_PATH_FINDINGS = 20;

/** An entrypoint that starts paths, with its node in the path space. */
export interface PathEntrypoint {
  entrypoint: Entrypoint;
  node: number;
}

/** Everything the path metrics read, indexed by node of the path space. */
export interface PathFacts {
  space: PathSpace;
  /** Defence mask of each node's own flags. */
  callableBits: Int32Array;
  /** Entrypoints that are nodes of the space and not denied, in callable id order. */
  entrypoints: PathEntrypoint[];
  /** The entrypoint each start node stands for (the first by callable id). */
  entrypointByNode: Map<number, Entrypoint>;
  /** Sink call sites per node, in (line, column) order; absent for non-sinks. */
  sinkCalls: Map<number, SinkCall[]>;
}

const cache = new WeakMap<MetricInput['security'], { input: MetricInput; facts: PathFacts }>();

/** The path facts of an input, computed once per run and shared by the path metrics. */
export function pathFacts(input: MetricInput): PathFacts {
  const cached = cache.get(input.security);
  if (
    cached !== undefined &&
    cached.input.graph === input.graph &&
    cached.input.model === input.model &&
    cached.input.options.maxGraphDepth === input.options.maxGraphDepth
  ) {
    return cached.facts;
  }
  const { graph, model, security } = input;
  const space = productionPathSpace(graph, model);
  const callableBits = Int32Array.from(space.ids, (id) => defenceBits(security.defences.get(id)));
  const entrypoints = [...security.entrypoints]
    .sort((a, b) => (a.callableId < b.callableId ? -1 : a.callableId > b.callableId ? 1 : 0))
    .filter((entrypoint) => entrypoint.auth !== 'denied')
    .flatMap((entrypoint) => {
      const node = space.index.get(entrypoint.callableId);
      return node === undefined ? [] : [{ entrypoint, node }];
    });
  const sinkCalls = new Map<number, SinkCall[]>();
  for (const call of security.sinkCalls) {
    const node = space.index.get(call.callableId);
    if (node === undefined) continue;
    const calls = sinkCalls.get(node) ?? [];
    calls.push(call);
    sinkCalls.set(node, calls);
  }
  for (const calls of sinkCalls.values()) calls.sort((a, b) => a.line - b.line || a.column - b.column);
  const entrypointByNode = new Map<number, Entrypoint>();
  for (const { node, entrypoint } of entrypoints) {
    if (!entrypointByNode.has(node)) entrypointByNode.set(node, entrypoint);
  }
  const facts = { space, callableBits, entrypoints, entrypointByNode, sinkCalls };
  cache.set(security, { input, facts });
  return facts;
}

/** The entrypoint a path (as returned by `pathTo`) starts from. */
export function entrypointOf(facts: PathFacts, path: readonly string[]): Entrypoint {
  const entrypoint = facts.entrypointByNode.get(facts.space.index.get(path[0] ?? '') ?? -1);
  if (entrypoint === undefined) throw new Error(`path does not start at an entrypoint: ${path[0]}`);
  return entrypoint;
}

/**
 * Where an entrypoint is reached, as evidence shows it: verbs and route for HTTP
 * (`GET /owners/{id}`), the destination for ws, the channel for mq (`mq orders.created`);
 * null when none is known (jobs, rpc).
 */
export function routeOf(entrypoint: Entrypoint): string | null {
  const route = entrypoint.routes[0];
  if (route !== undefined)
    return entrypoint.verbs.length > 0 ? `${entrypoint.verbs.join('|')} ${route}` : route;
  const channel = entrypoint.channels[0];
  return channel === undefined ? null : `${entrypoint.kind} ${channel}`;
}

/**
 * A finding location on a sink call site. A method call is located on its name (the model's
 * call-site position), so the span covers the name; other calls (`new T(…)`) are a point.
 */
export function sinkCallLocation(input: MetricInput, call: SinkCall): FindingLocation {
  const site = input.model.callables
    .get(call.callableId)
    ?.callSites.find((s) => s.line === call.line && s.column === call.column && s.kind === 'method');
  return {
    file: call.file,
    span: {
      startLine: call.line,
      startColumn: call.column,
      endLine: call.line,
      endColumn: call.column + (site?.name.length ?? 0),
    },
    method: call.callableId,
  };
}

/** A finding location on a callable: from the line of its name to the end of its declaration. */
export function callableLocation(callable: Callable): FindingLocation {
  return {
    file: callable.file,
    span: {
      startLine: callable.nameLine,
      startColumn: 1,
      endLine: callable.span.endLine,
      endColumn: callable.span.endColumn,
    },
    method: callable.id,
  };
}

/** Evidence of a path finding: the callables from entrypoint to sink, each at its name line. */
export function pathEvidence(
  input: MetricInput,
  entrypoint: Entrypoint,
  path: readonly string[],
): NonNullable<FindingDraft['evidence']> {
  const steps: EvidenceStep[] = path.map((id) => {
    const callable = input.model.callables.get(id);
    return { callable: id, file: callable?.file ?? '', line: callable?.nameLine ?? 0 };
  });
  return { route: routeOf(entrypoint), path: steps };
}

/** Whether the graph's edge from → to was resolved by name + arity only (edges are sorted by from, to). */
function isFallbackEdge(edges: MetricInput['graph']['edges'], from: string, to: string): boolean {
  let low = 0;
  let high = edges.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const edge = edges[mid]!;
    const order = edge.from < from ? -1 : edge.from > from ? 1 : edge.to < to ? -1 : edge.to > to ? 1 : 0;
    if (order === 0) return edge.resolution === 'fallback';
    if (order < 0) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/**
 * Confidence of a path finding: `high` when every edge was resolved by type, the sink call by
 * its receiver type, and no callable on the path comes from a file with parse errors; `medium`
 * when one of these fails; `low` when the path has a fallback edge and the sink was matched by
 * name.
 */
export function pathConfidence(
  input: MetricInput,
  path: readonly string[],
  sinkCall: SinkCall | undefined,
): FindingDraft['confidence'] {
  const hasFallback = path.some((to, i) => i > 0 && isFallbackEdge(input.graph.edges, path[i - 1]!, to));
  const lowSink = sinkCall?.confidence === 'low';
  if (hasFallback && lowSink) return 'low';
  const parseErrors = path.some((id) => input.model.callables.get(id)?.lowConfidence === true);
  return hasFallback || lowSink || parseErrors ? 'medium' : 'high';
}

/** Note for findings left out above `MAX_PATH_FINDINGS`, or none. */
export function omittedNote(total: number, what: string): string[] {
  return total > MAX_PATH_FINDINGS
    ? [`${total - MAX_PATH_FINDINGS} more ${what} not reported as findings.`]
    : [];
}
