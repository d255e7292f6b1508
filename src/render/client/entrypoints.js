/* global CSQA */
// Entrypoints: a sortable, filterable table of routes, verbs, kind, authentication with evidence,
// validation and input entropy.

const h = CSQA.h;
const PAGE_SIZE = 100;
const state = { sort: 'route', dir: 1, query: '', auth: '', page: 0, refresh: null };

const COLUMNS = [
  { key: 'route', value: (e) => e.routes.join(' ') || e.label },
  { key: 'verbs', value: (e) => e.verbs.join(',') },
  { key: 'kind', value: (e) => e.kind + ' ' + e.framework },
  { key: 'auth', value: (e) => e.auth },
  { key: 'validated', value: (e) => (e.validated ? 1 : 0) },
  { key: 'input', value: (e) => ['minimal', 'low', 'medium', 'high', 'very_high'].indexOf(e.input_level) },
  { key: 'entropy', value: (e) => e.input_entropy },
  { key: 'callable', value: (e) => e.callable },
];

function rows() {
  const q = state.query.trim().toLowerCase();
  const column = COLUMNS.find((c) => c.key === state.sort) || COLUMNS[0];
  return CSQA.data.entrypoints
    .filter((e) => !state.auth || e.auth === state.auth)
    .filter(
      (e) =>
        !q ||
        (e.routes.join(' ') + ' ' + e.callable + ' ' + e.file + ' ' + e.verbs.join(' ') + ' ' + e.kind)
          .toLowerCase()
          .indexOf(q) >= 0,
    )
    .sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * state.dir || (a.callable < b.callable ? -1 : 1);
    });
}

function cell(children, cls) {
  return h('td', { class: cls || null }, children);
}

function entryRow(e) {
  return h('tr', { 'data-testid': 'entrypoint-row' }, [
    cell(
      e.routes.length
        ? e.routes.map((r) => h('div', { class: 'mono', text: r }))
        : h('span', { class: 'muted', text: '—' }),
    ),
    cell(e.verbs.join(', ') || '—', 'mono'),
    cell([h('span', { text: e.kind }), h('div', { class: 'muted small', text: e.framework })]),
    cell([
      CSQA.authBadge(e.auth),
      e.authz ? h('span', { class: 'badge auth-authenticated', text: 'authz' }) : null,
      e.evidence.length
        ? h(
            'ul',
            { class: 'evidence small' },
            e.evidence.map((ev) =>
              h('li', {
                title: ev.file + ':' + ev.line,
                text: ev.source + ': ' + ev.effect + ' — ' + ev.detail,
              }),
            ),
          )
        : h('div', { class: 'muted small', text: CSQA.t('noEvidence') }),
    ]),
    cell(h('span', { class: e.validated ? 'yes' : 'no', text: e.validated ? CSQA.t('yes') : CSQA.t('no') })),
    cell([
      h('span', { text: e.input_level || '—' }),
      e.client_parameters.length
        ? h(
            'div',
            { class: 'muted small mono' },
            e.client_parameters.map((p) => h('div', { text: p.binding + ' ' + p.type + ' ' + p.name })),
          )
        : null,
    ]),
    cell(CSQA.num(e.input_entropy), 'num'),
    cell([
      h('div', { class: 'mono', text: e.label }),
      h('div', { class: 'muted small mono', text: CSQA.place(e.file, e.line) }),
    ]),
  ]);
}

function table(list) {
  return h('div', { class: 'table-wrap' }, [
    h('table', { class: 'data', 'data-testid': 'entrypoints-table' }, [
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          COLUMNS.map((c) =>
            h('th', null, [
              h('button', {
                class: 'sort' + (state.sort === c.key ? ' active' : ''),
                type: 'button',
                'data-testid': 'sort-' + c.key,
                text: CSQA.t('col.' + c.key) + (state.sort === c.key ? (state.dir > 0 ? ' ▲' : ' ▼') : ''),
                on: {
                  click: () => {
                    if (state.sort === c.key) state.dir = -state.dir;
                    else {
                      state.sort = c.key;
                      state.dir = 1;
                    }
                    state.refresh();
                  },
                },
              }),
            ]),
          ),
        ),
      ),
      h('tbody', null, list.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE).map(entryRow)),
    ]),
  ]);
}

CSQA.views.entrypoints = {
  render(container) {
    if (CSQA.data.entrypoints.length === 0) {
      container.appendChild(h('p', { class: 'panel muted', text: CSQA.t('noEntrypoints') }));
      return;
    }
    const counts = {};
    for (const e of CSQA.data.entrypoints) counts[e.auth] = (counts[e.auth] || 0) + 1;
    const body = h('div');
    const authButtons = h('span', { class: 'button-group' });
    const total = h('span', { class: 'muted' });
    // Only the buttons and the table re-render on a change, so the search field keeps focus while typing.
    state.refresh = () => {
      const list = rows();
      const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
      state.page = Math.min(state.page, pages - 1);
      CSQA.clear(authButtons);
      CSQA.append(
        authButtons,
        ['', 'authenticated', 'public', 'denied', 'unknown'].map((a) =>
          h('button', {
            class: 'btn small' + (state.auth === a ? ' active' : ''),
            type: 'button',
            'aria-pressed': state.auth === a ? 'true' : 'false',
            text: a ? CSQA.t('auth.' + a) + ' ' + (counts[a] || 0) : CSQA.t('all'),
            on: {
              click: () => {
                state.auth = a;
                state.page = 0;
                state.refresh();
              },
            },
          }),
        ),
      );
      total.textContent = CSQA.t('countOf', { n: list.length, total: CSQA.data.entrypoints.length });
      CSQA.clear(body);
      CSQA.append(body, [
        table(list),
        CSQA.pager(state.page, pages, (p) => {
          state.page = p;
          state.refresh();
        }),
      ]);
    };
    const search = h('input', {
      type: 'search',
      class: 'search',
      placeholder: CSQA.t('filterText'),
      'aria-label': CSQA.t('filterText'),
      'data-testid': 'entrypoint-search',
      value: state.query,
      on: {
        input: CSQA.debounce((ev) => {
          state.query = ev.target.value;
          state.page = 0;
          state.refresh();
        }, 150),
      },
    });
    CSQA.append(container, [
      h('div', { class: 'toolbar' }, [
        search,
        h('span', { class: 'sep' }),
        h('span', { class: 'label', text: CSQA.t('auth') }),
        authButtons,
        h('span', { class: 'grow' }),
        total,
      ]),
      body,
    ]);
    state.refresh();
  },
};
