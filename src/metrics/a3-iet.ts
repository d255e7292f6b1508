/**
 * A3 — Input Entropy (IET): how open the data is that entrypoints accept, weighted by the
 * kind of entrypoint (metrics.md §2 A3; the original's algorithm in reference §3.3, with the
 * minimal level the original lacked and levels from the parameter types, metrics.md §1.8).
 *
 * Rule implemented:
 * - Per entrypoint that is not `denied`: weight w = 1.0 for http, ws, rpc; 0.8 for mq; 0.5 for
 *   job. Entropy e from the most open client-data parameter: minimal 0.1, low 0.2, medium 0.5,
 *   high 0.8, very high 1.0, × 0.7 when the entrypoint is validated; e = 0.1 when it has no
 *   client-data parameter (nothing to validate, so no factor).
 * - IET = Σ(e·w) / Σw; 0 when no entrypoint counts (status ok). A `denied` entrypoint takes no
 *   input from anyone and is left out, as in A1.
 * - Findings: e ≥ 0.9 → high, e ≥ 0.7 → medium (`A3.high-entropy-input`, the original's
 *   thresholds): very high unvalidated (1.0) is high; very high validated (0.7) and high
 *   unvalidated (0.8) are medium.
 * - Details: `entrypoints` (counted), `sample` (the first 50: method, type, input_level,
 *   validated, entropy, weight).
 */

import type { Entrypoint, EntrypointKind, InputLevel } from '../security/types.js';
import { identity } from './normalise.js';
import { shortCallableName } from './a1-ase.js';
import type { FindingDraft, FindingLocation, Metric, MetricInput, MetricOutcome } from './types.js';

/** Weight of an entrypoint kind in the mean (metrics.md §2 A3; the original's http 1.0, mq 0.8, job 0.5). */
export const KIND_WEIGHT: Record<EntrypointKind, number> = { http: 1, ws: 1, rpc: 1, mq: 0.8, job: 0.5 };

/** Entropy of an input level (metrics.md §2 A3; low … very high are the original's, reference §3.3). */
export const LEVEL_ENTROPY: Record<InputLevel, number> = {
  minimal: 0.1,
  low: 0.2,
  medium: 0.5,
  high: 0.8,
  very_high: 1,
};

/** Entropy of an entrypoint without client-data parameters (metrics.md §2 A3). */
export const NO_CLIENT_DATA_ENTROPY = 0.1;

/** Factor applied to the entropy of a validated entrypoint (metrics.md §2 A3; the original's 0.7). */
export const VALIDATED_FACTOR = 0.7;

/** Finding thresholds on e (the original's, reference §3.3). */
const HIGH_AT = 0.9;
const MEDIUM_AT = 0.7;

/** Entries in `sample` (the original's first 50). */
const SAMPLE_SIZE = 50;

/** Entropy e of one entrypoint in [0.07, 1]; see the module comment for the rule. */
export function inputEntropy(ep: Entrypoint): number {
  if (ep.inputLevel === null) return NO_CLIENT_DATA_ENTROPY;
  const e = LEVEL_ENTROPY[ep.inputLevel];
  return ep.validated ? e * VALIDATED_FACTOR : e;
}

