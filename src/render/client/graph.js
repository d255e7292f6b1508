/* global CSQA, cytoscape, window */
// Graph: the call graph around entrypoints and sinks (Cytoscape.js), roles, per-metric overlay, search,
// node details. The Cytoscape instance and its canvas live across tab switches; only the panels re-render.

const h = CSQA.h;
const state = { overlay: '', query: '', selected: null, cy: null, host: null };

const ENTRY_SHAPES = {
  http: 'round-rectangle',
  ws: 'round-hexagon',
  rpc: 'round-pentagon',
  mq: 'round-diamond',
  job: 'round-tag',
};
const SINK_SHAPES = {
  db: 'barrel',
  fs: 'cut-rectangle',
  exec: 'star',
  http: 'vee',
  code: 'octagon',
  other: 'triangle',
};

function elements() {
  const g = CSQA.data.graph;
  const nodes = g.nodes.map((n, i) => {
    const role = n.entry && n.sinks.length ? 'both' : n.entry ? 'entry' : n.sinks.length ? 'sink' : 'plain';
    const shape = n.entry
      ? ENTRY_SHAPES[n.entry.kind] || 'round-rectangle'
      : n.sinks.length
        ? SINK_SHAPES[n.sinks[0]] || 'triangle'
        : 'ellipse';
    return {
      group: 'nodes',
      data: {
        id: 'n' + i,
        index: i,
        label: n.label,
        role: role,
        shape: shape,
        defences: n.defences.length,
        borderWidth: n.defences.length ? 1 + n.defences.length * 0.6 : 0,
      },
    };
  });
  const edges = g.edges.map((e, i) => ({
    group: 'edges',
    data: { id: 'e' + i, source: 'n' + e[0], target: 'n' + e[1], fallback: e[2] === 'fallback' },
  }));
  return nodes.concat(edges);
}

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': '#525252',
      width: 10,
      height: 10,
      label: 'data(label)',
      color: '#a3a3a3',
      'font-size': 7,
      'font-family': 'JetBrains Mono, monospace',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'min-zoomed-font-size': 6,
      shape: 'data(shape)',
      'border-width': 'data(borderWidth)',
      'border-color': '#34d399',
    },
  },
  {
    selector: 'node[role = "entry"]',
    style: { 'background-color': '#fb923c', width: 20, height: 16, color: '#fdba74' },
  },
  {
    selector: 'node[role = "sink"]',
    style: { 'background-color': '#f87171', width: 18, height: 18, color: '#fca5a5' },
  },
  {
    selector: 'node[role = "both"]',
    style: {
      'background-color': '#f87171',
      width: 22,
      height: 18,
      'outline-width': 2,
      'outline-color': '#fb923c',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 0.8,
      'line-color': '#404040',
      'target-arrow-color': '#404040',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.6,
      'curve-style': 'straight',
    },
  },
  { selector: 'edge[?fallback]', style: { 'line-style': 'dashed' } },
  { selector: '.faded', style: { opacity: 0.12 } },
  { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#93c5fd' } },
  { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#ffffff' } },
  { selector: 'edge.focus', style: { 'line-color': '#fb923c', 'target-arrow-color': '#fb923c', width: 1.6 } },
  {
    selector: 'node.ov',
    style: { 'background-color': 'data(ovColour)', width: 'data(ovSize)', height: 'data(ovSize)' },
  },
  { selector: 'node.nodata', style: { 'background-color': '#262626', width: 6, height: 6, opacity: 0.5 } },
];

const ROW = 30;
const SUB_COLUMN = 150;
const COLUMN_GAP = 230;
const MAX_PER_COLUMN = 28;

/**
 * Layer of each node: hops from an entrypoint (computed on the server); nodes no entrypoint reaches follow
 * in later layers, by hops from the sources among them, so calls always read left to right.
 */
function layers() {
  const g = CSQA.data.graph;
  const layer = g.nodes.map((n) => n.depth);
  const reached = layer.filter((d) => d !== null);
  const base = reached.length ? Math.max.apply(null, reached) + 1 : 0;
  const rest = (i) => layer[i] === null;
  const hasInnerCaller = new Set(g.edges.filter((e) => rest(e[0]) && rest(e[1])).map((e) => e[1]));
  const queue = [];
  g.nodes.forEach((n, i) => {
    if (rest(i) && !hasInnerCaller.has(i)) {
      layer[i] = base;
      queue.push(i);
    }
  });
  const next = g.nodes.map(() => []);
  for (const e of g.edges) next[e[0]].push(e[1]);
  for (let k = 0; k < queue.length; k++) {
    for (const to of next[queue[k]]) {
      if (layer[to] === null) {
        layer[to] = layer[queue[k]] + 1;
        queue.push(to);
      }
    }
  }
  return layer.map((d) => (d === null ? base : d));
}

/**
 * Deterministic layered positions: one column per layer (wrapped into sub-columns past MAX_PER_COLUMN),
 * nodes in a column ordered by the mean height of their callers, which keeps most edges short and flat.
 */
function layeredPositions() {
  const g = CSQA.data.graph;
  const layer = layers();
  const callers = g.nodes.map(() => []);
  for (const e of g.edges) callers[e[1]].push(e[0]);
  const columns = new Map();
  layer.forEach((d, i) => {
    if (!columns.has(d)) columns.set(d, []);
    columns.get(d).push(i);
  });
  const positions = new Array(g.nodes.length);
  let x = 0;
  for (const d of Array.from(columns.keys()).sort((a, b) => a - b)) {
    const members = columns.get(d);
    const weight = (i) => {
      const ys = callers[i].filter((c) => positions[c]).map((c) => positions[c].y);
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : Infinity;
    };
    const keyed = members.map((i) => ({ i: i, w: weight(i) }));
    keyed.sort((a, b) =>
      a.w === b.w ? a.i - b.i : a.w === Infinity ? 1 : b.w === Infinity ? -1 : a.w - b.w,
    );
    const subColumns = Math.ceil(keyed.length / MAX_PER_COLUMN);
    const perColumn = Math.ceil(keyed.length / subColumns);
    keyed.forEach((k, rank) => {
      const sub = Math.floor(rank / perColumn);
      const row = rank % perColumn;
      positions[k.i] = { x: x + sub * SUB_COLUMN, y: (row - (perColumn - 1) / 2) * ROW };
    });
    x += (subColumns - 1) * SUB_COLUMN + COLUMN_GAP;
  }
  return positions;
}

function createGraph(host) {
  const positions = layeredPositions();
  const cy = cytoscape({
    container: host,
    elements: elements(),
    style: STYLE,
    minZoom: 0.05,
    maxZoom: 6,
    boxSelectionEnabled: false,
    layout: { name: 'preset', positions: (node) => positions[node.data('index')], fit: true, padding: 20 },
  });
  cy.on('tap', 'node', (event) => select(event.target.data('index')));
  cy.on('tap', (event) => {
    if (event.target === cy) select(null);
  });
  return cy;
}

function applyClasses() {
  const cy = state.cy;
  if (!cy) return;
  cy.batch(() => {
    cy.elements().removeClass('faded match focus ov nodata');
    const g = CSQA.data.graph;
    if (state.overlay) {
      const values = g.nodes.map((n) => n.overlay[state.overlay] || 0);
      const max = Math.max.apply(null, values.concat([0]));
      cy.nodes().forEach((node) => {
        const v = values[node.data('index')];
        if (v > 0 && max > 0) {
          node.data('ovColour', CSQA.heat(v / max));
          node.data('ovSize', 10 + 18 * (v / max));
          node.addClass('ov');
        } else node.addClass('nodata');
      });
    }
    const q = state.query.trim().toLowerCase();
    if (q) {
      const matches = cy
        .nodes()
        .filter((node) => g.nodes[node.data('index')].id.toLowerCase().indexOf(q) >= 0);
      cy.elements().not(matches).addClass('faded');
      matches.addClass('match');
    }
    if (state.selected !== null) {
      const node = cy.getElementById('n' + state.selected);
      const hood = node.closedNeighborhood();
      if (!q) cy.elements().not(hood).addClass('faded');
      hood.removeClass('faded');
      node.addClass('focus');
      node.connectedEdges().addClass('focus');
    }
  });
}

function select(index) {
  state.selected = index;
  applyClasses();
  renderDetails();
}

let detailsBox = null;

function renderDetails() {
  if (!detailsBox) return;
  CSQA.clear(detailsBox);
  const g = CSQA.data.graph;
  if (state.selected === null) {
    detailsBox.appendChild(h('p', { class: 'muted', text: CSQA.t('graph.pick') }));
    return;
  }
  const n = g.nodes[state.selected];
  const incoming = g.edges.filter((e) => e[1] === state.selected).length;
  const outgoing = g.edges.filter((e) => e[0] === state.selected).length;
  const layers = ['authn', 'authz', 'validation', 'sanitize', 'rate', 'audit'];
  CSQA.append(detailsBox, [
    h('div', { class: 'detail-title', 'data-testid': 'graph-node-label', text: n.label }),
    h('div', { class: 'mono small break', 'data-testid': 'graph-node-id', text: n.id }),
    h('table', { class: 'kv' }, [
      h('tbody', null, [
        row(CSQA.t('location'), n.file ? CSQA.place(n.file, n.line) : CSQA.t('na')),
        row(CSQA.t('complexity'), n.complexity === null ? CSQA.t('na') : String(n.complexity)),
        row(CSQA.t('graph.degree'), CSQA.t('graph.inOut', { in: incoming, out: outgoing })),
        row(CSQA.t('graph.depth'), n.depth === null ? CSQA.t('na') : String(n.depth)),
      ]),
    ]),
    n.entry
      ? h('div', { class: 'card-section' }, [
          h('div', { class: 'label', text: CSQA.t('graph.entrypoint') + ' · ' + n.entry.kind }),
          n.entry.routes.length
            ? h('div', {
                class: 'mono',
                text: (n.entry.verbs.join(',') || '*') + ' ' + n.entry.routes.join(' | '),
              })
            : null,
          h('div', null, [authBadge(n.entry.auth)]),
          n.entry.evidence.length
            ? h(
                'ul',
                { class: 'evidence small' },
                n.entry.evidence.map((e) => h('li', { text: e })),
              )
            : h('div', { class: 'muted small', text: CSQA.t('noEvidence') }),
        ])
      : null,
    n.sinks.length
      ? h('div', { class: 'card-section' }, [
          h('div', { class: 'label', text: CSQA.t('graph.sink') }),
          h('div', { text: n.sinks.join(', ') + (n.privileged ? ' · ' + CSQA.t('privileged') : '') }),
        ])
      : null,
    h('div', { class: 'card-section' }, [
      h('div', { class: 'label', text: CSQA.t('graph.defences') }),
      h(
        'div',
        { class: 'layers' },
        layers.map((layer) =>
          h('span', {
            class: 'layer' + (n.defences.indexOf(layer) >= 0 ? ' on' : ''),
            text: CSQA.t('layer.' + layer),
          }),
        ),
      ),
    ]),
    Object.keys(n.overlay).length
      ? h('div', { class: 'card-section' }, [
          h('div', { class: 'label', text: CSQA.t('graph.metricValues') }),
          h(
            'table',
            { class: 'kv' },
            h(
              'tbody',
              null,
              Object.keys(n.overlay)
                .sort()
                .map((m) => row(m, CSQA.num(n.overlay[m]))),
            ),
          ),
        ])
      : null,
    n.findings.length
      ? h('div', { class: 'card-section' }, [
          h('div', { class: 'label', text: CSQA.t('findingsCount', { n: n.findings.length }) }),
          h(
            'ul',
            { class: 'node-findings' },
            n.findings.slice(0, 20).map((fi) => {
              const f = CSQA.data.findings[fi];
              return h('li', null, [
                h('button', {
                  class: 'btn link',
                  type: 'button',
                  text:
                    f.metric +
                    ' · ' +
                    (CSQA.state.lang === 'ru' && f.texts.ru ? f.texts.ru : f.texts.en).what,
                  on: { click: () => CSQA.showFindings({ focus: fi }) },
                }),
              ]);
            }),
          ),
        ])
      : null,
  ]);
}

function row(key, value) {
  return h('tr', null, [h('th', { text: key }), h('td', { text: value })]);
}

function authBadge(auth) {
  return h('span', {
    class: 'badge auth-' + (['authenticated', 'public', 'denied'].indexOf(auth) >= 0 ? auth : 'unknown'),
    text: CSQA.t('auth.' + auth),
  });
}
CSQA.authBadge = authBadge;

function legend() {
  const item = (cls, text) =>
    h('span', { class: 'legend-item' }, [h('span', { class: 'swatch ' + cls }), text]);
  return h('div', { class: 'legend' }, [
    item('sw-entry', CSQA.t('graph.legend.entry')),
    item('sw-sink', CSQA.t('graph.legend.sink')),
    item('sw-plain', CSQA.t('graph.legend.plain')),
    item('sw-defended', CSQA.t('graph.legend.defended')),
    item('sw-fallback', CSQA.t('graph.legend.fallback')),
  ]);
}

CSQA.views.graph = {
  render(container) {
    const g = CSQA.data.graph;
    if (g.nodes.length === 0) {
      container.appendChild(h('p', { class: 'panel muted', text: CSQA.t('graph.empty') }));
      return;
    }
    if (!state.host) state.host = h('div', { class: 'graph-canvas', 'data-testid': 'graph-canvas' });
    const search = h('input', {
      type: 'search',
      class: 'search',
      placeholder: CSQA.t('graph.search'),
      'aria-label': CSQA.t('graph.search'),
      'data-testid': 'graph-search',
      value: state.query,
      on: {
        input: CSQA.debounce((e) => {
          state.query = e.target.value;
          applyClasses();
          matchCount.textContent = matchText();
        }, 150),
        keydown: (e) => {
          if (e.key !== 'Enter') return;
          state.query = e.target.value;
          const q = state.query.trim().toLowerCase();
          const hit = g.nodes.findIndex((n) => q && n.id.toLowerCase().indexOf(q) >= 0);
          if (hit >= 0) {
            select(hit);
            state.cy.animate(
              { center: { eles: state.cy.getElementById('n' + hit) }, zoom: 1.5 },
              { duration: 200 },
            );
          }
          matchCount.textContent = matchText();
        },
      },
    });
    const matchText = () => {
      const q = state.query.trim().toLowerCase();
      if (!q) return '';
      return CSQA.t('graph.matches', { n: g.nodes.filter((n) => n.id.toLowerCase().indexOf(q) >= 0).length });
    };
    const matchCount = h('span', { class: 'muted small', text: matchText() });
    const overlay = h(
      'select',
      {
        'aria-label': CSQA.t('graph.overlay'),
        'data-testid': 'graph-overlay',
        on: {
          change: (e) => {
            state.overlay = e.target.value;
            applyClasses();
            overlayHelp.textContent = overlayText();
          },
        },
      },
      [h('option', { value: '', text: CSQA.t('graph.byRole') })].concat(
        g.overlays.map((o) =>
          h('option', { value: o.metric, selected: o.metric === state.overlay, text: o.metric }),
        ),
      ),
    );
    const overlayText = () => {
      const o = g.overlays.find((x) => x.metric === state.overlay);
      return o ? CSQA.L(o.label) : '';
    };
    const overlayHelp = h('span', { class: 'muted small', text: overlayText() });
    const zoom = (factor) => () => {
      const cy = state.cy;
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    };
    detailsBox = h('div', { 'data-testid': 'graph-details' });
    CSQA.append(container, [
      h('div', { class: 'toolbar' }, [
        search,
        matchCount,
        h('span', { class: 'sep' }),
        h('label', { class: 'label', text: CSQA.t('graph.overlay') }),
        overlay,
        overlayHelp,
        h('span', { class: 'grow' }),
        h('button', {
          class: 'btn',
          type: 'button',
          text: '+',
          title: CSQA.t('graph.zoomIn'),
          on: { click: zoom(1.3) },
        }),
        h('button', {
          class: 'btn',
          type: 'button',
          text: '−',
          title: CSQA.t('graph.zoomOut'),
          on: { click: zoom(1 / 1.3) },
        }),
        h('button', {
          class: 'btn',
          type: 'button',
          text: CSQA.t('graph.fit'),
          on: { click: () => state.cy.fit(undefined, 20) },
        }),
      ]),
      h('div', { class: 'muted small', 'data-testid': 'graph-counts' }, [
        CSQA.t('graph.counts', {
          shown: g.nodes.length,
          edges: g.edges.length,
          report: g.reportNodes,
          total: g.totalNodes,
          cap: g.maxNodes,
        }),
      ]),
      legend(),
      h('div', { class: 'split graph-split' }, [
        state.host,
        h('aside', { class: 'panel side' }, [detailsBox]),
      ]),
    ]);
    if (!state.cy) {
      state.cy = createGraph(state.host);
      state.cy.fit(undefined, 20);
      // Automation hook: lets a browser test find a node's position on the canvas to click it.
      window.csqaGraph = state.cy;
    } else state.cy.resize();
    applyClasses();
    renderDetails();
  },
};
