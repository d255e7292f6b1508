/**
 * A2 — Explosive Complexity Index (metrics.md §2 A2; original §3.2): cognitive complexity of the
 * production callables reachable from an entrypoint, damped by their call distance from it.
 *
 * - Entrypoints that are denied start nothing (see `path-facts.ts`); no entrypoint → 0, ok.
 * - Findings: ECI ≥ 10 medium, ≥ 20 high (`A2.complex-near-entry`, the original's thresholds,
 *   within the top 50), located on the callable, with its path from the nearest entrypoint.
 * - Details: `raw_ECI_max` (highest ECI), `methods_reachable` (entrypoints included), `top`
 *   (the top 50: method, ECI, ECI_norm = min(1, ECI / 30), complexity, distance).
 */
import { NODE_ONLY, pathTo, searchStates } from '../graph/paths.js';
import { round4 } from './aggregate.js';
import { linearCap } from './normalise.js';
import { callableLocation, entrypointOf, pathEvidence, pathFacts } from './path-facts.js';
import type { FindingDraft, Metric } from './types.js';

/** Size of the top list the raw value averages over (original §2.14: first 50). */
export const ECI_TOP = 50;

/** ECI from which a callable is reported (original §3.2): medium from 10, high from 20. */
const MEDIUM_FROM = 10;
const HIGH_FROM = 20;

const normalise = linearCap(30);

/** One entry of the top list. */
interface EciEntry {
  method: string;
  eci: number;
  complexity: number;
  distance: number;
  /** Index of the reached state, for the evidence path. */
  state: number;
}

export const a2Eci: Metric = {
  meta: {
    id: 'A2',
    key: 'ECI_avg',
    // The raw value is the mean ECI (what `ECI_avg` normalises); the original's `raw_ECI_max`
    // is a detail. `raw_ECI_avg` is a new key, so the mean stays visible when the cap hides it.
    rawKey: 'raw_ECI_avg',
    group: 'A',
    weight: 0.07,
    name: { en: 'Explosive Complexity Index', ru: 'Индекс взрывной сложности' },
    description: {
      en:
        'How much complex code sits close to the entrypoints. For every production callable reachable from an ' +
        'entrypoint within the depth bound, ECI = cognitive complexity / (call distance + 1); the raw value is ' +
        'the mean ECI of the 50 highest (ties by callable id), normalised as min(1, mean / 30). The highest ECI ' +
        'is kept as raw_ECI_max. A repository without entrypoints scores 0.',
      ru:
        'Сколько сложного кода находится рядом с точками входа. Для каждого рабочего метода, достижимого из ' +
        'точки входа в пределах глубины, ECI = когнитивная сложность / (расстояние по вызовам + 1); сырое ' +
        'значение — среднее 50 наибольших ECI (при равенстве — по id метода), нормализация min(1, среднее / 30). ' +
        'Наибольший ECI сохраняется как raw_ECI_max. Репозиторий без точек входа получает 0.',
    },
    normalise,
    normalisation: `${normalise.text}, raw = mean ECI of the top ${ECI_TOP}`,
    needsJava: true,
    findings: {
      'complex-near-entry': {
        rule: 'A2.complex-near-entry',
        severity: 'medium',
        cwe: null,
        title: { en: 'Complex code near an entrypoint', ru: 'Сложный код рядом с точкой входа' },
        what: {
          en: '{method} has cognitive complexity {complexity} at {distance} call(s) from entrypoint {entrypoint} (ECI {eci}).',
          ru: '{method} имеет когнитивную сложность {complexity} на расстоянии {distance} вызов(а/ов) от точки входа {entrypoint} (ECI {eci}).',
        },
        why: {
          en: 'Branch-heavy code that untrusted input reaches within a few calls is hard to review and test, so input-handling flaws hide in its rarely taken branches.',
          ru: 'Разветвлённый код, до которого недоверенные данные доходят за несколько вызовов, трудно проверять и тестировать, поэтому ошибки обработки входных данных прячутся в редко исполняемых ветках.',
        },
        fix: {
          en: 'Split {method} into small single-purpose methods, validate input at the entrypoint before it reaches this code, and cover each branch with tests.',
          ru: 'Разбейте {method} на небольшие методы с одной задачей, проверяйте входные данные в точке входа до этого кода и покройте тестами каждую ветку.',
        },
      },
    },
  },

  compute(input) {
    const facts = pathFacts(input);
    const { space } = facts;
    const starts = facts.entrypoints.map(({ node }) => ({ node, value: 0 }));
    const reached = searchStates(space, starts, NODE_ONLY, input.options.maxGraphDepth);
    const entries: EciEntry[] = [];
    for (let k = 0; k < reached.count; k++) {
      const method = space.ids[reached.node[k]!]!;
      const complexity = input.model.callables.get(method)?.complexity ?? 0;
      const distance = reached.depth[k]!;
      entries.push({ method, eci: complexity / (distance + 1), complexity, distance, state: k });
    }
    entries.sort((a, b) => b.eci - a.eci || (a.method < b.method ? -1 : 1));
    const top = entries.slice(0, ECI_TOP);
    const raw = top.length === 0 ? 0 : top.reduce((sum, e) => sum + e.eci, 0) / top.length;

    const findings: FindingDraft[] = [];
    for (const entry of top.filter((e) => e.eci >= MEDIUM_FROM)) {
      // Nodes of the path space are callables of the model.
      const callable = input.model.callables.get(entry.method)!;
      const path = pathTo(space, reached, entry.state);
      const entrypoint = entrypointOf(facts, path);
      findings.push({
        kind: 'complex-near-entry',
        location: callableLocation(callable),
        data: {
          method: entry.method,
          complexity: entry.complexity,
          distance: entry.distance,
          entrypoint: entrypoint.callableId,
          eci: Math.round(entry.eci * 10) / 10,
        },
        severity: entry.eci >= HIGH_FROM ? 'high' : 'medium',
        confidence: callable.lowConfidence ? 'medium' : 'high',
        evidence: pathEvidence(input, entrypoint, path),
      });
    }

    return {
      status: 'ok',
      raw,
      details: {
        raw_ECI_max: round4(top[0]?.eci ?? 0),
        methods_reachable: reached.count,
        top: top.map((e) => ({
          method: e.method,
          ECI: round4(e.eci),
          ECI_norm: round4(Math.min(1, e.eci / 30)),
          complexity: e.complexity,
          distance: e.distance,
        })),
      },
      findings,
      notes:
        facts.entrypoints.length === 0 ? ['No entrypoints: no code is reachable from outside, ECI 0.'] : [],
    };
  },
};
