/* global CSQA */
// Findings: grouped by file, collapsible, filtered by group, metric, severity and text, paginated so that
// thousands of findings keep the page responsive (at most PAGE_ITEMS headers and rows in the DOM).

const h = CSQA.h;
const PAGE_ITEMS = 120;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const REPO_KEY = '\u0000repository';

const state = {
  group: '',
  metric: '',
  severities: new Set(SEVERITIES),
  query: '',
  page: 0,
  // Keyed by file path and finding id, never by position, so filtering never opens the wrong rows.
  collapsed: new Set(),
  expanded: new Set(),
  refresh: null,
};

function groupKey(group) {
  return group.file === null ? REPO_KEY : group.file;
}

function textsOf(f) {
  return CSQA.state.lang === 'ru' && f.texts.ru ? f.texts.ru : f.texts.en;
}

function matches(f, q) {
  if (state.group && f.group !== state.group) return false;
  if (state.metric && f.metric !== state.metric) return false;
  if (!state.severities.has(f.severity)) return false;
  if (!q) return true;
  const t = textsOf(f);
  const hay = [
    f.id,
    f.rule,
    f.metric,
    f.file || '',
    f.method || '',
    f.cwe ? 'cwe-' + f.cwe : '',
    t.what,
    t.why,
    f.texts.en.what,
  ]
    .join('\n')
    .toLowerCase();
  return hay.indexOf(q) >= 0;
}

/** Headers and rows after filtering and collapsing, in display order. */
function items() {
  const q = state.query.trim().toLowerCase();
  const out = [];
  let shown = 0;
  let files = 0;
  for (const group of CSQA.data.fileGroups) {
    const visible = group.findings.filter((i) => matches(CSQA.data.findings[i], q));
    if (visible.length === 0) continue;
    shown += visible.length;
    files += 1;
    out.push({ type: 'group', group: group, visible: visible });
    if (!state.collapsed.has(groupKey(group)))
      for (const i of visible) out.push({ type: 'finding', index: i, group: group });
  }
  return { list: out, shown: shown, files: files };
}

function severityBadge(severity) {
  return h('span', {
    class: 'sev sev-' + (SEVERITIES.indexOf(severity) >= 0 ? severity : 'other'),
    text: CSQA.t('sev.' + severity),
  });
}

function groupHeader(item, continued) {
  const key = groupKey(item.group);
  const open = !state.collapsed.has(key);
  const counts = {};
  for (const i of item.visible) {
    const s = CSQA.data.findings[i].severity;
    counts[s] = (counts[s] || 0) + 1;
  }
  return h(
    'button',
    {
      class: 'file-group' + (open ? ' open' : ''),
      type: 'button',
      'aria-expanded': open ? 'true' : 'false',
      'data-testid': 'file-group',
      title: item.group.file || CSQA.t('repositoryLevel'),
      on: {
        click: () => {
          if (open) state.collapsed.add(key);
          else state.collapsed.delete(key);
          state.refresh();
        },
      },
    },
    [
      h('span', { class: 'chevron', text: open ? '▾' : '▸' }),
      h('span', {
        class: 'file-path',
        'data-testid': 'file-path',
        text: item.group.file || CSQA.t('repositoryLevel'),
      }),
      continued ? h('span', { class: 'muted small', text: CSQA.t('continued') }) : null,
      h(
        'span',
        {
          class: 'sev-counts',
          title: SEVERITIES.filter((s) => counts[s])
            .map((s) => CSQA.t('sev.' + s) + ' ' + counts[s])
            .join(', '),
        },
        SEVERITIES.filter((s) => counts[s]).map((s) =>
          h('span', { class: 'sev-count sev-' + s, text: String(counts[s]) }),
        ),
      ),
      h('span', { class: 'count', text: String(item.visible.length) }),
    ],
  );
}

function findingRow(index) {
  const f = CSQA.data.findings[index];
  const open = state.expanded.has(f.id);
  const texts = textsOf(f);
  const toggle = () => {
    if (open) state.expanded.delete(f.id);
    else state.expanded.add(f.id);
    state.refresh();
  };
  return h('div', { class: 'finding' + (open ? ' open' : '') }, [
    h(
      'button',
      {
        class: 'finding-row',
        type: 'button',
        'aria-expanded': open ? 'true' : 'false',
        'data-testid': 'finding-row',
        'data-id': f.id,
        on: { click: toggle },
      },
      [
        severityBadge(f.severity),
        h('span', { class: 'metric-chip', text: f.metric }),
        h('span', { class: 'what', text: texts.what }),
        f.line ? h('span', { class: 'line mono', text: ':' + f.line }) : null,
      ],
    ),
    open ? findingDetail(f, texts) : null,
  ]);
}

