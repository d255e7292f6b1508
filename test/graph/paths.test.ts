import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NODE_ONLY,
  buildPathSpace,
  countBits,
  distancesToTargets,
  pathTo,
  pathToTarget,
  productionPathSpace,
  runSinceReset,
  searchStates,
  unionOfBits,
  type PathSpace,
} from '../../src/graph/paths.js';
import { InputBuilder } from '../metrics/helpers.js';

function space(edges: Record<string, string[]>): PathSpace {
  return buildPathSpace(new Map(Object.entries(edges)), () => true);
}

function node(s: PathSpace, id: string): number {
  return s.index.get(id)!;
}

test('nodes are indexed in sorted id order and successors are sorted, duplicates collapsed', () => {
  const s = space({ c: ['b', 'a', 'b'], a: ['c'], b: [] });
  assert.deepEqual(s.ids, ['a', 'b', 'c']);
  const succ = (id: string) =>
    [...s.targets.subarray(s.offsets[node(s, id)]!, s.offsets[node(s, id) + 1]!)].map((i) => s.ids[i]);
  assert.deepEqual(succ('c'), ['a', 'b']);
  assert.deepEqual(succ('a'), ['c']);
});

test('excluded callables are neither nodes nor edge ends', () => {
  const s = buildPathSpace(
    new Map([
      ['a', ['t', 'b']],
      ['t', ['b']],
    ]),
    (id) => id !== 't',
  );
  assert.deepEqual(s.ids, ['a', 'b']);
  assert.equal(s.offsets[1]! - s.offsets[0]!, 1);
});

test('productionPathSpace leaves test callables out and is shared per graph', () => {
  const input = new InputBuilder()
    .callable('p.A#a()')
    .callable('p.ATest#t()', { isTest: true })
    .callable('p.B#b()')
    .chain('p.A#a()', 'p.ATest#t()', 'p.B#b()')
    .edge('p.A#a()', 'p.B#b()')
    .build();
  const s = productionPathSpace(input.graph, input.model);
  assert.deepEqual(s.ids, ['p.A#a()', 'p.B#b()']);
  assert.equal(productionPathSpace(input.graph, input.model), s);
});

test('nodes at exactly maxDepth are examined but not expanded', () => {
  // a → b → c → d; depth 2 examines a (0), b (1), c (2) and never d.
  const s = space({ a: ['b'], b: ['c'], c: ['d'], d: [] });
  const reached = searchStates(s, [{ node: node(s, 'a'), value: 0 }], NODE_ONLY, 2);
  assert.deepEqual(
    [...reached.node].map((n) => s.ids[n]),
    ['a', 'b', 'c'],
  );
  assert.deepEqual([...reached.depth], [0, 1, 2]);
});

test('depth 0 examines the start states only', () => {
  const s = space({ a: ['b'], b: [] });
  const reached = searchStates(s, [{ node: node(s, 'a'), value: 0 }], NODE_ONLY, 0);
  assert.equal(reached.count, 1);
});

test('a node-only search reaches each node once, at its fewest hops, and keeps the path', () => {
  // a → b → d and a → c → d, plus a long way a → e → f → d.
  const s = space({ a: ['e', 'c', 'b'], b: ['d'], c: ['d'], e: ['f'], f: ['d'], d: [] });
  const reached = searchStates(s, [{ node: node(s, 'a'), value: 0 }], NODE_ONLY, 12);
  const at = [...reached.node].indexOf(node(s, 'd'));
  assert.equal(reached.depth[at], 2);
  // Successors are taken in id order, so d is first reached through b.
  assert.deepEqual(pathTo(s, reached, at), ['a', 'b', 'd']);
  assert.equal(reached.count, 6);
});

test('start states repeated by several entrypoints are examined once', () => {
  const s = space({ a: [] });
  const reached = searchStates(
    s,
    [
      { node: 0, value: 0 },
      { node: 0, value: 0 },
    ],
    NODE_ONLY,
    12,
  );
  assert.equal(reached.count, 1);
});

