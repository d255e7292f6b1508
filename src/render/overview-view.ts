import type { Localised, MetricBlock, Report } from '../report/types.js';
import type { MetricCatalogue, MetricCatalogueEntry } from './catalogue.js';
import { parseCallableId } from './callable-id.js';
import { GROUP_NAMES, IMPROVE } from './guidance.js';
import type { FindingView, GroupView, MetricCardView } from './page-types.js';

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Facts of the model that explain a metric's value, for the metrics whose inputs the model carries. */
function modelDrivers(report: Report, id: string, block: MetricBlock | undefined): Localised[] {
  const { entrypoints, catches, callables } = report.model;
  switch (id) {
    case 'A1':
    case 'A3': {
      if (entrypoints.length === 0) return [{ en: 'No entrypoints.', ru: 'Нет точек входа.' }];
      const open = entrypoints.filter((e) => e.auth !== 'authenticated').length;
      const unvalidated = entrypoints.filter((e) => !e.validated).length;
      const levels = [...countBy(entrypoints, (e) => e.input_level ?? 'none')]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([level, n]) => `${level} ${n}`)
        .join(', ');
      return id === 'A1'
        ? [
            {
              en: `${entrypoints.length} entrypoints: ${open} not authenticated, ${unvalidated} not validated.`,
              ru: `${entrypoints.length} точек входа: ${open} без аутентификации, ${unvalidated} без валидации.`,
            },
          ]
        : [{ en: `Input levels: ${levels}.`, ru: `Уровни входных данных: ${levels}.` }];
    }
    case 'A2': {
      const top = [...callables]
        .sort((a, b) => b.complexity - a.complexity || (a.id < b.id ? -1 : 1))
        .slice(0, 3);
      if (top.length === 0) return [];
      const list = top.map((c) => `${parseCallableId(c.id).label} (${c.complexity})`).join(', ');
      return [{ en: `Most complex callables: ${list}.`, ru: `Самые сложные методы: ${list}.` }];
    }
    case 'B2': {
      const distance = numberOrNull(block?.min_distance);
      return distance === null
        ? []
        : [
            {
              en: `${distance} hop(s) from an entrypoint without authentication to a privileged sink.`,
              ru: `${distance} переход(ов) от точки входа без аутентификации до привилегированного приёмника.`,
            },
          ];
    }
    case 'B4': {
      const clauses = catches.filter((c) => c.kind === 'catch');
      if (clauses.length === 0) return [];
      const by = countBy(clauses, (c) => c.classification ?? 'unclassified');
      const get = (k: string) => by.get(k) ?? 0;
      return [
        {
          en: `${clauses.length} catch blocks: ${get('fail-closed')} fail closed, ${get('fail-open')} fail open, ${get('ambiguous')} ambiguous.`,
          ru: `${clauses.length} блоков catch: ${get('fail-closed')} безопасных, ${get('fail-open')} небезопасных, ${get('ambiguous')} неоднозначных.`,
        },
      ];
    }
    case 'C2': {
      if (catches.length === 0) return [];
      const leaking = catches.filter((c) => c.leaks).length;
      return [
        {
          en: `${leaking} of ${catches.length} catch blocks and error handlers expose exception detail.`,
          ru: `${leaking} из ${catches.length} блоков catch и обработчиков раскрывают детали исключений.`,
        },
      ];
    }
    default:
      return [];
  }
}

/** Findings of a metric summarised: counts by severity and the worst place. */
function findingDrivers(findings: readonly FindingView[]): Localised[] {
  if (findings.length === 0) return [];
  const bySeverity = countBy(findings, (f) => f.severity);
  const counts = ['critical', 'high', 'medium', 'low']
    .filter((s) => bySeverity.has(s))
    .map((s) => `${s} ${bySeverity.get(s)}`)
    .join(', ');
  const worst = findings[0]!;
  const place = worst.file ? ` (${worst.file}${worst.line ? `:${worst.line}` : ''})` : '';
  return [
    { en: `Findings: ${findings.length} (${counts}).`, ru: `Находки: ${findings.length} (${counts}).` },
    {
      en: `Worst: ${worst.texts.en.what}${place}`,
      ru: `Худшая: ${(worst.texts.ru ?? worst.texts.en).what}${place}`,
    },
  ];
}

/** One card per metric of the catalogue (M1 excluded: it is the graph, shown on its own tab). */
export function buildMetricCards(
  report: Report,
  catalogue: MetricCatalogue,
  findings: readonly FindingView[],
): MetricCardView[] {
  return catalogue
    .filter((entry) => entry.id !== 'M1')
    .map((entry: MetricCatalogueEntry) => {
      const block = report.metrics[entry.id] as MetricBlock | undefined;
      const own = findings.filter((f) => f.metric === entry.id);
      const value = numberOrNull(block?.[entry.key]);
      return {
        id: entry.id,
        key: entry.key,
        rawKey: entry.rawKey,
        group: entry.group,
        weight: entry.weight,
        name: entry.name,
        description: entry.description,
        normalisation: entry.normalisation,
        status: block ? block.status : 'missing',
        reason: typeof block?.reason === 'string' ? block.reason : null,
        value,
        raw: entry.rawKey ? numberOrNull(block?.[entry.rawKey]) : value,
        notes: Array.isArray(block?.notes) ? block.notes.map(String) : [],
        drivers:
          block?.status === 'ok' ? [...modelDrivers(report, entry.id, block), ...findingDrivers(own)] : [],
        improve: IMPROVE[entry.id] ?? { en: '', ru: '' },
        findingCount: own.length,
      };
    });
}

/** Group scores: the mean of the available normalised values of each group's metrics, clamped to [0, 1]. */
export function buildGroups(cards: readonly MetricCardView[]): GroupView[] {
  return Object.entries(GROUP_NAMES).map(([id, name]) => {
    const members = cards.filter((card) => card.group === id);
    const values = members
      .filter((card) => card.status === 'ok' && card.value !== null)
      .map((card) => Math.min(1, Math.max(0, card.value!)));
    return {
      id,
      name,
      score: values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null,
      metrics: members.map((card) => card.id),
    };
  });
}
