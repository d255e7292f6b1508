import { test } from 'node:test';
import assert from 'node:assert/strict';
import { m1Topology, selectTopology } from '../../src/metrics/m1-topology.js';
import { InputBuilder } from './helpers.js';

const A = 'p.A#a()';
const E = 'p.E#e()';
const E2 = 'p.E2#e2()';
const S = 'p.S#s()';
const X = 'p.X#x()';
const Y = 'p.Y#y()';
const Z = 'p.Z#z()';
const T = 'p.T#t()';

/**
 * E → A → S is an entry→sink path (length 2); E2 is an entrypoint reaching only the X/Y/Z
 * cluster (degrees X 5, Y 3, Z 3); T is test code called from E.
 */
function sample() {
  return new InputBuilder()
    .callable(A)
    .callable(E)
    .callable(E2)
    .callable(S)
    .callable(X)
    .callable(Y)
    .callable(Z)
    .callable(T, { isTest: true, file: 'src/test/java/p/T.java' })
    .chain(E, A, S)
    .edge(E, T)
    .edge(E2, X)
    .edge(X, Y)
    .edge(Y, X)
    .edge(X, Z)
    .edge(Y, Z)
    .edge(Z, X, 'fallback')
    .entrypoint(E, { auth: 'public' })
    .entrypoint(E2, { auth: 'public' })
    .sink(S, { category: 'db' })
    .build();
}

test('M1 meta: not scored, key nodes', () => {
  assert.equal(m1Topology.meta.id, 'M1');
  assert.equal(m1Topology.meta.weight, 0);
  assert.equal(m1Topology.meta.key, 'nodes');
  assert.deepEqual(m1Topology.meta.findings, {});
});

test('counts production nodes, edges, entrypoints and sinks; test code is no node', () => {
  const outcome = m1Topology.compute(sample());
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 7);
  assert.equal(outcome.details.nodes, 7);
  assert.equal(outcome.details.edges, 8);
  assert.equal(outcome.details.entrypoints, 2);
  assert.equal(outcome.details.sinks, 1);
  assert.equal(outcome.details.truncated, false);
});

test('without caps biting, everything production is exported, sorted, with resolution statistics', () => {
  const input = sample();
  const graph = selectTopology(input.graph, input.security);
  assert.deepEqual(graph.nodes, [A, E, E2, S, X, Y, Z]);
  assert.equal(graph.edges.length, 8);
  assert.deepEqual(graph.edges[0], [A, S, 'type']);
  assert.deepEqual(graph.edges.at(-1), [Z, X, 'fallback']);
  assert.deepEqual(graph.entrypoints, [E, E2]);
  assert.deepEqual(graph.sinks, [S]);
  assert.equal(graph.truncated, false);
  assert.deepEqual(graph.resolution, input.graph.stats);
});

test('entry→sink nodes first, then other entrypoints and sinks, then by degree and id', () => {
  // Ranking: A, E, S (on E→A→S; A has degree 2), E2 (entrypoint), X (degree 5), Y, Z (3 each).
  const input = sample();
  const graph = selectTopology(input.graph, input.security, { nodes: 5, edges: 100 });
  assert.deepEqual(graph.nodes, [A, E, E2, S, X]);
  assert.deepEqual(graph.edges, [
    [A, S, 'type'],
    [E, A, 'type'],
    [E2, X, 'type'],
  ]);
  assert.equal(graph.total_nodes, 7);
  assert.equal(graph.total_edges, 8);
  assert.equal(graph.truncated, true);
});

test('the edge cap keeps edges between the highest-ranked nodes', () => {
  const input = sample();
  const graph = selectTopology(input.graph, input.security, { nodes: 5, edges: 2 });
  assert.deepEqual(graph.edges, [
    [A, S, 'type'],
    [E, A, 'type'],
  ]);
});

test('paths longer than the depth bound do not make the first tier', () => {
  // With depth 1, E→A→S (2 hops) is out of bound: entrypoints and sinks come first, then degree.
  const input = sample();
  const graph = selectTopology(input.graph, input.security, { nodes: 3, edges: 100 }, 1);
  assert.deepEqual(graph.nodes, [E, E2, S]);
  assert.deepEqual(graph.edges, []);
});

test('the same input gives the same selection', () => {
  const a = selectTopology(sample().graph, sample().security, { nodes: 4, edges: 3 });
  const b = selectTopology(sample().graph, sample().security, { nodes: 4, edges: 3 });
  assert.deepEqual(a, b);
});
