/**
 * B1 — Defence-in-Depth (metrics.md §2 B1; original §3.4): how many of the six defence layers
 * the weakest entry→sink path passes through.
 *
 * - Traversal: BFS over (callable, 6-bit layer mask) states (original §2.13 "defence layers").
 * - Not available (`no_entry_to_sink_paths`) when no sink state is examined within the depth.
 * - Findings: the weakest path to each sink with fewer than 3 layers (`B1.thin-defence-path`,
 *   CWE-693; critical with 0–1 layer, else high), at most 20, weakest first, on the sink call.
 * - Details: `IDS_system` (the original's key, = raw), `paths_analyzed` (sink states examined),
 *   `sinks_reached`, `min_path` (sink, layers, layer_names, ratio, depth).
 */
import { countBits, pathTo, searchStates, unionOfBits } from '../graph/paths.js';
import { round4 } from './aggregate.js';
import { complement } from './normalise.js';
import {
  DEFENCE_LAYERS,
  MAX_PATH_FINDINGS,
  entrypointBits,
  entrypointOf,
  layerList,
  omittedNote,
  pathConfidence,
  pathEvidence,
  pathFacts,
  sinkCallLocation,
} from './path-facts.js';
import type { FindingDraft, Metric } from './types.js';

/** Paths with fewer layers are reported (original: ratio < 0.5); with at most this many, critical (ratio < 0.2). */
const REPORT_BELOW_LAYERS = 3;
const CRITICAL_UP_TO_LAYERS = 1;

/** The weakest path found to one sink: the first examined state with the fewest layers. */
interface WeakestPath {
  sink: number;
  state: number;
  layers: number;
  mask: number;
  depth: number;
}

export const b1Ids: Metric = {
  meta: {
    id: 'B1',
    key: 'IDS',
    rawKey: 'raw_IDS',
    group: 'B',
    weight: 0.1,
    name: { en: 'Defence-in-Depth', ru: 'Эшелонированная защита' },
    description: {
      en:
        'For every path from an entrypoint to a sink within the depth bound, the share of the six defence layers ' +
        '(authentication, authorisation, validation, sanitising, rate limiting, audit) present along it; the ' +
        'system value is the weakest path’s share, and the score is 1 − share. Entry-level authentication and ' +
        'authorisation (class annotations, filter-chain rules) count as layers of the entrypoint. Not available ' +
        'when no entry→sink path exists.',
      ru:
        'Для каждого пути от точки входа до приёмника в пределах глубины — доля присутствующих на нём защитных ' +
        'слоёв из шести (аутентификация, авторизация, валидация, санитизация, ограничение частоты, аудит); ' +
        'системное значение — доля самого слабого пути, оценка — 1 − доля. Аутентификация и авторизация уровня ' +
        'точки входа (аннотации класса, правила цепочки фильтров) считаются слоями точки входа. Недоступна, если ' +
        'путей от входа до приёмника нет.',
    },
    normalise: complement,
    normalisation: `${complement.text}, raw = fewest layers on an entry→sink path / 6`,
    needsJava: true,
    findings: {
      'thin-defence-path': {
        rule: 'B1.thin-defence-path',
        severity: 'high',
        cwe: 693,
        title: {
          en: 'Path to a sink with few defence layers',
          ru: 'Путь к приёмнику с малым числом защитных слоёв',
        },
        what: {
          en: 'The path from {entrypoint} to the {category} operation {api} in {sink} passes {layers}/6 defence layers ({layer_list}).',
          ru: 'Путь от {entrypoint} до операции {category} {api} в {sink} проходит {layers}/6 защитных слоёв ({layer_list}).',
        },
        why: {
          en: 'With one or two layers, a single mistake in that layer exposes the operation: there is no second check behind it.',
          ru: 'При одном-двух слоях одна ошибка в этом слое открывает доступ к операции: за ней нет второй проверки.',
        },
        fix: {
          en: 'Add the missing layers on this path: require authentication and authorisation for {entrypoint}, validate its input (@Valid, Bean Validation), sanitise or bind data before {api}, and audit the operation.',
          ru: 'Добавьте недостающие слои на этом пути: требуйте аутентификацию и авторизацию для {entrypoint}, проверяйте входные данные (@Valid, Bean Validation), санитизируйте или связывайте данные перед {api} и журналируйте операцию.',
        },
      },
    },
  },

  compute(input) {
    const facts = pathFacts(input);
    const { space, callableBits, sinkCalls } = facts;
    const starts = facts.entrypoints.map(({ node, entrypoint }) => ({
      node,
      value: callableBits[node]! | entrypointBits(entrypoint),
    }));
    const reached = searchStates(
      space,
      starts,
      unionOfBits(callableBits, DEFENCE_LAYERS.length),
      input.options.maxGraphDepth,
    );

    // Every examined (sink, mask) state is one analysed path (the original's count).
    let pathsAnalyzed = 0;
    const weakest = new Map<number, WeakestPath>();
    for (let k = 0; k < reached.count; k++) {
      const node = reached.node[k]!;
      if (!sinkCalls.has(node)) continue;
      pathsAnalyzed++;
      const mask = reached.value[k]!;
      const layers = countBits(mask);
      const known = weakest.get(node);
      if (known === undefined || layers < known.layers) {
        weakest.set(node, { sink: node, state: k, layers, mask, depth: reached.depth[k]! });
      }
    }
    if (pathsAnalyzed === 0) {
      return {
        status: 'not_available',
        reason: 'no_entry_to_sink_paths',
        details: { paths_analyzed: 0 },
        notes: [`No path from an entrypoint reaches a sink within depth ${input.options.maxGraphDepth}.`],
      };
    }

    // Node indices follow id order, so `a.sink - b.sink` orders by sink id.
    const ranked = [...weakest.values()].sort(
      (a, b) => a.layers - b.layers || a.depth - b.depth || a.sink - b.sink,
    );
    const worst = ranked[0]!;
    const raw = worst.layers / DEFENCE_LAYERS.length;
    const reported = ranked.filter((w) => w.layers < REPORT_BELOW_LAYERS);
    const findings: FindingDraft[] = reported.slice(0, MAX_PATH_FINDINGS).map((w) => {
      const call = sinkCalls.get(w.sink)![0]!;
      const path = pathTo(space, reached, w.state);
      const entrypoint = entrypointOf(facts, path);
      return {
        kind: 'thin-defence-path',
        location: sinkCallLocation(input, call),
        data: {
          entrypoint: entrypoint.callableId,
          sink: call.callableId,
          category: call.category,
          api: call.api,
          layers: w.layers,
          layer_list: layerList(w.mask),
          depth: w.depth,
        },
        severity: w.layers <= CRITICAL_UP_TO_LAYERS ? 'critical' : 'high',
        confidence: pathConfidence(input, path, call),
        evidence: pathEvidence(input, entrypoint, path),
      };
    });

    return {
      status: 'ok',
      raw,
      details: {
        IDS_system: round4(raw),
        paths_analyzed: pathsAnalyzed,
        sinks_reached: weakest.size,
        min_path: {
          sink: space.ids[worst.sink],
          layers: worst.layers,
          layer_names: layerList(worst.mask),
          ratio: round4(raw),
          depth: worst.depth,
        },
      },
      findings,
      notes: omittedNote(reported.length, 'sinks reached by paths with fewer than 3 layers'),
    };
  },
};