function compute(input: MetricInput): MetricOutcome {
  const { security, model } = input;
  let weighted = 0;
  let weights = 0;
  let counted = 0;
  const sample: Record<string, unknown>[] = [];
  const findings: FindingDraft[] = [];
  for (const ep of security.entrypoints) {
    if (ep.auth === 'denied') continue;
    const e = inputEntropy(ep);
    const w = KIND_WEIGHT[ep.kind];
    weighted += e * w;
    weights += w;
    counted++;
    if (sample.length < SAMPLE_SIZE) {
      sample.push({
        method: ep.callableId,
        type: ep.kind,
        input_level: ep.inputLevel,
        validated: ep.validated,
        entropy: round4(e),
        weight: w,
      });
    }
    if (e < MEDIUM_AT) continue;
    const callable = model.callables.get(ep.callableId);
    const location: FindingLocation = callable
      ? { file: callable.file, span: callable.span, method: callable.id }
      : {
          file: ep.file,
          span: { startLine: ep.line, startColumn: 1, endLine: ep.line, endColumn: 1 },
          method: ep.callableId,
        };
    const widest = ep.clientParameters.find((p) => p.level === ep.inputLevel);
    findings.push({
      kind: 'high-entropy-input',
      location,
      severity: e >= HIGH_AT ? 'high' : 'medium',
      confidence: callable?.lowConfidence ? 'low' : 'high',
      data: {
        entrypoint: shortCallableName(ep.callableId),
        kind: ep.kind,
        entropy: round2(e),
        input_level: ep.inputLevel ?? 'none',
        parameter: widest ? `${widest.name}: ${widest.type}` : '',
        validated: ep.validated ? 1 : 0,
      },
    });
  }
  const raw = weights > 0 ? weighted / weights : 0;
  return {
    status: 'ok',
    raw,
    details: { entrypoints: counted, sample },
    findings,
    notes: [],
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A3 — Input Entropy; report key `IET_system`, already in [0, 1]. */
export const a3Iet: Metric = {
  meta: {
    id: 'A3',
    key: 'IET_system',
    rawKey: null,
    group: 'A',
    weight: 0.07,
    normalise: identity,
    normalisation: identity.text,
    needsJava: true,
    name: { en: 'Input Entropy', ru: 'Энтропия входных данных' },
    description: {
      en:
        'Weighted mean over entrypoints of the entropy of the data they accept: 0.1 for enums, booleans and bounded ' +
        'numbers or no client data, 0.2 for numbers, identifiers, dates and constrained DTOs, 0.5 for strings, 0.8 ' +
        'for untyped data (Object, Map, JSON trees, raw requests), 1.0 for binary data and streams; validated ' +
        'entrypoints count 0.7 of that. HTTP, WebSocket and RPC entrypoints weigh 1.0, message listeners 0.8, ' +
        'scheduled jobs 0.5.',
      ru:
        'Взвешенное среднее по точкам входа энтропии принимаемых данных: 0,1 для перечислений, булевых и ' +
        'ограниченных чисел или отсутствия данных клиента, 0,2 для чисел, идентификаторов, дат и DTO с ограничениями, ' +
        '0,5 для строк, 0,8 для нетипизированных данных (Object, Map, JSON-деревья, сырой запрос), 1,0 для двоичных ' +
        'данных и потоков; для точек входа с валидацией берётся 0,7 от этого. Вес HTTP, WebSocket и RPC — 1,0, ' +
        'обработчиков сообщений — 0,8, заданий по расписанию — 0,5.',
    },
    findings: {
      'high-entropy-input': {
        rule: 'A3.high-entropy-input',
        severity: 'medium',
        cwe: null,
        title: {
          en: 'Entrypoint accepts high-entropy data',
          ru: 'Точка входа принимает данные высокой энтропии',
        },
        what: {
          en: 'The {kind} entrypoint {entrypoint} accepts {input_level} input ({parameter}); entropy {entropy}.',
          ru: 'Точка входа {kind} {entrypoint} принимает данные уровня {input_level} ({parameter}); энтропия {entropy}.',
        },
        why: {
          en: 'Untyped and binary input can carry anything — nested structures, gadgets for deserialisation, oversized payloads — and is hard to validate completely.',
          ru: 'Нетипизированные и двоичные данные могут содержать что угодно — вложенные структуры, гаджеты для десериализации, слишком большие объёмы — и их трудно полностью проверить.',
        },
        fix: {
          en: 'Bind the input to a typed DTO with Bean Validation constraints, limit its size, and validate it (@Valid) before use.',
          ru: 'Привяжите входные данные к типизированному DTO с ограничениями Bean Validation, ограничьте размер и проверяйте их (@Valid) до использования.',
        },
      },
    },
  },
  compute,
};