function findingDetail(f, texts) {
  const rows = [
    [CSQA.t('rule'), f.rule + (f.ruleTitle ? ' — ' + CSQA.L(f.ruleTitle) : '')],
    [CSQA.t('cwe'), f.cwe ? 'CWE-' + f.cwe : '—'],
    [CSQA.t('confidence'), CSQA.t('conf.' + f.confidence)],
    [CSQA.t('location'), CSQA.place(f.file, f.line)],
    [CSQA.t('method'), f.method || '—'],
    [CSQA.t('fingerprint'), f.id],
  ];
  return h('div', { class: 'finding-detail', 'data-testid': 'finding-detail' }, [
    CSQA.state.lang === 'ru' && !f.texts.ru
      ? h('p', { class: 'muted small', text: CSQA.t('noRussian') })
      : null,
    h('div', { class: 'wwf' }, [
      h('div', { class: 'label', text: CSQA.t('what') }),
      h('p', { text: texts.what }),
      h('div', { class: 'label', text: CSQA.t('why') }),
      h('p', { text: texts.why }),
      h('div', { class: 'label', text: CSQA.t('fix') }),
      h('p', { class: 'fix', text: texts.fix }),
    ]),
    h(
      'table',
      { class: 'kv' },
      h(
        'tbody',
        null,
        rows.map((r) =>
          h('tr', null, [h('th', { text: r[0] }), h('td', { class: 'mono break', text: r[1] })]),
        ),
      ),
    ),
    f.evidence && f.evidence.path.length ? evidence(f.evidence) : null,
    f.snippet && f.snippet.lines.length
      ? snippet(f)
      : h('p', { class: 'muted small', text: CSQA.t('noSnippet') }),
  ]);
}

function evidence(ev) {
  return h('div', { class: 'card-section' }, [
    h('div', { class: 'label', text: CSQA.t('evidence') + (ev.route ? ' · ' + ev.route : '') }),
    h(
      'ol',
      { class: 'path' },
      ev.path.map((step) =>
        h('li', null, [
          h('span', { class: 'mono', text: step.callable }),
          h('span', { class: 'muted small mono', text: '  ' + step.file + ':' + step.line }),
        ]),
      ),
    ),
  ]);
}

function snippet(f) {
  const first = f.snippet.start_line;
  return h(
    'pre',
    { class: 'snippet', 'data-testid': 'snippet' },
    f.snippet.lines.map((line, i) =>
      h('div', { class: 'code-line' + (first + i === f.line ? ' hit' : '') }, [
        h('span', { class: 'ln', text: String(first + i) }),
        h('span', { class: 'code', text: line }),
      ]),
    ),
  );
}

/** Opens the findings tab with a fresh filter: a metric, a text, or one finding expanded (`focus`). */
CSQA.showFindings = function showFindings(filter) {
  state.group = '';
  state.metric = filter.metric || '';
  state.severities = new Set(SEVERITIES);
  state.query = filter.text || '';
  state.page = 0;
  if (filter.focus !== undefined) {
    const f = CSQA.data.findings[filter.focus];
    state.query = f.id;
    state.expanded.add(f.id);
  }
  CSQA.go('findings');
};

