/* global CSQA, document, navigator, setTimeout, clearTimeout */
// The page's shared helpers. Every client file runs in its own function scope and shares only the `CSQA`
// namespace (see assets.ts). Elements are built with createElement and textContent, never from HTML strings,
// so nothing from the analysed repository can become markup or script.

CSQA.data = JSON.parse(document.getElementById('csqa-data').textContent);

CSQA.views = {};

CSQA.state = {
  lang: /^ru\b/i.test(navigator.language || '') ? 'ru' : 'en',
  tab: 'overview',
};

/** UI text for `key` in the current language, `{name}` placeholders filled from `params`. */
CSQA.t = function t(key, params) {
  const table = CSQA.strings[CSQA.state.lang] || CSQA.strings.en;
  let text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : CSQA.strings.en[key];
  if (text === undefined) text = key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, function fill(whole, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }
  return text;
};

/** The current language's text of a `{en, ru}` pair from the data; English when the other is empty. */
CSQA.L = function L(localised) {
  if (!localised) return '';
  return localised[CSQA.state.lang] || localised.en || '';
};

const SAFE_ATTRIBUTES = new Set([
  'class',
  'title',
  'type',
  'placeholder',
  'role',
  'tabindex',
  'value',
  'for',
  'id',
  'colspan',
  'aria-label',
  'aria-expanded',
  'aria-pressed',
  'aria-selected',
  'aria-controls',
  'aria-live',
  'data-testid',
  'data-id',
  'data-tab',
]);

/**
 * Creates an element. `props`: attributes from a fixed allow-list, `text` (textContent), `on` (event
 * listeners), `checked`, `disabled`, `selected`. `children`: nodes, strings (text nodes) or nested arrays;
 * null and false are skipped.
 */
CSQA.h = function h(tag, props, children) {
  const el = document.createElement(tag);
  const p = props || {};
  for (const name of Object.keys(p)) {
    const value = p[name];
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') el.textContent = String(value);
    else if (name === 'on') for (const event of Object.keys(value)) el.addEventListener(event, value[event]);
    else if (name === 'checked' || name === 'disabled' || name === 'selected') el[name] = Boolean(value);
    else if (SAFE_ATTRIBUTES.has(name)) el.setAttribute(name, String(value));
    else throw new Error('attribute not allowed: ' + name);
  }
  CSQA.append(el, children);
  return el;
};

/** Appends children (see `h`) to an element. */
CSQA.append = function append(el, children) {
  if (children === null || children === undefined || children === false) return el;
  if (Array.isArray(children)) {
    for (const child of children) CSQA.append(el, child);
  } else if (typeof children === 'string' || typeof children === 'number') {
    el.appendChild(document.createTextNode(String(children)));
  } else {
    el.appendChild(children);
  }
  return el;
};

/** Removes every child of an element. */
CSQA.clear = function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
};

/** Risk band of a normalised value, with the aggregate's thresholds (metrics.md §2). */
CSQA.band = function band(value) {
  if (value === null || value === undefined) return 'none';
  if (value < 0.2) return 'low';
  if (value < 0.4) return 'moderate';
  if (value < 0.6) return 'high';
  return 'critical';
};

/** Colour of a risk band, shared by the radar, the cards and the graph overlay. */
CSQA.bandColour = function bandColour(bandName) {
  return { low: '#34d399', moderate: '#fbbf24', high: '#fb923c', critical: '#f87171' }[bandName] || '#6b6b6b';
};

/** A value in [0, 1] as a percentage, or "n/a". */
CSQA.pct = function pct(value, digits) {
  if (value === null || value === undefined) return CSQA.t('na');
  return (value * 100).toFixed(digits === undefined ? 0 : digits) + '%';
};

/** A number with up to three decimals, or "n/a". */
CSQA.num = function num(value) {
  if (value === null || value === undefined) return CSQA.t('na');
  return String(Math.round(value * 1000) / 1000);
};

/** `file:line`, or the file alone. */
CSQA.place = function place(file, line) {
  if (!file) return CSQA.t('repositoryLevel');
  return line ? file + ':' + line : file;
};

/** Colour of a value on a green → yellow → red scale, `t` in [0, 1]. */
CSQA.heat = function heat(t) {
  const clamp = Math.max(0, Math.min(1, t));
  const stops = [
    [52, 211, 153],
    [251, 191, 36],
    [248, 113, 113],
  ];
  const scaled = clamp * 2;
  const i = Math.min(1, Math.floor(scaled));
  const f = scaled - i;
  const a = stops[i];
  const b = stops[i + 1];
  const mix = function mix(k) {
    return Math.round(a[k] + (b[k] - a[k]) * f);
  };
  return 'rgb(' + mix(0) + ',' + mix(1) + ',' + mix(2) + ')';
};

/** A small pager: "‹ page n / m ›". `onPage(n)` is called with the new 0-based page. */
CSQA.pager = function pager(page, pages, onPage, testid) {
  if (pages <= 1) return null;
  return CSQA.h('div', { class: 'pager', 'data-testid': testid || null }, [
    CSQA.h('button', {
      class: 'btn',
      type: 'button',
      disabled: page <= 0,
      text: '‹ ' + CSQA.t('prev'),
      on: { click: () => onPage(page - 1) },
    }),
    CSQA.h('span', { class: 'muted', text: CSQA.t('pageOf', { page: page + 1, pages: pages }) }),
    CSQA.h('button', {
      class: 'btn',
      type: 'button',
      disabled: page >= pages - 1,
      text: CSQA.t('next') + ' ›',
      on: { click: () => onPage(page + 1) },
    }),
  ]);
};

/** Calls `fn` once input has paused for `ms` milliseconds. */
CSQA.debounce = function debounce(fn, ms) {
  let timer = null;
  return function debounced() {
    const args = arguments;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(function run() {
      timer = null;
      fn.apply(null, args);
    }, ms);
  };
};
