/* global CSQA, document, window, location */
// The page shell: header with the repository, tabs and the language switch; the current view below.

const TABS = ['overview', 'maps', 'graph', 'entrypoints', 'findings', 'about'];

const header = CSQA.h('header', { class: 'topbar' });
const view = CSQA.h('main', { class: 'view', id: 'view', tabindex: '-1' });

function renderHeader() {
  const meta = CSQA.data.meta;
  const commit = meta.git_head ? meta.git_head.slice(0, 10) : CSQA.t('na');
  CSQA.clear(header);
  CSQA.append(header, [
    CSQA.h('div', { class: 'brand' }, [
      CSQA.h('span', { class: 'brand-mark', text: 'CSQA' }),
      CSQA.h('span', { class: 'brand-title', text: CSQA.t('title') }),
    ]),
    CSQA.h('div', { class: 'repo', 'data-testid': 'repo' }, [
      CSQA.h('span', { class: 'repo-name', title: meta.repo_url, text: meta.repo_name }),
      CSQA.h('span', { class: 'muted', text: (meta.git_branch || meta.ref || '') + ' @ ' + commit }),
    ]),
    CSQA.h(
      'nav',
      { class: 'tabs', role: 'tablist', 'aria-label': CSQA.t('views') },
      TABS.map((tab) =>
        CSQA.h('button', {
          class: 'tab' + (CSQA.state.tab === tab ? ' active' : ''),
          type: 'button',
          role: 'tab',
          'aria-selected': CSQA.state.tab === tab ? 'true' : 'false',
          'data-tab': tab,
          text: CSQA.t('tab.' + tab),
          on: { click: () => CSQA.go(tab) },
        }),
      ),
    ),
    CSQA.h(
      'div',
      { class: 'lang', role: 'group', 'aria-label': CSQA.t('language') },
      ['en', 'ru'].map((lang) =>
        CSQA.h('button', {
          class: 'btn small' + (CSQA.state.lang === lang ? ' active' : ''),
          type: 'button',
          'aria-pressed': CSQA.state.lang === lang ? 'true' : 'false',
          'data-testid': 'lang-' + lang,
          text: lang.toUpperCase(),
          on: { click: () => CSQA.setLanguage(lang) },
        }),
      ),
    ),
  ]);
}

function renderView() {
  CSQA.clear(view);
  CSQA.views[CSQA.state.tab].render(view);
}

/** Shows a tab (and records it in the URL fragment, so a reload or a shared link opens it again). */
CSQA.go = function go(tab) {
  if (TABS.indexOf(tab) < 0) tab = 'overview';
  CSQA.state.tab = tab;
  if (location.hash !== '#' + tab) location.hash = tab;
  renderHeader();
  renderView();
  window.scrollTo(0, 0);
};

/** Switches the language of every text on the page. */
CSQA.setLanguage = function setLanguage(lang) {
  CSQA.state.lang = lang;
  document.documentElement.setAttribute('lang', lang);
  document.title = CSQA.t('pageTitle', { repo: CSQA.data.meta.repo_name });
  renderHeader();
  renderView();
};

window.addEventListener('hashchange', function onHash() {
  const tab = location.hash.slice(1);
  if (tab !== CSQA.state.tab && TABS.indexOf(tab) >= 0) CSQA.go(tab);
});

const root = document.getElementById('app');
CSQA.clear(root);
root.appendChild(header);
root.appendChild(view);
CSQA.state.tab = TABS.indexOf(location.hash.slice(1)) >= 0 ? location.hash.slice(1) : 'overview';
CSQA.setLanguage(CSQA.state.lang);
