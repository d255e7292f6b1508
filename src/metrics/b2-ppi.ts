/**
 * B2 — Privilege Proximity (metrics.md §2 B2; original §3.5): how few calls separate an
 * entrypoint that does not require authentication from a privileged operation.
 *
 * - Sources: entrypoints whose auth is `public` or `unknown` (denied ones are closed, C09).
 *   Privileged sinks: call sites the security stage marks privileged (db, fs, exec, code).
 * - Findings: each privileged sink within 3 calls (critical at ≤ 1, else high), at most 20,
 *   nearest first: `B2.public-privileged-operation` (CWE-306) from a public entrypoint,
 *   `B2.unverified-privileged-operation` (no CWE, at most medium confidence) from one whose
 *   authentication is unknown.
 * - Details: `min_distance`, `entrypoints_unauth`, `sinks_privileged`, `sinks_within_reach`.
 */
import { NODE_ONLY, pathTo, searchStates } from '../graph/paths.js';
import { identity } from './normalise.js';
import {
  MAX_PATH_FINDINGS,
  entrypointOf,
  omittedNote,
  pathConfidence,
  pathEvidence,
  pathFacts,
  sinkCallLocation,
} from './path-facts.js';
import type { FindingDraft, Metric } from './types.js';

/** Distances up to this many hops are reported (original §3.5: d ≤ 3); up to `CRITICAL_UP_TO`, critical. */
const REPORT_UP_TO = 3;
const CRITICAL_UP_TO = 1;

/** PPI of a distance d (original §3.5): 1 − min(1, ln(d + 1) / ln 11), so d = 0 → 1 and d ≥ 10 → 0. */
export function privilegeProximity(distance: number): number {
  return 1 - Math.min(1, Math.log(distance + 1) / Math.log(11));
}

/** Why a privileged operation close to an open entrypoint matters (both finding kinds). */
const WHY_EXPOSED = {
  en: 'Anyone who can send a request reaches an operation on the database, the file system, processes or code loading within {distance} call(s); one flaw on that short path is enough for an attacker.',
  ru: 'Любой, кто может отправить запрос, за {distance} вызов(а/ов) доходит до операции с базой данных, файловой системой, процессами или загрузкой кода; атакующему достаточно одной ошибки на этом коротком пути.',
};

