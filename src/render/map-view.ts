import type { Localised, Report } from '../report/types.js';
import { parseCallableId } from './callable-id.js';
import type { MetricCatalogue } from './catalogue.js';
import { entrypointExposure } from './graph-view.js';
import type { FindingView, MapClassView, MapView } from './page-types.js';

/** Measures taken from the model: what a class contributes to the metric, not only its findings. */
const MODEL_MEASURES: Record<string, Localised> = {
  A1: { en: 'A1 · exposure of entrypoints (Σ m)', ru: 'A1 · открытость точек входа (Σ m)' },
  A2: { en: 'A2 · cognitive complexity (Σ)', ru: 'A2 · когнитивная сложность (Σ)' },
  A3: { en: 'A3 · input entropy of entrypoints (Σ)', ru: 'A3 · энтропия входов (Σ)' },
  B4: { en: 'B4 · fail-open catch blocks', ru: 'B4 · небезопасные блоки catch' },
  C2: { en: 'C2 · handlers leaking error detail', ru: 'C2 · обработчики, раскрывающие ошибки' },
};

/** Facts every report has, independent of a metric. */
const FACT_MEASURES: { id: string; label: Localised }[] = [
  { id: 'findings', label: { en: 'All findings', ru: 'Все находки' } },
  { id: 'entrypoints', label: { en: 'Entrypoints', ru: 'Точки входа' } },
  {
    id: 'unprotected',
    label: { en: 'Entrypoints without authentication', ru: 'Точки входа без аутентификации' },
  },
  { id: 'sinks', label: { en: 'Sink call sites', ru: 'Вызовы приёмников' } },
  { id: 'catches', label: { en: 'Catch blocks and handlers', ru: 'Блоки catch и обработчики' } },
];

/** Package and top-level class of a repo-relative Java path, for findings that name no callable. */
function classOfPath(file: string): { pkg: string; cls: string } {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
  const javaRoot = dir.lastIndexOf('/java/');
  const pkg =
    javaRoot >= 0
      ? dir.slice(javaRoot + 6).replace(/\//g, '.')
      : dir.startsWith('java/')
        ? dir.slice(5)
        : dir;
  return { pkg, cls: base };
}

/**
 * Package and class map: for every top-level class, the value of each measure — per metric its
 * contribution (A1 exposure, A2 complexity, A3 entropy, B4 fail-open catches, C2 leaking handlers, else the
 * metric's findings located there) and plain facts (findings, entrypoints, unprotected ones, sinks, catches).
 */
export function buildMapView(
  report: Report,
  findings: readonly FindingView[],
  catalogue: MetricCatalogue,
): MapView {
  const classes = new Map<string, { pkg: string; view: MapClassView }>();
  const fileClass = new Map<string, string>();
  const at = (pkg: string, cls: string, file: string | null): MapClassView => {
    const key = `${pkg}\u0000${cls}`;
    let entry = classes.get(key);
    if (!entry) {
      entry = { pkg, view: { name: cls, file, callables: 0, values: {} } };
      classes.set(key, entry);
    }
    if (!entry.view.file && file) entry.view.file = file;
    return entry.view;
  };
  const ofCallable = (id: string, file: string | null) => {
    const name = parseCallableId(id);
    const top = name.className.split('.')[0] ?? name.className;
    if (file && !fileClass.has(file)) fileClass.set(file, `${name.package}\u0000${top}`);
    return at(name.package, top, file);
  };
  const add = (view: MapClassView, measure: string, value: number) => {
    if (value === 0) return;
    view.values[measure] = Math.round(((view.values[measure] ?? 0) + value) * 1000) / 1000;
  };

  for (const callable of report.model.callables) {
    const view = ofCallable(callable.id, callable.file);
    view.callables += 1;
    add(view, 'A2', callable.complexity);
  }
  for (const entry of report.model.entrypoints) {
    const view = ofCallable(entry.callable, entry.file);
    add(view, 'entrypoints', 1);
    if (entry.auth !== 'authenticated') add(view, 'unprotected', 1);
    add(view, 'A1', entrypointExposure(entry));
    add(view, 'A3', entry.input_entropy);
  }
  for (const sink of report.model.sinks) add(ofCallable(sink.callable, sink.file), 'sinks', 1);
  for (const handler of report.model.catches) {
    const view = ofCallable(handler.callable, handler.file);
    add(view, 'catches', 1);
    if (handler.classification === 'fail-open') add(view, 'B4', 1);
    else if (handler.classification === 'ambiguous') add(view, 'B4', 0.5);
    if (handler.leaks) add(view, 'C2', 1);
  }
  for (const finding of findings) {
    let view: MapClassView;
    if (finding.method) view = ofCallable(finding.method, finding.file);
    else if (finding.file && fileClass.has(finding.file)) {
      const [pkg, cls] = fileClass.get(finding.file)!.split('\u0000') as [string, string];
      view = at(pkg, cls, finding.file);
    } else if (finding.file) {
      const { pkg, cls } = classOfPath(finding.file);
      view = at(pkg, cls, finding.file);
    } else view = at('(repository)', '(repository)', null);
    add(view, 'findings', 1);
    if (!MODEL_MEASURES[finding.metric]) add(view, finding.metric, 1);
  }

  const packages = new Map<string, MapClassView[]>();
  for (const { pkg, view } of classes.values()) {
    const list = packages.get(pkg);
    if (list) list.push(view);
    else packages.set(pkg, [view]);
  }
  const metricMeasures = catalogue
    .filter((entry) => entry.id !== 'M1')
    .map((entry) => ({
      id: entry.id,
      metric: entry.id,
      label: MODEL_MEASURES[entry.id] ?? {
        en: `${entry.id} · ${entry.name.en} — findings`,
        ru: `${entry.id} · ${entry.name.ru} — находки`,
      },
    }));
  return {
    measures: [...FACT_MEASURES.map((m) => ({ ...m, metric: null })), ...metricMeasures],
    packages: [...packages]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, list]) => ({ name, classes: list.sort((a, b) => (a.name < b.name ? -1 : 1)) })),
  };
}
