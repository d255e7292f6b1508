/**
 * D2 — Trust-Chain Depth (metrics.md §2 D2; original §3.12): how many calls a sink sits after
 * the last authentication or authorisation check, on paths from authenticated entrypoints.
 * Measured at the sink, as the original does ("how deep to sinks without seeing another check").
 *
 * - Sources: entrypoints whose auth is `authenticated`, at 0 hops; a callable with the authn or
 *   authz flag restarts the count.
 * - Findings: for each sink, its longest chain when ≥ 3 (`D2.deep-trust-chain`; medium, high
 *   from 5), at most 20, on the sink call, with the callable of the last check.
 * - Details: `TCPD_max_hops_after_last_auth` (= raw), `entrypoints_authenticated`, `sink_reaches`.
 */
import { pathTo, runSinceReset, searchStates } from '../graph/paths.js';
import { linearCap } from './normalise.js';
import {
  MAX_PATH_FINDINGS,
  entrypointOf,
  layerBit,
  omittedNote,
  pathConfidence,
  pathEvidence,
  pathFacts,
  sinkCallLocation,
} from './path-facts.js';
import type { FindingDraft, Metric } from './types.js';

/** Layers that count as a trust check and restart the chain (original §2.13: `auth` or `authz`). */
const CHECKS = layerBit('authn') | layerBit('authz');

/** Hop counts reported (original §3.12): medium from 3, high from 5. */
const MEDIUM_FROM = 3;
const HIGH_FROM = 5;

const normalise = linearCap(10);

/** The longest chain found to one sink. */
interface TrustChain {
  sink: number;
  state: number;
  hops: number;
}

export const d2Tcpd: Metric = {
  meta: {
    id: 'D2',
    key: 'TCPD',
    rawKey: 'raw_TCPD',
    group: 'D',
    weight: 0.06,
    name: { en: 'Trust-Chain Depth', ru: 'Глубина цепочки доверия' },
    description: {
      en:
        'On paths from authenticated entrypoints, the most calls between the last authentication or ' +
        'authorisation check and a sink, normalised as min(1, hops / 10). Deep chains act on a decision taken ' +
        'far away, which later changes to the code can silently invalidate. 0 without authenticated entrypoints.',
      ru:
        'На путях от аутентифицированных точек входа — наибольшее число вызовов между последней проверкой ' +
        'аутентификации или авторизации и приёмником, нормализация min(1, переходы / 10). Глубокие цепочки ' +
        'опираются на решение, принятое далеко, и последующие изменения кода могут незаметно его обесценить. ' +
        '0 без аутентифицированных точек входа.',
    },
    normalise,
    normalisation: `${normalise.text}, raw = most calls from the last check to a sink`,
    needsJava: true,
    findings: {
      'deep-trust-chain': {
        rule: 'D2.deep-trust-chain',
        severity: 'medium',
        cwe: null,
        title: {
          en: 'Sink far from the last security check',
          ru: 'Приёмник далеко от последней проверки безопасности',
        },
        what: {
          en: 'The {category} operation {api} in {sink} runs {hops} call(s) after the last authentication or authorisation check in {last_check} (entrypoint {entrypoint}).',
          ru: 'Операция {category} {api} в {sink} выполняется через {hops} вызов(а/ов) после последней проверки аутентификации или авторизации в {last_check} (точка входа {entrypoint}).',
        },
        why: {
          en: 'Every call in between trusts a decision taken elsewhere; when one of those callables is reused from another path or changed, the operation runs without the check it relied on.',
          ru: 'Каждый промежуточный вызов доверяет решению, принятому в другом месте; если один из этих методов переиспользуют с другого пути или изменят, операция выполнится без проверки, на которую рассчитывала.',
        },
        fix: {
          en: 'Check authorisation close to the operation: method security (@PreAuthorize, @Secured) on {sink} or on the service that calls it.',
          ru: 'Проверяйте права рядом с операцией: защита метода (@PreAuthorize, @Secured) на {sink} или на вызывающем его сервисе.',
        },
      },
    },
  },

  compute(input) {
    const facts = pathFacts(input);
    const { space, sinkCalls } = facts;
    const maxDepth = input.options.maxGraphDepth;
    const authenticated = facts.entrypoints.filter(({ entrypoint }) => entrypoint.auth === 'authenticated');
    const resets = Uint8Array.from(facts.callableBits, (bits) => ((bits & CHECKS) !== 0 ? 1 : 0));
    const starts = authenticated.map(({ node }) => ({ node, value: 0 }));
    const reached = searchStates(space, starts, runSinceReset(resets, maxDepth), maxDepth);

    let sinkReaches = 0;
    let deepest = 0;
    const chains = new Map<number, TrustChain>();
    for (let k = 0; k < reached.count; k++) {
      const node = reached.node[k]!;
      if (!sinkCalls.has(node)) continue;
      sinkReaches++;
      const hops = reached.value[k]!;
      deepest = Math.max(deepest, hops);
      const known = chains.get(node);
      if (known === undefined || hops > known.hops) chains.set(node, { sink: node, state: k, hops });
    }

    const reported = [...chains.values()]
      .filter((c) => c.hops >= MEDIUM_FROM)
      .sort((a, b) => b.hops - a.hops || a.sink - b.sink);
    const findings: FindingDraft[] = reported.slice(0, MAX_PATH_FINDINGS).map((c) => {
      const call = sinkCalls.get(c.sink)![0]!;
      const path = pathTo(space, reached, c.state);
      const entrypoint = entrypointOf(facts, path);
      return {
        kind: 'deep-trust-chain',
        location: sinkCallLocation(input, call),
        data: {
          entrypoint: entrypoint.callableId,
          sink: call.callableId,
          category: call.category,
          api: call.api,
          hops: c.hops,
          last_check: path[path.length - 1 - c.hops]!,
        },
        severity: c.hops >= HIGH_FROM ? 'high' : 'medium',
        confidence: pathConfidence(input, path, call),
        evidence: pathEvidence(input, entrypoint, path),
      };
    });

    return {
      status: 'ok',
      raw: deepest,
      details: {
        TCPD_max_hops_after_last_auth: deepest,
        entrypoints_authenticated: authenticated.length,
        sink_reaches: sinkReaches,
      },
      findings,
      notes: [
        ...(authenticated.length === 0 ? ['No authenticated entrypoint: no trust chain, TCPD 0.'] : []),
        ...omittedNote(reported.length, `sinks ${MEDIUM_FROM} or more calls after the last check`),
      ],
    };
  },
};
