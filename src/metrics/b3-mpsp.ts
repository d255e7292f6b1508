/**
 * B3 — Multi-Path Security Parity (metrics.md §2 B3; original §3.6): whether every path to an
 * operation is protected alike, comparing the weakest and the strongest path to each sink.
 *
 * - Traversal: BFS over (callable, 3-bit mask of authn, authz, validation) states.
 * - Findings: each sink with parity below 0.5 (`B3.inconsistent-path-protection`, CWE-288;
 *   high below 0.3, else medium), at most 20, on the sink call; the evidence is the weakest
 *   path, and `data.best_path` / `data.best_route` hold the strongest one.
 * - Details: `MPSP_system` (= raw), `sinks_reached`, `sinks_compared` (max > 0),
 *   `worst_operation` (operation, min_score, max_score, ratio) or null.
 */
import { countBits, pathTo, searchStates, unionOfBits } from '../graph/paths.js';
import { round4 } from './aggregate.js';
import { complement } from './normalise.js';
import {
  MAX_PATH_FINDINGS,
  entrypointBits,
  entrypointOf,
  layerBit,
  layerList,
  omittedNote,
  pathConfidence,
  pathEvidence,
  pathFacts,
  routeOf,
  sinkCallLocation,
} from './path-facts.js';
import type { FindingDraft, Metric } from './types.js';

/** The three controls parity compares (original §2.13 `mask3`): authn, authz, validation. */
const PARITY_MASK = layerBit('authn') | layerBit('authz') | layerBit('validation');
const PARITY_BITS = 3;

/** Ratios below these are reported (original §3.6): medium below 0.5, high below 0.3. */
const REPORT_BELOW = 0.5;
const HIGH_BELOW = 0.3;

/** The weakest and strongest path found to one sink (first examined state of each extreme). */
interface SinkParity {
  sink: number;
  weakest: number;
  strongest: number;
  min: number;
  max: number;
}

