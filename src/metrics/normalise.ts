/**
 * Normalisation of raw metric values to [0, 1], 0 = safe, 1 = critical (metrics.md §2,
 * "normalisation" column; the original's §4.1). The registry applies them; a metric never does.
 *
 * Each normaliser is a function with its rule as text, so a metric's meta can say
 * `normalise: linearCap(10), normalisation: linearCap(10).text` and the docs quote the same rule.
 */

/** A normalisation function with the human-readable rule it applies. */
export type Normaliser = ((raw: number) => number) & {
  /** The rule as a formula, e.g. `min(1, raw / 10)`. */
  readonly text: string;
};

function normaliser(text: string, apply: (raw: number) => number): Normaliser {
  return Object.assign((raw: number) => apply(raw), { text });
}

/**
 * Logarithmic cap: `min(1, log2(1 + max(0, raw)) / log2(1 + cap))`. A1 uses `logCap(1000)`
 * (metrics.md §2 A1; original §4.1), so 1000 exposure units or more score 1.
 */
export function logCap(cap: number): Normaliser {
  return normaliser(`min(1, log2(1 + max(0, raw)) / log2(${1 + cap}))`, (raw) =>
    Math.min(1, Math.log2(1 + Math.max(0, raw)) / Math.log2(1 + cap)),
  );
}

/**
 * Linear cap: `min(1, raw / cap)`. A2 (cap 30), C1 and D2 (cap 10), D1 (cap 4), E1 (cap 50)
 * (metrics.md §2).
 */
export function linearCap(cap: number): Normaliser {
  return normaliser(`min(1, raw / ${cap})`, (raw) => Math.min(1, raw / cap));
}

/** Complement: `1 − raw`, for ratios where 1 is the safe end (B1, B3, B4; metrics.md §2). */
export const complement: Normaliser = normaliser('1 − raw', (raw) => 1 - raw);

/** Identity: the raw value is already a [0, 1] score with 0 = safe (A3, B2, C2, C3, F1, F2). */
export const identity: Normaliser = normaliser('none (the raw value is the score)', (raw) => raw);
