/**
 * Path searches over the call graph, shared by the path metrics (A2, B1, B2, B3, C1, D2).
 *
 * Semantics of the original (reference §2.13): breadth-first search over *states* — a node and
 * a small value such as a defence mask, a run length or a hop count — from entrypoints at
 * depth 0, with a visited set per search keyed by the state. A dequeued state is first
 * examined and then expanded only if its depth is below `maxDepth`, so nodes at exactly
 * `maxDepth` are still examined. Because the visited key leaves the depth out and BFS reaches
 * every state first at its smallest depth, each distinct reachable state is examined once, at
 * the depth that leaves the most budget for the rest of the path.
 *
 * Determinism: nodes are indexed in sorted id order, successor lists are sorted, and the
 * caller gives the start states in entrypoint id order. Efficiency: states live in typed
 * arrays; the visited set is a byte per (node, value), so a search costs O(nodes · width)
 * memory and O(states · out-degree) time (width ≤ 64 for 6-bit masks, ≤ maxDepth + 2 for runs).
 */
import type { CodeModel } from '../model/code-model.js';
import type { CallGraph } from './types.js';

/** The production call graph indexed for searches. Node indices follow sorted id order. */
export interface PathSpace {
  /** Production callable ids, sorted; a node's index is its position here. */
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
  /** Successors of node i: `targets[offsets[i] … offsets[i + 1])`, ascending (so sorted by id). */
  offsets: Int32Array;
  targets: Int32Array;
}

function compressed(lists: readonly number[][]): { offsets: Int32Array; targets: Int32Array } {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (offsets[i + 1] = offsets[i]! + list.length));
  const targets = new Int32Array(offsets[lists.length]!);
  lists.forEach((list, i) => targets.set(list, offsets[i]!));
  return { offsets, targets };
}

/**
 * Indexes `successors` restricted to the callables `includes` accepts: both ends of an edge
 * must be included. Duplicate edges collapse; self-edges are kept (recursion is a path).
 */
export function buildPathSpace(
  successors: ReadonlyMap<string, readonly string[]>,
  includes: (id: string) => boolean,
): PathSpace {
  const idSet = new Set<string>();
  for (const [from, tos] of successors) {
    if (includes(from)) idSet.add(from);
    for (const to of tos) if (includes(to)) idSet.add(to);
  }
  const ids = [...idSet].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const lists = ids.map((id) => {
    const out = new Set<number>();
    for (const to of successors.get(id) ?? []) {
      const target = index.get(to);
      if (target !== undefined) out.add(target);
    }
    return [...out].sort((a, b) => a - b);
  });
  return { ids, index, ...compressed(lists) };
}

const spaces = new WeakMap<CallGraph, { model: CodeModel; space: PathSpace }>();

/**
 * The path space of the production callables of `model` (test code is never a graph node for
 * the security metrics, metrics.md §1.2), cached per graph so that the path metrics of one run
 * share it.
 */
export function productionPathSpace(graph: CallGraph, model: CodeModel): PathSpace {
  const cached = spaces.get(graph);
  if (cached !== undefined && cached.model === model) return cached.space;
  const space = buildPathSpace(graph.successors, (id) => {
    const callable = model.callables.get(id);
    return callable !== undefined && !callable.isTest;
  });
  spaces.set(graph, { model, space });
  return space;
}

/** How the value of a state changes along an edge. */
export interface StateRule {
  /** Number of distinct values per node; values are integers in [0, width). */
  width: number;
  /** Value of the state entered at node `to` from a state with `value`. */
  step(value: number, to: number): number;
}

/** A start state: an entrypoint's node and its initial value. */
export interface StartState {
  node: number;
  value: number;
}

/**
 * The states a search examined, in examination (BFS) order: state k is at node `node[k]` with
 * value `value[k]`, first reached at depth `depth[k]` from state `parent[k]` (-1 for a start).
 */
export interface ReachedStates {
  count: number;
  node: Int32Array;
  value: Int32Array;
  depth: Int32Array;
  parent: Int32Array;
}

