/**
 * The aggregate risk score (metrics.md §2 "Availability"; the original's §4.2): the weighted
 * mean of the available metrics' normalised values, with the weights renormalised over them.
 */
import type { Aggregate } from '../report/types.js';

/** One weighted metric as the aggregate sees it, in registry order. */
export interface AggregateComponent {
  id: string;
  /** Weight from metrics.md §2; metrics with weight 0 (M1) are not part of the aggregate. */
  weight: number;
  status: 'ok' | 'not_available';
  /** Normalised value in [0, 1], null when the metric has none. */
  value: number | null;
}

/** Risk band of a score (metrics.md §2): low < 0.2 ≤ moderate < 0.4 ≤ high < 0.6 ≤ critical. */
export function riskBand(score: number): NonNullable<Aggregate['band']> {
  if (score < 0.2) return 'low';
  if (score < 0.4) return 'moderate';
  if (score < 0.6) return 'high';
  return 'critical';
}

/** Rounds a reported value to 4 decimals (the report's precision for scores). */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Weighted mean over the components that are `ok` with a value: `Σ wᵢ·vᵢ / Σ wᵢ`.
 *
 * - `score` and `components` are rounded to 4 decimals; the mean is taken over the unrounded
 *   values and the band is decided on the rounded score, so the band matches the number shown.
 * - Notes, as the original's (in English): `Excluded (unavailable): A1, B4.` listing weighted
 *   metrics left out, in registry order; `No metrics available for aggregation.` when none is
 *   left, and then `score` and `band` are null.
 */
export function aggregateScore(components: readonly AggregateComponent[]): Aggregate {
  const weighted = components.filter((c) => c.weight > 0);
  const available = weighted.filter(
    (c): c is AggregateComponent & { value: number } => c.status === 'ok' && c.value !== null,
  );
  const excluded = weighted.filter((c) => c.status !== 'ok' || c.value === null);
  const notes: string[] = [];
  let score: number | null = null;
  if (available.length === 0) {
    notes.push('No metrics available for aggregation.');
  } else {
    const totalWeight = available.reduce((sum, c) => sum + c.weight, 0);
    score = round4(available.reduce((sum, c) => sum + c.weight * c.value, 0) / totalWeight);
  }
  if (excluded.length > 0) notes.push(`Excluded (unavailable): ${excluded.map((c) => c.id).join(', ')}.`);
  return {
    score,
    band: score === null ? null : riskBand(score),
    components: Object.fromEntries(available.map((c) => [c.id, round4(c.value)])),
    available: available.length,
    notes,
  };
}
