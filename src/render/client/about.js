/* global CSQA */
// About: tool, repository and commit, timings, resources, call-graph resolution, notes and errors.

const h = CSQA.h;
const NOTES_PAGE = 200;
const state = { notesPage: 0 };

function kvTable(rows, testid) {
  return h(
    'table',
    { class: 'kv', 'data-testid': testid || null },
    h(
      'tbody',
      null,
      rows.map((r) => h('tr', null, [h('th', { text: r[0] }), h('td', { class: 'mono break', text: r[1] })])),
    ),
  );
}

function panel(title, body) {
  return h('section', { class: 'panel about-panel' }, [h('div', { class: 'label', text: title }), body]);
}

function seconds(v) {
  return v.toFixed(v < 10 ? 2 : 1) + ' s';
}

function resolutionRows() {
  const rows = CSQA.data.about.resolution;
  const total = (rows.find((r) => r[0] === 'call_sites_total') || [null, 0])[1];
  return rows.map((r) => {
    const share =
      total && r[0] !== 'call_sites_total' && r[0].indexOf('graph_') !== 0 && r[0].indexOf('edges_') !== 0;
    return [CSQA.t('res.' + r[0]), String(r[1]) + (share ? '  (' + CSQA.pct(r[1] / total, 1) + ')' : '')];
  });
}

function notesTable() {
  const notes = CSQA.data.about.notes;
  if (notes.length === 0) return h('p', { class: 'muted', text: CSQA.t('none') });
  const pages = Math.ceil(notes.length / NOTES_PAGE);
  const body = h('div');
  const draw = () => {
    CSQA.clear(body);
    CSQA.append(body, [
      h('table', { class: 'data' }, [
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['code', 'message', 'file', 'count'].map((c) => h('th', { text: CSQA.t('note.' + c) })),
          ),
        ),
        h(
          'tbody',
          null,
          notes
            .slice(state.notesPage * NOTES_PAGE, (state.notesPage + 1) * NOTES_PAGE)
            .map((n) =>
              h('tr', null, [
                h('td', { class: 'mono', text: n.code }),
                h('td', { text: n.message }),
                h('td', { class: 'mono break', text: n.file || '' }),
                h('td', { class: 'num', text: n.count === undefined ? '' : String(n.count) }),
              ]),
            ),
        ),
      ]),
      CSQA.pager(state.notesPage, pages, (p) => {
        state.notesPage = p;
        draw();
      }),
    ]);
  };
  draw();
  return body;
}

CSQA.views.about = {
  render(container) {
    const d = CSQA.data;
    const m = d.meta;
    const about = d.about;
    const started = m.started_at_unix
      ? new Date(m.started_at_unix * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'
      : '—';
    CSQA.append(container, [
      h('div', { class: 'about-grid' }, [
        panel(
          CSQA.t('about.run'),
          kvTable(
            [
              [CSQA.t('about.tool'), d.tool.name + ' ' + d.tool.version],
              [CSQA.t('about.schema'), d.tool.schema_version || '—'],
              [CSQA.t('about.repository'), m.repo_url || '—'],
              [CSQA.t('about.ref'), m.ref || '—'],
              [CSQA.t('about.branch'), m.git_branch || '—'],
              [CSQA.t('about.commit'), m.git_head || '—'],
              [CSQA.t('about.mode'), m.mode + (m.source ? ' · ' + m.source : '')],
              [CSQA.t('about.depth'), m.max_graph_depth === null ? '—' : String(m.max_graph_depth)],
              [CSQA.t('about.started'), started],
            ],
            'about-run',
          ),
        ),
        panel(
          CSQA.t('about.timings'),
          about.timings.length
            ? kvTable(about.timings.map((t) => [t[0], seconds(t[1])]))
            : h('p', { class: 'muted', text: CSQA.t('none') }),
        ),
        panel(
          CSQA.t('about.resources'),
          about.resources.length
            ? kvTable(about.resources.map((r) => [r[0], String(r[1])]))
            : h('p', { class: 'muted', text: CSQA.t('none') }),
        ),
        panel(CSQA.t('about.counts'), kvTable(about.counts.map((c) => [c[0], String(c[1])]))),
        panel(CSQA.t('about.resolution'), kvTable(resolutionRows(), 'about-resolution')),
        about.technical.length ? panel(CSQA.t('about.technical'), kvTable(about.technical)) : null,
        about.orchestrator ? panel(CSQA.t('about.orchestrator'), kvTable(about.orchestrator)) : null,
      ]),
      panel(
        CSQA.t('about.errors') + ' (' + about.errors.length + ')',
        about.errors.length
          ? h(
              'ul',
              { class: 'errors', 'data-testid': 'about-errors' },
              about.errors.map((e) =>
                h('li', null, [h('span', { class: 'mono', text: e.stage + ': ' }), e.error]),
              ),
            )
          : h('p', { class: 'muted', text: CSQA.t('none') }),
      ),
      panel(CSQA.t('about.notes') + ' (' + about.notes.length + ')', notesTable()),
    ]);
  },
};
