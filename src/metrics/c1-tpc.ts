/**
 * C1 — Tainted Path Complexity (metrics.md §2 C1; original §3.8): the longest run of consecutive
 * callables without validation or sanitising on a path from an entrypoint to a sink.
 *
 * Unlike the original, which took the run length where the path *reaches* the sink, the run is
 * measured anywhere *along* an entry→sink path, as metrics.md §2 defines it: a controller
 * without validation calling a DAO that binds its parameters has a run of 1, not 0 (case C17).
 * The search walks (node, run) states from the entrypoints; a state counts when a sink is
 * reachable from its node within the depth left, found by one reverse search from all sinks.
 *
 * - Findings: for each sink, the longest run on a path to it, when ≥ 3
 *   (`C1.long-unvalidated-path`, CWE-20; medium, high from 4, critical from 6), at most 20,
 *   longest first, on the sink call, with the run's first and last callable.
 * - Details: `TPC_max_consecutive_unsafe_hops` (= raw), `sink_reaches` (sink states examined).
 */
import { distancesToTargets, pathTo, pathToTarget, runSinceReset, searchStates } from '../graph/paths.js';
import { linearCap } from './normalise.js';
import {
  MAX_PATH_FINDINGS,
  entrypointBits,
  entrypointOf,
  layerBit,
  omittedNote,
  pathConfidence,
  pathEvidence,
  pathFacts,
  sinkCallLocation,
} from './path-facts.js';
import type { FindingDraft, Metric } from './types.js';

/** Layers that end a tainted run (original §2.13: `validation` or `sanitize`). */
const CLEANING = layerBit('validation') | layerBit('sanitize');

/** Run lengths reported (original §3.8): medium from 3, high from 4, critical from 6. */
const MEDIUM_FROM = 3;
const HIGH_FROM = 4;
const CRITICAL_FROM = 6;

const normalise = linearCap(10);

/** The longest run found on the way to one sink. */
interface TaintedRun {
  sink: number;
  state: number;
  run: number;
}

export const c1Tpc: Metric = {
  meta: {
    id: 'C1',
    key: 'TPC',
    rawKey: 'raw_TPC',
    group: 'C',
    weight: 0.08,
    name: { en: 'Tainted Path Complexity', ru: 'Сложность заражённого пути' },
    description: {
      en:
        'The longest run of consecutive callables without validation or sanitising on any path from an ' +
        'entrypoint to a sink within the depth bound (counted in callables: an unvalidated entrypoint that is ' +
        'itself a sink is 1), normalised as min(1, run / 10). The longer the run, the more code handles ' +
        'untrusted data unchecked. 0 without entrypoints.',
      ru:
        'Самая длинная цепочка подряд идущих методов без валидации и санитизации на любом пути от точки входа ' +
        'до приёмника в пределах глубины (в методах: непроверяющая точка входа, которая сама является ' +
        'приёмником, даёт 1), нормализация min(1, длина / 10). Чем длиннее цепочка, тем больше кода ' +
        'обрабатывает недоверенные данные без проверки. 0 без точек входа.',
    },
    normalise,
    normalisation: `${normalise.text}, raw = longest unvalidated run in callables`,
    needsJava: true,
    findings: {
      'long-unvalidated-path': {
        rule: 'C1.long-unvalidated-path',
        severity: 'medium',
        cwe: 20,
        title: { en: 'Long path without input validation', ru: 'Длинный путь без проверки входных данных' },
        what: {
          en: 'Data from {entrypoint} passes {run} callables without validation or sanitising ({run_start} … {run_end}) on its way to the {category} operation {api} in {sink}.',
          ru: 'Данные от {entrypoint} проходят {run} метод(а/ов) без валидации и санитизации ({run_start} … {run_end}) на пути к операции {category} {api} в {sink}.',
        },
        why: {
          en: 'Every callable on the run handles untrusted data as if it were checked; the longer the run, the more places where a crafted value can change behaviour before anything rejects it.',
          ru: 'Каждый метод цепочки обращается с недоверенными данными как с проверенными; чем длиннее цепочка, тем больше мест, где подобранное значение меняет поведение прежде, чем его что-то отклонит.',
        },
        fix: {
          en: 'Validate the input where it enters ({run_start}: @Valid, Bean Validation constraints, explicit checks), and sanitise or bind it before {api}.',
          ru: 'Проверяйте данные там, где они входят ({run_start}: @Valid, ограничения Bean Validation, явные проверки), и санитизируйте или связывайте их перед {api}.',
        },
      },
    },
  },

  compute(input) {
    const facts = pathFacts(input);
    const { space, sinkCalls } = facts;
    const maxDepth = input.options.maxGraphDepth;
    const resets = Uint8Array.from(facts.callableBits, (bits) => ((bits & CLEANING) !== 0 ? 1 : 0));
    const starts = facts.entrypoints.map(({ node, entrypoint }) => ({
      node,
      value: ((facts.callableBits[node]! | entrypointBits(entrypoint)) & CLEANING) !== 0 ? 0 : 1,
    }));
    const reached = searchStates(space, starts, runSinceReset(resets, maxDepth), maxDepth);
    const toSink = distancesToTargets(space, [...sinkCalls.keys()], maxDepth);

    let sinkReaches = 0;
    let longest = 0;
    const runs = new Map<number, TaintedRun>();
    for (let k = 0; k < reached.count; k++) {
      const node = reached.node[k]!;
      if (sinkCalls.has(node)) sinkReaches++;
      const left = toSink.distance[node]!;
      if (left < 0 || reached.depth[k]! + left > maxDepth) continue;
      const run = reached.value[k]!;
      longest = Math.max(longest, run);
      const sinkNode = toSink.target[node]!;
      const known = runs.get(sinkNode);
      if (known === undefined || run > known.run) runs.set(sinkNode, { sink: sinkNode, state: k, run });
    }

    const reported = [...runs.values()]
      .filter((r) => r.run >= MEDIUM_FROM)
      .sort((a, b) => b.run - a.run || a.sink - b.sink);
    const findings: FindingDraft[] = reported.slice(0, MAX_PATH_FINDINGS).map((r) => {
      const call = sinkCalls.get(r.sink)![0]!;
      const head = pathTo(space, reached, r.state);
      const path = [...head, ...pathToTarget(space, toSink.next, reached.node[r.state]!).slice(1)];
      const entrypoint = entrypointOf(facts, path);
      return {
        kind: 'long-unvalidated-path',
        location: sinkCallLocation(input, call),
        data: {
          entrypoint: entrypoint.callableId,
          sink: call.callableId,
          category: call.category,
          api: call.api,
          run: r.run,
          run_start: head[head.length - r.run]!,
          run_end: head[head.length - 1]!,
        },
        severity: r.run >= CRITICAL_FROM ? 'critical' : r.run >= HIGH_FROM ? 'high' : 'medium',
        confidence: pathConfidence(input, path, call),
        evidence: pathEvidence(input, entrypoint, path),
      };
    });

    return {
      status: 'ok',
      raw: longest,
      details: { TPC_max_consecutive_unsafe_hops: longest, sink_reaches: sinkReaches },
      findings,
      notes: [
        ...(facts.entrypoints.length === 0 ? ['No entrypoints: no tainted path, TPC 0.'] : []),
        ...omittedNote(
          reported.length,
          `sinks reached by runs of ${MEDIUM_FROM} or more unvalidated callables`,
        ),
      ],
    };
  },
};
