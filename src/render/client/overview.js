/* global CSQA, Chart */
// Overview: aggregate score with its caveat, radar of the 15 normalised metrics, group scores, metric cards.

const h = CSQA.h;
let radar = null;

function scoreCard() {
  const agg = CSQA.data.aggregate;
  const band = agg.score === null ? 'none' : agg.band || CSQA.band(agg.score);
  const total = CSQA.data.metrics.length;
  return h('section', { class: 'panel score-card', 'data-testid': 'aggregate' }, [
    h('div', { class: 'label', text: CSQA.t('aggregate') }),
    h('div', {
      class: 'score-value band-' + band,
      text: agg.score === null ? CSQA.t('na') : CSQA.pct(agg.score, 1),
    }),
    h('div', { class: 'badge band-' + band, text: CSQA.t('band.' + band) }),
    h('div', { class: 'bar' }, [barFill(agg.score, band)]),
    h('div', { class: 'muted small', text: CSQA.t('availableOf', { n: agg.available, total: total }) }),
    h('p', { class: 'caveat', text: CSQA.t('aggregateCaveat') }),
    agg.notes.length
      ? h(
          'ul',
          { class: 'notes' },
          agg.notes.map((n) => h('li', { text: n })),
        )
      : null,
  ]);
}

function barFill(value, band) {
  const fill = h('div', { class: 'bar-fill band-bg-' + (band || CSQA.band(value)) });
  fill.style.width = value === null || value === undefined ? '0' : Math.round(Math.min(1, value) * 100) + '%';
  return fill;
}

function radarPanel() {
  const canvas = h('canvas', { 'aria-label': CSQA.t('radar'), role: 'img' });
  const box = h('div', { class: 'radar-box' }, [canvas]);
  const panel = h('section', { class: 'panel radar-panel' }, [
    h('div', { class: 'label', text: CSQA.t('radar') }),
    box,
  ]);
  return { panel: panel, draw: () => drawRadar(canvas) };
}

function drawRadar(canvas) {
  const metrics = CSQA.data.metrics;
  if (radar) radar.destroy();
  radar = new Chart(canvas, {
    type: 'radar',
    data: {
      labels: metrics.map((m) => m.id),
      datasets: [
        {
          label: CSQA.t('normalised'),
          data: metrics.map((m) => (m.status === 'ok' ? m.value : null)),
          borderColor: '#fb923c',
          backgroundColor: 'rgba(251,146,60,0.14)',
          borderWidth: 2,
          pointBackgroundColor: metrics.map((m) => CSQA.bandColour(CSQA.band(m.value))),
          pointBorderColor: '#000',
          pointRadius: 4,
          spanGaps: true,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: true,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const m = metrics[items[0].dataIndex];
              return m.id + ' · ' + CSQA.L(m.name);
            },
            label: (item) => CSQA.pct(item.raw, 1),
          },
        },
      },
      scales: {
        r: {
          min: 0,
          max: 1,
          ticks: {
            stepSize: 0.25,
            display: true,
            backdropColor: 'transparent',
            color: '#6b6b6b',
            callback: (v) => CSQA.pct(v),
          },
          grid: { color: 'rgba(255,255,255,0.10)' },
          angleLines: { color: 'rgba(255,255,255,0.10)' },
          pointLabels: {
            color: (ctx) => (metrics[ctx.index].status === 'ok' ? '#e5e5e5' : '#525252'),
            font: { family: 'JetBrains Mono', size: 11, weight: 'bold' },
          },
        },
      },
    },
  });
}

function groupsPanel() {
  return h('section', { class: 'panel groups-panel', 'data-testid': 'groups' }, [
    h('div', { class: 'label', text: CSQA.t('groupScores') }),
    h(
      'div',
      { class: 'group-list' },
      CSQA.data.groups.map((g) => {
        const band = CSQA.band(g.score);
        return h('div', { class: 'group-row' }, [
          h('span', { class: 'group-id', text: g.id }),
          h('span', { class: 'group-name', text: CSQA.L(g.name) }),
          h('div', { class: 'bar' }, [barFill(g.score, band)]),
          h('span', { class: 'group-score band-' + band, text: CSQA.pct(g.score) }),
        ]);
      }),
    ),
    h('p', { class: 'muted small', text: CSQA.t('groupScoreRule') }),
  ]);
}

function metricCard(m) {
  const ok = m.status === 'ok';
  const band = ok ? CSQA.band(m.value) : 'none';
  return h(
    'article',
    { class: 'panel metric-card' + (ok ? '' : ' unavailable'), 'data-testid': 'metric-' + m.id },
    [
      h('div', { class: 'card-head' }, [
        h('span', { class: 'metric-id', text: m.id }),
        h('span', { class: 'metric-key', text: m.key }),
        h('span', { class: 'metric-weight muted', title: CSQA.t('weight'), text: '×' + m.weight.toFixed(2) }),
      ]),
      h('div', { class: 'metric-name', text: CSQA.L(m.name) }),
      h('div', { class: 'metric-values' }, [
        h('span', { class: 'metric-value band-' + band, text: ok ? CSQA.pct(m.value, 1) : CSQA.t('na') }),
        ok && m.rawKey ? h('span', { class: 'muted small', text: m.rawKey + ' = ' + CSQA.num(m.raw) }) : null,
      ]),
      h('div', { class: 'bar' }, [barFill(ok ? m.value : null, band)]),
      ok
        ? null
        : h('div', { class: 'status' }, [
            h('span', { class: 'badge band-none', text: CSQA.t('status.' + m.status) }),
            m.reason ? h('span', { class: 'reason', text: ' ' + m.reason }) : null,
          ]),
      m.description.en ? section(CSQA.t('measures'), CSQA.L(m.description)) : null,
      m.drivers.length
        ? h('div', { class: 'card-section' }, [
            h('div', { class: 'label', text: CSQA.t('drivers') }),
            h(
              'ul',
              { class: 'drivers' },
              m.drivers.map((d) => h('li', { text: CSQA.L(d) })),
            ),
          ])
        : null,
      m.improve.en ? section(CSQA.t('improve'), CSQA.L(m.improve)) : null,
      m.notes.length
        ? h(
            'ul',
            { class: 'notes' },
            m.notes.map((n) => h('li', { text: n })),
          )
        : null,
      m.findingCount
        ? h('button', {
            class: 'btn link',
            type: 'button',
            text: CSQA.t('showFindings', { n: m.findingCount }),
            on: { click: () => CSQA.showFindings({ metric: m.id }) },
          })
        : null,
    ],
  );
}

function section(title, text) {
  return h('div', { class: 'card-section' }, [
    h('div', { class: 'label', text: title }),
    h('p', { text: text }),
  ]);
}

CSQA.views.overview = {
  render(container) {
    const chart = radarPanel();
    CSQA.append(container, [
      h('div', { class: 'overview-top' }, [scoreCard(), chart.panel, groupsPanel()]),
      CSQA.data.groups.map((g) =>
        h('section', { class: 'metric-group' }, [
          h('h2', { class: 'group-title' }, [
            h('span', { class: 'group-id', text: g.id }),
            ' ' + CSQA.L(g.name),
          ]),
          h('div', { class: 'card-grid' }, CSQA.data.metrics.filter((m) => m.group === g.id).map(metricCard)),
        ]),
      ),
    ]);
    chart.draw();
  },
};