test('a mask search visits each (node, mask) pair once and only grows masks', () => {
  // e → x (bit 0) → s and e → y (bit 1) → s: s is seen with mask 1 and with mask 2.
  const s = space({ e: ['x', 'y'], x: ['s'], y: ['s'], s: [] });
  const bits = new Int32Array(s.ids.length);
  bits[node(s, 'x')] = 1;
  bits[node(s, 'y')] = 2;
  const reached = searchStates(s, [{ node: node(s, 'e'), value: 0 }], unionOfBits(bits, 2), 12);
  const atSink = [...reached.node.keys()].filter((k) => reached.node[k] === node(s, 's'));
  assert.deepEqual(atSink.map((k) => reached.value[k]).sort(), [1, 2]);
  assert.deepEqual(pathTo(s, reached, atSink[0]!), ['e', 'x', 's']);
});

test('a cycle is walked until the state repeats', () => {
  // a ⇄ b with a mask search: (a,0) → (b,0) → (a,0) already seen: two states.
  const s = space({ a: ['b'], b: ['a'] });
  const reached = searchStates(s, [{ node: 0, value: 0 }], unionOfBits(new Int32Array(2), 1), 12);
  assert.equal(reached.count, 2);
});

test('a run search counts steps since the last reset and restarts at a resetting node', () => {
  // a → b → r → c with r resetting: runs 1, 2, 0, 1.
  const s = space({ a: ['b'], b: ['r'], r: ['c'], c: [] });
  const resets = new Uint8Array(s.ids.length);
  resets[node(s, 'r')] = 1;
  const reached = searchStates(s, [{ node: node(s, 'a'), value: 1 }], runSinceReset(resets, 12), 12);
  const runOf = (id: string) => reached.value[[...reached.node].indexOf(node(s, id))];
  assert.deepEqual(['a', 'b', 'r', 'c'].map(runOf), [1, 2, 0, 1]);
});

test('a run through a cycle stops growing at the depth bound', () => {
  const s = space({ a: ['a'] });
  const reached = searchStates(s, [{ node: 0, value: 1 }], runSinceReset(new Uint8Array(1), 3), 3);
  assert.deepEqual([...reached.value], [1, 2, 3, 4]);
});

test('a value outside the rule width is a RangeError', () => {
  const s = space({ a: [] });
  assert.throws(() => searchStates(s, [{ node: 0, value: 2 }], NODE_ONLY, 12), RangeError);
});

test('distances to targets give the nearest target, the way there and respect the bound', () => {
  // a → b → t1, a → t2 directly; c → d → e → t1 is 3 edges.
  const s = space({ a: ['b', 't2'], b: ['t1'], c: ['d'], d: ['e'], e: ['t1'], t1: [], t2: [] });
  const targets = [node(s, 't1'), node(s, 't2')];
  const near = distancesToTargets(s, targets, 12);
  assert.equal(near.distance[node(s, 'a')], 1);
  assert.equal(s.ids[near.target[node(s, 'a')]!], 't2');
  assert.deepEqual(pathToTarget(s, near.next, node(s, 'c')), ['c', 'd', 'e', 't1']);
  const bounded = distancesToTargets(s, targets, 2);
  assert.equal(bounded.distance[node(s, 'c')], -1);
  assert.equal(bounded.distance[node(s, 'd')], 2);
});

test('countBits counts the set bits of a 6-bit mask', () => {
  assert.deepEqual([0, 1, 0b101, 0b111111].map(countBits), [0, 1, 2, 6]);
});

test('a search over 20,000 callables with 6-bit masks stays fast', () => {
  // A layered graph: 2,000 layers of 10 callables, each calling the 10 of the next layer;
  // every callable carries one of the six layer bits. Depth 12 bounds the walk.
  const edges = new Map<string, string[]>();
  const id = (layer: number, i: number) => `n${String(layer).padStart(5, '0')}_${i}`;
  for (let layer = 0; layer < 2000; layer++) {
    for (let i = 0; i < 10; i++) {
      edges.set(id(layer, i), layer === 1999 ? [] : Array.from({ length: 10 }, (_, j) => id(layer + 1, j)));
    }
  }
  const s = buildPathSpace(edges, () => true);
  const bits = Int32Array.from(s.ids, (_, i) => 1 << (i % 6));
  const starts = Array.from({ length: 2000 }, (_, layer) => ({ node: s.index.get(id(layer, 0))!, value: 0 }));
  const began = performance.now();
  const reached = searchStates(s, starts, unionOfBits(bits, 6), 12);
  const elapsed = performance.now() - began;
  assert.ok(reached.count > 20_000);
  assert.ok(elapsed < 5_000, `search took ${elapsed} ms`);
});
