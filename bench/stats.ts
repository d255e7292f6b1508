/** Summary statistics of a bench series: median, min and max. */

/** Median, smallest and largest of a series of samples. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median (mean of the two middle values for an even count), min and max; NaN for no samples. */
export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

/** Rounds to `digits` decimals (keeps the JSON output short and stable). */
export function round(x: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}

/** A spread with every figure rounded. */
export function roundSpread(s: Spread, digits = 3): Spread {
  return { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits) };
}