export const b3Mpsp: Metric = {
  meta: {
    id: 'B3',
    key: 'MPSP',
    rawKey: 'raw_MPSP',
    group: 'B',
    weight: 0.05,
    name: { en: 'Multi-Path Security Parity', ru: 'Равномерность защиты путей' },
    description: {
      en:
        'For every sink, the count of {authentication, authorisation, validation} on its least and its most ' +
        'protected path from an entrypoint; parity = min / max. The system value is the lowest parity over the ' +
        'sinks with max > 0 (1 when there is none), and the score is 1 − parity. A sink reached only by ' +
        'unprotected paths counts as consistent on purpose: B3 measures inconsistency, B1 and B2 absence.',
      ru:
        'Для каждого приёмника — число мер {аутентификация, авторизация, валидация} на наименее и наиболее ' +
        'защищённом пути к нему от точки входа; паритет = min / max. Системное значение — наименьший паритет ' +
        'среди приёмников с max > 0 (1, если таких нет), оценка — 1 − паритет. Приёмник, достижимый только ' +
        'незащищёнными путями, намеренно считается согласованным: B3 измеряет несогласованность, B1 и B2 — отсутствие защиты.',
    },
    normalise: complement,
    normalisation: `${complement.text}, raw = lowest min/max control count over sinks`,
    needsJava: true,
    findings: {
      'inconsistent-path-protection': {
        rule: 'B3.inconsistent-path-protection',
        severity: 'medium',
        cwe: 288,
        title: {
          en: 'Operation protected unevenly on different paths',
          ru: 'Операция защищена неравномерно на разных путях',
        },
        what: {
          en: 'The {category} operation {api} in {sink} is reached with {min_score}/3 controls ({worst_layers}) from {entrypoint} but with {max_score}/3 ({best_layers}) from {best_entrypoint} (parity {ratio}).',
          ru: 'До операции {category} {api} в {sink} можно дойти с {min_score}/3 мерами защиты ({worst_layers}) от {entrypoint}, но с {max_score}/3 ({best_layers}) от {best_entrypoint} (паритет {ratio}).',
        },
        why: {
          en: 'The stronger path shows the operation is meant to be protected; the weaker path is an alternate route around those checks.',
          ru: 'Более защищённый путь показывает, что операцию задумано защищать; более слабый путь — обходной маршрут мимо этих проверок.',
        },
        fix: {
          en: 'Put the checks on the operation itself (method security and validation on {sink} or its service), or give {entrypoint} the same authentication, authorisation and validation as {best_entrypoint}.',
          ru: 'Перенесите проверки в саму операцию (защита метода и валидация в {sink} или его сервисе) или обеспечьте {entrypoint} ту же аутентификацию, авторизацию и валидацию, что и у {best_entrypoint}.',
        },
      },
    },
  },

  compute(input) {
    const facts = pathFacts(input);
    const { space, sinkCalls } = facts;
    const controls = facts.callableBits.map((bits) => bits & PARITY_MASK);
    const starts = facts.entrypoints.map(({ node, entrypoint }) => ({
      node,
      value: (facts.callableBits[node]! | entrypointBits(entrypoint)) & PARITY_MASK,
    }));
    const reached = searchStates(
      space,
      starts,
      unionOfBits(controls, PARITY_BITS),
      input.options.maxGraphDepth,
    );

    const parity = new Map<number, SinkParity>();
    for (let k = 0; k < reached.count; k++) {
      const node = reached.node[k]!;
      if (!sinkCalls.has(node)) continue;
      const score = countBits(reached.value[k]!);
      const known = parity.get(node);
      if (known === undefined) {
        parity.set(node, { sink: node, weakest: k, strongest: k, min: score, max: score });
        continue;
      }
      if (score < known.min) Object.assign(known, { weakest: k, min: score });
      if (score > known.max) Object.assign(known, { strongest: k, max: score });
    }
    const compared = [...parity.values()]
      .filter((p) => p.max > 0)
      .map((p) => ({ ...p, ratio: p.min / p.max }))
      .sort((a, b) => a.ratio - b.ratio || a.sink - b.sink);
    const worst = compared[0];
    const raw = worst === undefined ? 1 : worst.ratio;

    const reported = compared.filter((p) => p.ratio < REPORT_BELOW);
    const findings: FindingDraft[] = reported.slice(0, MAX_PATH_FINDINGS).map((p) => {
      const call = sinkCalls.get(p.sink)![0]!;
      const weakPath = pathTo(space, reached, p.weakest);
      const strongPath = pathTo(space, reached, p.strongest);
      const entrypoint = entrypointOf(facts, weakPath);
      const best = entrypointOf(facts, strongPath);
      return {
        kind: 'inconsistent-path-protection',
        location: sinkCallLocation(input, call),
        data: {
          sink: call.callableId,
          category: call.category,
          api: call.api,
          entrypoint: entrypoint.callableId,
          best_entrypoint: best.callableId,
          min_score: p.min,
          max_score: p.max,
          ratio: p.ratio.toFixed(2),
          worst_layers: layerList(reached.value[p.weakest]!),
          best_layers: layerList(reached.value[p.strongest]!),
          // The evidence holds the weakest path; the strongest one is kept here to show the contrast.
          best_path: strongPath.join(' → '),
          best_route: routeOf(best) ?? '',
        },
        severity: p.ratio < HIGH_BELOW ? 'high' : 'medium',
        confidence: pathConfidence(input, weakPath, call),
        evidence: pathEvidence(input, entrypoint, weakPath),
      };
    });

    return {
      status: 'ok',
      raw,
      details: {
        MPSP_system: round4(raw),
        sinks_reached: parity.size,
        sinks_compared: compared.length,
        worst_operation:
          worst === undefined || worst.ratio >= 1
            ? null
            : {
                operation: space.ids[worst.sink],
                min_score: worst.min,
                max_score: worst.max,
                ratio: round4(worst.ratio),
              },
      },
      findings,
      notes: [
        ...(compared.length < parity.size
          ? [
              `${parity.size - compared.length} sink(s) reached only by paths without authn, authz or validation count as consistent.`,
            ]
          : []),
        ...omittedNote(reported.length, 'unevenly protected sinks'),
      ],
    };
  },
};