function toolbar() {
  const total = {};
  for (const f of CSQA.data.findings) total[f.severity] = (total[f.severity] || 0) + 1;
  const metrics = CSQA.data.metrics.filter((m) => m.findingCount > 0);
  const buttons = (values, current, label, set) =>
    values.map((v) =>
      h('button', {
        class: 'btn small' + (current === v ? ' active' : ''),
        type: 'button',
        'aria-pressed': current === v ? 'true' : 'false',
        'data-testid': 'filter-group-' + (v || 'all'),
        text: v ? label(v) : CSQA.t('all'),
        on: {
          click: () => {
            set(v);
            state.page = 0;
            CSQA.go('findings');
          },
        },
      }),
    );
  return h('div', { class: 'toolbar wrap' }, [
    h('input', {
      type: 'search',
      class: 'search',
      placeholder: CSQA.t('filterFindings'),
      'aria-label': CSQA.t('filterFindings'),
      'data-testid': 'findings-search',
      value: state.query,
      on: {
        input: CSQA.debounce((e) => {
          state.query = e.target.value;
          state.page = 0;
          state.refresh();
        }, 150),
      },
    }),
    h('span', { class: 'label', text: CSQA.t('group') }),
    h(
      'span',
      { class: 'button-group' },
      buttons(
        ['', 'A', 'B', 'C', 'D', 'E', 'F'],
        state.group,
        (v) => v,
        (v) => (state.group = v),
      ),
    ),
    h('span', { class: 'label', text: CSQA.t('metric') }),
    h(
      'select',
      {
        'aria-label': CSQA.t('metric'),
        'data-testid': 'filter-metric',
        on: {
          change: (e) => {
            state.metric = e.target.value;
            state.page = 0;
            state.refresh();
          },
        },
      },
      [h('option', { value: '', text: CSQA.t('all') })].concat(
        metrics.map((m) =>
          h('option', {
            value: m.id,
            selected: state.metric === m.id,
            text: m.id + ' · ' + CSQA.L(m.name) + ' (' + m.findingCount + ')',
          }),
        ),
      ),
    ),
    h('span', { class: 'label', text: CSQA.t('severity') }),
    h(
      'span',
      { class: 'button-group' },
      SEVERITIES.map((s) =>
        h('button', {
          class: 'btn small chip sev-chip-' + s + (state.severities.has(s) ? ' active' : ''),
          type: 'button',
          'aria-pressed': state.severities.has(s) ? 'true' : 'false',
          'data-testid': 'filter-severity-' + s,
          text: CSQA.t('sev.' + s) + ' ' + (total[s] || 0),
          on: {
            click: (e) => {
              if (state.severities.has(s)) state.severities.delete(s);
              else state.severities.add(s);
              e.currentTarget.classList.toggle('active');
              e.currentTarget.setAttribute('aria-pressed', state.severities.has(s) ? 'true' : 'false');
              state.page = 0;
              state.refresh();
            },
          },
        }),
      ),
    ),
  ]);
}

CSQA.views.findings = {
  render(container) {
    const counter = h('span', { class: 'muted', 'data-testid': 'findings-counter' });
    const list = h('div', { class: 'findings-list', 'data-testid': 'findings-list' });
    const pagerTop = h('div');
    const pagerBottom = h('div');
    state.refresh = () => {
      const all = items();
      const pages = Math.max(1, Math.ceil(all.list.length / PAGE_ITEMS));
      state.page = Math.min(state.page, pages - 1);
      const slice = all.list.slice(state.page * PAGE_ITEMS, (state.page + 1) * PAGE_ITEMS);
      counter.textContent = CSQA.t('findingsShown', {
        n: all.shown,
        total: CSQA.data.findings.length,
        files: all.files,
      });
      CSQA.clear(list);
      if (slice.length === 0) list.appendChild(h('p', { class: 'muted empty', text: CSQA.t('noFindings') }));
      slice.forEach((item, i) => {
        if (item.type === 'group') list.appendChild(groupHeader(item, false));
        else {
          // A page that starts inside a file repeats its header, so every row has its file above it.
          if (i === 0)
            list.appendChild(
              groupHeader(
                all.list.find((x) => x.type === 'group' && x.group === item.group),
                true,
              ),
            );
          list.appendChild(findingRow(item.index));
        }
      });
      const onPage = (p) => {
        state.page = p;
        state.refresh();
        list.scrollIntoView({ block: 'start' });
      };
      CSQA.clear(pagerTop);
      CSQA.clear(pagerBottom);
      CSQA.append(pagerTop, CSQA.pager(state.page, pages, onPage, 'findings-pager'));
      CSQA.append(pagerBottom, CSQA.pager(state.page, pages, onPage));
    };
    CSQA.append(container, [
      toolbar(),
      h('div', { class: 'toolbar' }, [
        counter,
        h('span', { class: 'grow' }),
        h('button', {
          class: 'btn small',
          type: 'button',
          'data-testid': 'expand-all',
          text: CSQA.t('expandAll'),
          on: {
            click: () => {
              state.collapsed.clear();
              state.refresh();
            },
          },
        }),
        h('button', {
          class: 'btn small',
          type: 'button',
          'data-testid': 'collapse-all',
          text: CSQA.t('collapseAll'),
          on: {
            click: () => {
              for (const g of CSQA.data.fileGroups) state.collapsed.add(groupKey(g));
              state.refresh();
            },
          },
        }),
      ]),
      pagerTop,
      list,
      pagerBottom,
    ]);
    state.refresh();
  },
};
