import type { FindingKind, Metric, MetricGroup } from '../metrics/types.js';
import type { Localised } from '../report/types.js';

/** The texts of one finding rule, as the metric declares them (templates with `{name}` placeholders). */
export type RuleTexts = FindingKind;

/** What the report needs to know about one metric besides its values: keys, group, weight and texts. */
export interface MetricCatalogueEntry {
  id: string;
  /** Report key of the normalised value (`ASE`, `ECI_avg` …). */
  key: string;
  /** Report key of the raw value, or null when the metric has none. */
  rawKey: string | null;
  group: MetricGroup;
  weight: number;
  name: Localised;
  description: Localised;
  /** Human-readable normalisation rule. */
  normalisation: string;
  rules: RuleTexts[];
}

/** The metric catalogue the renderer and the SARIF writer read texts from, in report order (A1 … F2, M1). */
export type MetricCatalogue = readonly MetricCatalogueEntry[];

/** Builds the catalogue from the metric modules' metadata. */
export function catalogueFromMetrics(metrics: readonly Metric[]): MetricCatalogue {
  return metrics.map(({ meta }) => ({
    id: meta.id,
    key: meta.key,
    rawKey: meta.rawKey,
    group: meta.group,
    weight: meta.weight,
    name: meta.name,
    description: meta.description,
    normalisation: meta.normalisation,
    rules: Object.values(meta.findings).map((kind) => ({
      rule: kind.rule,
      severity: kind.severity,
      cwe: kind.cwe,
      title: kind.title,
      what: kind.what,
      why: kind.why,
      fix: kind.fix,
    })),
  }));
}

/**
 * The report keys of the 15 metrics and M1 (metrics.md §2). They are part of the report format and
 * never renamed, so a report renders with its values even without the metric modules' texts.
 */
const REPORT_KEYS: readonly [id: string, key: string, rawKey: string | null, weight: number][] = [
  ['A1', 'ASE', 'raw_ASE', 0.08],
  ['A2', 'ECI_avg', 'raw_ECI_avg', 0.07],
  ['A3', 'IET_system', null, 0.07],
  ['B1', 'IDS', 'raw_IDS', 0.1],
  ['B2', 'PPI', null, 0.1],
  ['B3', 'MPSP', 'raw_MPSP', 0.05],
  ['B4', 'FSS', 'raw_FSS', 0.05],
  ['C1', 'TPC', 'raw_TPC', 0.08],
  ['C2', 'ETI', null, 0.06],
  ['C3', 'SFA', null, 0.08],
  ['D1', 'PAD', 'raw_PAD', 0.04],
  ['D2', 'TCPD', 'raw_TCPD', 0.06],
  ['E1', 'OSDR', 'raw_score', 0.06],
  ['F1', 'VFCP', null, 0.05],
  ['F2', 'SRP', null, 0.05],
  ['M1', 'nodes', null, 0],
];

/**
 * A catalogue with the report keys only: names are the short keys and descriptions are empty.
 * Used when the caller hands in no catalogue, so rendering never depends on the metric modules loading.
 */
export function keysOnlyCatalogue(): MetricCatalogue {
  return REPORT_KEYS.map(([id, key, rawKey, weight]) => ({
    id,
    key,
    rawKey,
    group: id[0] as MetricGroup,
    weight,
    name: { en: id === 'M1' ? 'Security topology' : key, ru: id === 'M1' ? 'Топология безопасности' : key },
    description: { en: '', ru: '' },
    normalisation: '',
    rules: [],
  }));
}

/**
 * Loads the catalogue from the metric registry (`src/metrics/registry.ts`, export `METRICS`).
 * Imported lazily so that the renderer has no load-time dependency on every metric module; falls back
 * to {@link keysOnlyCatalogue} when the registry cannot be loaded, and says why in `warning`.
 */
export async function loadMetricCatalogue(): Promise<{ catalogue: MetricCatalogue; warning: string | null }> {
  // A variable specifier keeps tsc from resolving the module at compile time: the registry is optional here.
  const specifier = '../metrics/registry.js';
  try {
    const registry = (await import(specifier)) as { METRICS?: readonly Metric[] };
    if (!Array.isArray(registry.METRICS)) {
      return { catalogue: keysOnlyCatalogue(), warning: 'metric registry has no METRICS export' };
    }
    return { catalogue: catalogueFromMetrics(registry.METRICS), warning: null };
  } catch (error) {
    return {
      catalogue: keysOnlyCatalogue(),
      warning: `metric registry not loaded: ${(error as Error).message}`,
    };
  }
}

/** Fills `{name}` placeholders of a rule template from a finding's data; unknown names stay as written. */
export function fillTemplate(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}
