import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  buildGraphView,
  entrypointExposure,
  selectGraphNodes,
  type GraphInput,
} from '../../src/render/graph-view.js';
import type { Report } from '../../src/report/types.js';
import { fixturePath } from '../helpers/paths.js';

function fixtureReport(): Report {
  return JSON.parse(readFileSync(fixturePath('render', 'report.json'), 'utf8')) as Report;
}

/** A deterministic shuffle (seeded), so the test is repeatable. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** entry e → a → b → sink s; entry f → s2 directly; a hub h with many neighbours off every path. */
const graph: GraphInput = {
  nodes: ['e', 'a', 'b', 's', 'f', 's2', 'h', 'x1', 'x2', 'x3', 'x4', 'lonely'],
  edges: [
    ['e', 'a', 'type'],
    ['a', 'b', 'type'],
    ['b', 's', 'type'],
    ['f', 's2', 'fallback'],
    ['h', 'x1', 'type'],
    ['h', 'x2', 'type'],
    ['h', 'x3', 'type'],
    ['h', 'x4', 'type'],
  ],
  entrypoints: ['e', 'f'],
  sinks: ['s', 's2'],
};

describe('graph node choice', () => {
  it('keeps every node when the graph is under the cap', () => {
    assert.deepEqual(selectGraphNodes(graph, 100), [...graph.nodes].sort());
  });

  it('never returns more than the cap', () => {
    for (const cap of [0, 1, 3, 5, 7, 11]) assert.ok(selectGraphNodes(graph, cap).length <= cap);
    assert.equal(selectGraphNodes(graph, 7).length, 7);
  });

  it('takes whole entry→sink paths first, then other path nodes, then the highest degree', () => {
    assert.deepEqual(selectGraphNodes(graph, 6), ['a', 'b', 'e', 'f', 's', 's2']);
    // With room for one more, the hub (degree 4) beats the leaves and the isolated node.
    assert.deepEqual(selectGraphNodes(graph, 7), ['a', 'b', 'e', 'f', 'h', 's', 's2']);
  });

  it('does not break a path to squeeze it in: a path that does not fit whole waits for the later tiers', () => {
    // e→a→b→s needs 4 slots and comes first (by id); f→s2 then fits, both are paths.
    assert.deepEqual(selectGraphNodes(graph, 4), ['a', 'b', 'e', 's']);
    assert.deepEqual(selectGraphNodes(graph, 2).length, 2);
  });

  it('is the same whatever the order of nodes, edges, entrypoints and sinks', () => {
    const expected = selectGraphNodes(graph, 7);
    for (const seed of [1, 2, 3, 42]) {
      const mixed: GraphInput = {
        nodes: shuffled(graph.nodes, seed),
        edges: shuffled(graph.edges, seed + 1),
        entrypoints: shuffled(graph.entrypoints, seed + 2),
        sinks: shuffled(graph.sinks, seed + 3),
      };
      assert.deepEqual(selectGraphNodes(mixed, 7), expected);
    }
  });

  it('caps a large graph deterministically and keeps entry→sink paths', () => {
    const nodes: string[] = [];
    const edges: GraphInput['edges'] = [];
    for (let i = 0; i < 2000; i++) nodes.push(`n${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 1999; i++) edges.push([nodes[i]!, nodes[(i * 7 + 1) % 2000]!, 'type']);
    const big: GraphInput = { nodes, edges, entrypoints: ['n0000', 'n0500'], sinks: ['n1999', 'n0008'] };
    const chosen = selectGraphNodes(big, 500);
    assert.equal(chosen.length, 500);
    assert.deepEqual(
      chosen,
      selectGraphNodes({ ...big, nodes: shuffled(nodes, 9), edges: shuffled(edges, 10) }, 500),
    );
    for (const id of ['n0000', 'n0001', 'n0008']) assert.ok(chosen.includes(id), id);
  });
});

describe('graph view', () => {
  it('gives nodes their roles, defences, findings and overlay values', () => {
    const report = fixtureReport();
    const view = buildGraphView(report, [], 500);
    assert.equal(view.nodes.length, report.graph.nodes.length);
    const create = view.nodes.find((n) => n.id === 'com.acme.shop.web.OrderController#create(OrderDto)')!;
    assert.equal(create.entry?.kind, 'http');
    assert.deepEqual(create.entry?.routes, ['/api/orders']);
    assert.deepEqual(create.defences, ['authn', 'authz', 'validation']);
    assert.equal(create.depth, 0);
    assert.equal(create.overlay.A2, 3);
    const exec = view.nodes.find((n) => n.id === 'com.acme.shop.infra.ProcessRunner#exec(String)')!;
    assert.deepEqual(exec.sinks, ['exec']);
    assert.equal(exec.privileged, true);
    assert.equal(exec.depth, 2);
    for (const [a, b] of view.edges) assert.ok(a < view.nodes.length && b < view.nodes.length);
  });

  it('caps the drawn graph and keeps only edges between drawn nodes', () => {
    const view = buildGraphView(fixtureReport(), [], 10);
    assert.equal(view.nodes.length, 10);
    assert.equal(view.maxNodes, 10);
    for (const [a, b] of view.edges) assert.ok(a < 10 && b < 10);
  });

  it('computes A1 exposure as the metric does', () => {
    const base = fixtureReport().model.entrypoints[0]!;
    assert.equal(
      entrypointExposure({ ...base, input_level: 'high', auth: 'public', validated: false }),
      2.52,
    );
    assert.equal(
      entrypointExposure({ ...base, input_level: 'low', auth: 'authenticated', validated: true }),
      1,
    );
  });
});