class GrowableInts {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * BFS over (node, value) states from `starts`, bounded by `maxDepth` edges (examined, then
 * expanded below the bound). Start states repeated in `starts` are examined once.
 *
 * @throws RangeError when a value falls outside [0, rule.width).
 */
export function searchStates(
  space: PathSpace,
  starts: readonly StartState[],
  rule: StateRule,
  maxDepth: number,
): ReachedStates {
  const width = rule.width;
  const visited = new Uint8Array(space.ids.length * width);
  const node = new GrowableInts();
  const value = new GrowableInts();
  const depth = new GrowableInts();
  const parent = new GrowableInts();
  const enqueue = (n: number, v: number, d: number, p: number): void => {
    if (!(v >= 0 && v < width)) throw new RangeError(`state value ${v} outside [0, ${width})`);
    const key = n * width + v;
    if (visited[key] === 1) return;
    visited[key] = 1;
    node.push(n);
    value.push(v);
    depth.push(d);
    parent.push(p);
  };
  for (const start of starts) enqueue(start.node, start.value, 0, -1);
  for (let head = 0; head < node.length; head++) {
    const d = depth.data[head]!;
    if (d >= maxDepth) continue;
    const n = node.data[head]!;
    const v = value.data[head]!;
    for (let e = space.offsets[n]!; e < space.offsets[n + 1]!; e++) {
      const to = space.targets[e]!;
      enqueue(to, rule.step(v, to), d + 1, head);
    }
  }
  return {
    count: node.length,
    node: node.view(),
    value: value.view(),
    depth: depth.view(),
    parent: parent.view(),
  };
}

/** The callables from the start state to state `k`, start first. */
export function pathTo(space: PathSpace, reached: ReachedStates, k: number): string[] {
  const path: string[] = [];
  for (let s = k; s !== -1; s = reached.parent[s]!) path.push(space.ids[reached.node[s]!]!);
  return path.reverse();
}

/** Rule of a plain reachability search: the node alone is the state (A2 and B2 distances). */
export const NODE_ONLY: StateRule = { width: 1, step: () => 0 };

/**
 * Rule of a mask search (B1 defence layers, B3 parity): the value is the union of the bits of
 * the callables along the path. `bits[i]` holds node i's bits, all below `1 << bitCount`.
 */
export function unionOfBits(bits: Int32Array, bitCount: number): StateRule {
  return { width: 1 << bitCount, step: (value, to) => value | bits[to]! };
}

/**
 * Rule of a run search (C1 taint run, D2 trust chain): the value counts steps since the last
 * callable that resets it; `resets[i]` is 1 when node i resets the run to 0. A run never
 * exceeds `maxDepth + 1` (a start value of at most 1 plus one per edge), hence the width.
 */
export function runSinceReset(resets: Uint8Array, maxDepth: number): StateRule {
  return { width: maxDepth + 2, step: (value, to) => (resets[to] === 1 ? 0 : value + 1) };
}

/** Number of set bits of a defence mask. */
export function countBits(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** Nearest targets of every node, from `distancesToTargets`. */
export interface TargetDistances {
  /** Fewest edges to a target, -1 when none is within the bound. */
  distance: Int32Array;
  /** Successor on one shortest way to the target, -1 at a target or when none is reachable. */
  next: Int32Array;
  /** The target that way reaches, -1 when none. */
  target: Int32Array;
}

/**
 * Fewest edges from each node to the nearest target (reverse BFS, bounded by `maxDepth`).
 * Targets are taken in ascending index order and predecessors in ascending order, so ties go
 * to the smallest ids.
 */
export function distancesToTargets(
  space: PathSpace,
  targets: readonly number[],
  maxDepth: number,
): TargetDistances {
  const n = space.ids.length;
  const predecessors: number[][] = Array.from({ length: n }, () => []);
  for (let from = 0; from < n; from++) {
    for (let e = space.offsets[from]!; e < space.offsets[from + 1]!; e++)
      predecessors[space.targets[e]!]!.push(from);
  }
  const distance = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const target = new Int32Array(n).fill(-1);
  const queue = [...new Set(targets)].sort((a, b) => a - b);
  for (const t of queue) {
    distance[t] = 0;
    target[t] = t;
  }
  for (let head = 0; head < queue.length; head++) {
    const cur = queue[head]!;
    const d = distance[cur]!;
    if (d >= maxDepth) continue;
    for (const pred of predecessors[cur]!) {
      if (distance[pred] !== -1) continue;
      distance[pred] = d + 1;
      next[pred] = cur;
      target[pred] = target[cur]!;
      queue.push(pred);
    }
  }
  return { distance, next, target };
}

/** The callables from node `from` along `next` pointers to its target, `from` first. */
export function pathToTarget(space: PathSpace, next: Int32Array, from: number): string[] {
  const path: string[] = [];
  for (let n = from; n !== -1; n = next[n]!) path.push(space.ids[n]!);
  return path;
}
