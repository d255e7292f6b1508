/* global CSQA */
// Metric maps: packages and their classes as a heat grid, coloured by the chosen measure's value.

const h = CSQA.h;
const state = { measure: 'findings', showZero: false, selected: null };

function packageTotals(measure) {
  return CSQA.data.map.packages
    .map((pkg) => {
      const classes = pkg.classes
        .map((cls) => ({ cls: cls, value: cls.values[measure] || 0 }))
        .filter((c) => state.showZero || c.value > 0)
        .sort((a, b) => b.value - a.value || (a.cls.name < b.cls.name ? -1 : 1));
      const total = classes.reduce((sum, c) => sum + c.value, 0);
      return { name: pkg.name, classes: classes, total: total };
    })
    .filter((p) => p.classes.length > 0)
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : 1));
}

function details(selected) {
  if (!selected) return h('p', { class: 'muted', text: CSQA.t('map.pick') });
  const cls = selected.cls;
  const measures = CSQA.data.map.measures.filter((m) => cls.values[m.id]);
  return h('div', { 'data-testid': 'map-details' }, [
    h('div', { class: 'detail-title', text: cls.name }),
    h('div', { class: 'muted mono', text: selected.pkg || CSQA.t('defaultPackage') }),
    cls.file ? h('div', { class: 'mono small', text: cls.file }) : null,
    h('div', { class: 'small', text: CSQA.t('map.callables', { n: cls.callables }) }),
    h(
      'table',
      { class: 'kv' },
      h(
        'tbody',
        null,
        measures.map((m) =>
          h('tr', null, [h('th', { text: CSQA.L(m.label) }), h('td', { text: CSQA.num(cls.values[m.id]) })]),
        ),
      ),
    ),
    cls.file && cls.values.findings
      ? h('button', {
          class: 'btn link',
          type: 'button',
          text: CSQA.t('showFindings', { n: cls.values.findings }),
          on: { click: () => CSQA.showFindings({ text: cls.file }) },
        })
      : null,
  ]);
}

CSQA.views.maps = {
  render(container) {
    const measure = CSQA.data.map.measures.find((m) => m.id === state.measure) || CSQA.data.map.measures[0];
    const packages = packageTotals(measure.id);
    const max = packages.reduce((m, p) => p.classes.reduce((mm, c) => Math.max(mm, c.value), m), 0);
    const side = h('aside', { class: 'panel side' }, [details(state.selected)]);
    const select = h(
      'select',
      {
        'aria-label': CSQA.t('map.measure'),
        'data-testid': 'map-measure',
        on: {
          change: (e) => {
            state.measure = e.target.value;
            state.selected = null;
            CSQA.go('maps');
          },
        },
      },
      [
        h(
          'optgroup',
          { 'aria-label': CSQA.t('map.facts') },
          CSQA.data.map.measures
            .filter((m) => !m.metric)
            .map((m) => h('option', { value: m.id, selected: m.id === measure.id, text: CSQA.L(m.label) })),
        ),
        h(
          'optgroup',
          { 'aria-label': CSQA.t('map.metrics') },
          CSQA.data.map.measures
            .filter((m) => m.metric)
            .map((m) => h('option', { value: m.id, selected: m.id === measure.id, text: CSQA.L(m.label) })),
        ),
      ],
    );
    // optgroup labels are attributes; set them through the DOM property to keep the allow-list small.
    select.children[0].label = CSQA.t('map.facts');
    select.children[1].label = CSQA.t('map.metrics');
    const grid = h(
      'div',
      { class: 'map-grid', 'data-testid': 'map-grid' },
      packages.length === 0
        ? h('p', { class: 'muted', text: CSQA.t('map.empty') })
        : packages.map((pkg) =>
            h('section', { class: 'map-package' }, [
              h('div', { class: 'map-package-head' }, [
                h('span', { class: 'mono', text: pkg.name || CSQA.t('defaultPackage') }),
                h('span', { class: 'muted', text: CSQA.num(pkg.total) }),
              ]),
              h(
                'div',
                { class: 'tiles' },
                pkg.classes.map((c) => {
                  const tile = h(
                    'button',
                    {
                      class: 'tile' + (state.selected && state.selected.cls === c.cls ? ' selected' : ''),
                      type: 'button',
                      title: pkg.name + '.' + c.cls.name + ' — ' + CSQA.num(c.value),
                      on: {
                        click: () => {
                          state.selected = { cls: c.cls, pkg: pkg.name };
                          CSQA.clear(side);
                          side.appendChild(details(state.selected));
                          for (const t of grid.querySelectorAll('.tile.selected'))
                            t.classList.remove('selected');
                          tile.classList.add('selected');
                        },
                      },
                    },
                    [
                      h('span', { class: 'tile-name', text: c.cls.name }),
                      h('span', { class: 'tile-value', text: CSQA.num(c.value) }),
                    ],
                  );
                  tile.style.background = c.value > 0 && max > 0 ? CSQA.heat(c.value / max) : '#1f1f1f';
                  tile.style.color = c.value > 0 ? '#0a0a0a' : '#a3a3a3';
                  return tile;
                }),
              ),
            ]),
          ),
    );
    CSQA.append(container, [
      h('div', { class: 'toolbar' }, [
        h('label', { class: 'label', text: CSQA.t('map.measure') }),
        select,
        h('label', { class: 'check' }, [
          h('input', {
            type: 'checkbox',
            checked: state.showZero,
            on: {
              change: (e) => {
                state.showZero = e.target.checked;
                CSQA.go('maps');
              },
            },
          }),
          ' ' + CSQA.t('map.showZero'),
        ]),
        h('span', { class: 'legend-scale' }, [
          h('span', { class: 'muted small', text: '0' }),
          h('span', { class: 'scale-bar' }),
          h('span', { class: 'muted small', text: CSQA.num(max) }),
        ]),
      ]),
      h('p', { class: 'muted small', text: CSQA.t('map.help') }),
      h('div', { class: 'split' }, [grid, side]),
    ]);
  },
};