export const b2Ppi: Metric = {
  meta: {
    id: 'B2',
    key: 'PPI',
    rawKey: null,
    group: 'B',
    weight: 0.1,
    name: { en: 'Privilege Proximity', ru: 'Близость привилегированных операций' },
    description: {
      en:
        'd = the fewest calls from an entrypoint that is not authenticated (public, or auth unknown; denied ' +
        'entrypoints are closed) to a privileged sink (database, file system, process execution, code loading); ' +
        'PPI = 1 − min(1, ln(d + 1) / ln 11), so a privileged operation inside a public endpoint scores 1. ' +
        '0 when there is no such entrypoint or no privileged sink; not available when both exist but no path ' +
        'joins them within the depth bound.',
      ru:
        'd — наименьшее число вызовов от точки входа без аутентификации (публичной или с неизвестным статусом; ' +
        'закрытые точки не учитываются) до привилегированного приёмника (база данных, файловая система, запуск ' +
        'процессов, загрузка кода); PPI = 1 − min(1, ln(d + 1) / ln 11), так что привилегированная операция ' +
        'прямо в публичной точке входа даёт 1. 0, если таких точек входа или привилегированных приёмников нет; ' +
        'недоступна, если они есть, но не связаны путём в пределах глубины.',
    },
    normalise: identity,
    normalisation: `${identity.text}: PPI = 1 − min(1, ln(d + 1) / ln 11)`,
    needsJava: true,
    findings: {
      'public-privileged-operation': {
        rule: 'B2.public-privileged-operation',
        severity: 'high',
        cwe: 306,
        title: {
          en: 'Privileged operation close to a public entrypoint',
          ru: 'Привилегированная операция рядом с публичной точкой входа',
        },
        what: {
          en: 'The {category} operation {api} in {sink} is {distance} call(s) from the public entrypoint {entrypoint}.',
          ru: 'Операция {category} {api} в {sink} находится в {distance} вызов(е/ах) от публичной точки входа {entrypoint}.',
        },
        why: WHY_EXPOSED,
        fix: {
          en: 'Require authentication for {entrypoint} (method security or a filter-chain rule), or move {api} behind an authenticated service layer with its own authorisation check.',
          ru: 'Требуйте аутентификацию для {entrypoint} (защита методов или правило цепочки фильтров) или перенесите {api} за аутентифицированный сервисный слой с собственной проверкой прав.',
        },
      },
      'unverified-privileged-operation': {
        rule: 'B2.unverified-privileged-operation',
        severity: 'high',
        cwe: null,
        title: {
          en: 'Privileged operation close to an entrypoint of unknown authentication',
          ru: 'Привилегированная операция рядом с точкой входа с неизвестной аутентификацией',
        },
        what: {
          en: 'The {category} operation {api} in {sink} is {distance} call(s) from the entrypoint {entrypoint}, whose authentication the analysis could not establish.',
          ru: 'Операция {category} {api} в {sink} находится в {distance} вызов(е/ах) от точки входа {entrypoint}, аутентификацию которой анализ установить не смог.',
        },
        why: WHY_EXPOSED,
        fix: {
          en: 'Make the protection of {entrypoint} explicit: a method-security annotation or a filter-chain rule the analysis can read; if it is meant to be public, mark it @PermitAll and keep {api} behind an authorised service.',
          ru: 'Сделайте защиту {entrypoint} явной: аннотация защиты метода или правило цепочки фильтров, которые видит анализ; если точка входа должна быть публичной, пометьте её @PermitAll и держите {api} за сервисом с проверкой прав.',
        },
      },
    },
  },

  compute(input) {
    const facts = pathFacts(input);
    const { space, sinkCalls } = facts;
    const open = facts.entrypoints.filter(({ entrypoint }) => entrypoint.auth !== 'authenticated');
    const privileged = new Set(
      [...sinkCalls].filter(([, calls]) => calls.some((call) => call.privileged)).map(([node]) => node),
    );
    const counts = { entrypoints_unauth: open.length, sinks_privileged: privileged.size };
    if (open.length === 0 || privileged.size === 0) {
      return {
        status: 'ok',
        raw: 0,
        details: { min_distance: null, ...counts },
        findings: [],
        notes: [
          facts.entrypoints.length === 0
            ? 'No entrypoints: no privileged operation is exposed, PPI 0.'
            : open.length === 0
              ? 'Every open entrypoint requires authentication: PPI 0.'
              : 'No privileged sink: PPI 0.',
        ],
      };
    }

    const starts = open.map(({ node }) => ({ node, value: 0 }));
    const reached = searchStates(space, starts, NODE_ONLY, input.options.maxGraphDepth);
    // BFS examines states by depth, so the first privileged sink examined is the nearest.
    const hits: number[] = [];
    for (let k = 0; k < reached.count; k++) if (privileged.has(reached.node[k]!)) hits.push(k);
    if (hits.length === 0) {
      return {
        status: 'not_available',
        reason: 'no_path_within_max_depth',
        details: { min_distance: null, ...counts },
        notes: [
          `No path joins an unauthenticated entrypoint to a privileged sink within depth ${input.options.maxGraphDepth}.`,
        ],
      };
    }
    const distance = reached.depth[hits[0]!]!;

    const reported = hits
      .filter((k) => reached.depth[k]! <= REPORT_UP_TO)
      .sort((a, b) => reached.depth[a]! - reached.depth[b]! || reached.node[a]! - reached.node[b]!);
    const findings: FindingDraft[] = reported.slice(0, MAX_PATH_FINDINGS).map((k) => {
      const call = sinkCalls.get(reached.node[k]!)!.find((c) => c.privileged)!;
      const path = pathTo(space, reached, k);
      const entrypoint = entrypointOf(facts, path);
      const confidence = pathConfidence(input, path, call);
      return {
        kind:
          entrypoint.auth === 'public' ? 'public-privileged-operation' : 'unverified-privileged-operation',
        location: sinkCallLocation(input, call),
        data: {
          entrypoint: entrypoint.callableId,
          auth: entrypoint.auth,
          sink: call.callableId,
          category: call.category,
          api: call.api,
          distance: reached.depth[k]!,
        },
        severity: reached.depth[k]! <= CRITICAL_UP_TO ? 'critical' : 'high',
        // Unknown authentication is an absence of evidence, not evidence of a public endpoint.
        confidence: entrypoint.auth === 'unknown' && confidence === 'high' ? 'medium' : confidence,
        evidence: pathEvidence(input, entrypoint, path),
      };
    });

    return {
      status: 'ok',
      raw: privilegeProximity(distance),
      details: { min_distance: distance, ...counts, sinks_within_reach: hits.length },
      findings,
      notes: omittedNote(
        reported.length,
        `privileged sinks within ${REPORT_UP_TO} calls of an open entrypoint`,
      ),
    };
  },
};
