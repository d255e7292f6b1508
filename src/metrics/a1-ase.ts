/**
 * A1 — Attack Surface Exposure (ASE): how much of the application answers to the outside,
 * weighted by how open each entrypoint is (metrics.md §2 A1; the original's algorithm in
 * reference §3.1, without its `@PermitAll`-counts-as-auth defect, case C09).
 *
 * Rule implemented:
 * - Every entrypoint that is not `denied` contributes m = 1.0, × 1.3 when its most open
 *   client-data parameter is medium (stringy), or × 1.5 when it is high (untyped) or very
 *   high (binary); × 1.4 when its auth status is not `authenticated` (`public` or `unknown`);
 *   × 1.2 when it is not validated. raw = Σ m; no entrypoints → 0 (status ok).
 * - A `denied` entrypoint (`@DenyAll`, a `denyAll()` rule) answers every request with a
 *   refusal, so it exposes nothing: m = 0 (case C09: not an open unauthenticated endpoint).
 * - Findings: `public` → `A1.unauthenticated-endpoint` (high, CWE-306); `unknown` →
 *   `A1.unknown-authentication` (high, CWE-306, medium confidence: nothing decided it);
 *   not validated and taking client data above the minimal level →
 *   `A1.missing-validation` (medium, CWE-20). Enum, boolean and bounded numeric inputs are
 *   constrained by binding itself, and an entrypoint without client data has nothing to
 *   validate, so neither gets the validation finding (the ×1.2 factor still applies, as in
 *   the original, so scores stay comparable). Scheduled jobs (kind `job`) have no caller to
 *   authenticate: they keep the 1.4 factor but get no authentication finding.
 * - Details: `entrypoints` (all, denied included), `denied_entrypoints`, `sample` (the first
 *   50 in entrypoint order: method, kind, endpoint, auth, has_auth, has_validation,
 *   input_level, m, score = min(1, m / 2.52) as the original's).
 */

import type { Entrypoint } from '../security/types.js';
import type { Confidence } from '../report/types.js';
import { logCap } from './normalise.js';
import type { FindingDraft, FindingLocation, Metric, MetricInput, MetricOutcome } from './types.js';

/** Factors of the per-entrypoint exposure m (metrics.md §2 A1; the original's values, reference §3.1). */
export const EXPOSURE_FACTORS = {
  /** Most open client-data parameter is stringy (medium). */
  stringy: 1.3,
  /** Most open client-data parameter is untyped or binary (high, very high). */
  untypedOrBinary: 1.5,
  /** Auth status `public` or `unknown`. */
  notAuthenticated: 1.4,
  /** No validation on the entrypoint. */
  notValidated: 1.2,
} as const;

/** The largest m: 1.5 × 1.4 × 1.2 = 2.52 (reference §3.1); scales `sample[].score` to [0, 1]. */
const MAX_EXPOSURE =
  EXPOSURE_FACTORS.untypedOrBinary * EXPOSURE_FACTORS.notAuthenticated * EXPOSURE_FACTORS.notValidated;

/** Entries in `sample` (the original's first 50, reference §2.14). */
const SAMPLE_SIZE = 50;

/**
 * Exposure m of one entrypoint, ≥ 0 (1.0 … 2.52; 0 for a `denied` one). See the module comment
 * for the rule.
 */
export function entrypointExposure(ep: Entrypoint): number {
  if (ep.auth === 'denied') return 0;
  let m = 1;
  if (ep.inputLevel === 'medium') m *= EXPOSURE_FACTORS.stringy;
  else if (ep.inputLevel === 'high' || ep.inputLevel === 'very_high') m *= EXPOSURE_FACTORS.untypedOrBinary;
  if (ep.auth !== 'authenticated') m *= EXPOSURE_FACTORS.notAuthenticated;
  if (!ep.validated) m *= EXPOSURE_FACTORS.notValidated;
  return m;
}

/**
 * A short human label of an entrypoint for finding texts: `GET /owners/{id}` for routed
 * endpoints, else `<kind> Type#method(…)`.
 */
export function endpointLabel(ep: Entrypoint): string {
  if (ep.routes.length > 0) {
    const verbs = ep.verbs.length > 0 ? ep.verbs.join('|') : 'ANY';
    return `${verbs} ${ep.routes.join(', ')}`;
  }
  return `${ep.kind} ${shortCallableName(ep.callableId)}`;
}

/** `com.x.Outer.Inner#m(a.B)` → `Inner#m(a.B)`: the type's simple name and the signature. */
export function shortCallableName(callableId: string): string {
  const hash = callableId.indexOf('#');
  if (hash < 0) return callableId;
  const typePart = callableId.slice(0, hash);
  return typePart.slice(typePart.lastIndexOf('.') + 1) + callableId.slice(hash);
}

function compute(input: MetricInput): MetricOutcome {
  const { security, model } = input;
  let raw = 0;
  let denied = 0;
  const sample: Record<string, unknown>[] = [];
  const findings: FindingDraft[] = [];
  for (const ep of security.entrypoints) {
    const m = entrypointExposure(ep);
    raw += m;
    if (ep.auth === 'denied') denied++;
    if (sample.length < SAMPLE_SIZE) {
      sample.push({
        method: ep.callableId,
        kind: ep.kind,
        endpoint: endpointLabel(ep),
        auth: ep.auth,
        has_auth: ep.auth === 'authenticated',
        has_validation: ep.validated,
        input_level: ep.inputLevel,
        m: round4(m),
        score: round4(Math.min(1, m / MAX_EXPOSURE)),
      });
    }
    if (ep.auth === 'denied') continue;
    const callable = model.callables.get(ep.callableId);
    const location: FindingLocation = callable
      ? { file: callable.file, span: callable.span, method: callable.id }
      : {
          file: ep.file,
          span: { startLine: ep.line, startColumn: 1, endLine: ep.line, endColumn: 1 },
          method: ep.callableId,
        };
    const lowered: Confidence | null = callable?.lowConfidence ? 'low' : null;
    const data = {
      endpoint: endpointLabel(ep),
      kind: ep.kind,
      auth: ep.auth,
      evidence: ep.evidence.map((e) => e.detail).join('; '),
      input_level: ep.inputLevel ?? 'none',
      client_parameters: ep.clientParameters.map((p) => `${p.name}: ${p.type}`).join(', '),
    };
    // A scheduled job has no caller to authenticate: it keeps the factor, but gets no finding.
    const hasCaller = ep.kind !== 'job';
    if (hasCaller && ep.auth === 'public') {
      findings.push({ kind: 'unauthenticated-endpoint', location, data, confidence: lowered ?? 'high' });
    } else if (hasCaller && ep.auth === 'unknown') {
      findings.push({ kind: 'unknown-authentication', location, data, confidence: lowered ?? 'medium' });
    }
    if (!ep.validated && ep.inputLevel !== null && ep.inputLevel !== 'minimal') {
      findings.push({ kind: 'missing-validation', location, data, confidence: lowered ?? 'high' });
    }
  }
  return {
    status: 'ok',
    raw,
    details: { entrypoints: security.entrypoints.length, denied_entrypoints: denied, sample },
    findings,
    notes: [],
  };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

const normalise = logCap(1000);

/** A1 — Attack Surface Exposure; report keys `ASE` (normalised) and `raw_ASE` (Σ m). */
export const a1Ase: Metric = {
  meta: {
    id: 'A1',
    key: 'ASE',
    rawKey: 'raw_ASE',
    group: 'A',
    weight: 0.08,
    normalise,
    normalisation: normalise.text,
    needsJava: true,
    name: { en: 'Attack Surface Exposure', ru: 'Открытость поверхности атаки' },
    description: {
      en:
        'Sum over entrypoints (HTTP, WebSocket, RPC, message listeners, scheduled jobs) of an exposure factor m = 1.0, ' +
        'multiplied by 1.3 when the most open client-data parameter is a string, 1.5 when it is untyped or binary, ' +
        '1.4 when the entrypoint is not authenticated (public or unknown) and 1.2 when its input is not validated. ' +
        'Entrypoints denied to everyone do not count. Normalised logarithmically: 1000 exposure units or more score 1.',
      ru:
        'Сумма по точкам входа (HTTP, WebSocket, RPC, обработчики сообщений, задания по расписанию) коэффициента ' +
        'открытости m = 1,0, умноженного на 1,3, если самый открытый параметр с данными клиента — строка, на 1,5, ' +
        'если он нетипизирован или двоичный, на 1,4, если точка входа не требует аутентификации (публичная или ' +
        'статус неизвестен), и на 1,2, если входные данные не валидируются. Точки входа, закрытые для всех, не ' +
        'учитываются. Нормализация логарифмическая: 1000 единиц и больше дают 1.',
    },
    findings: {
      'unauthenticated-endpoint': {
        rule: 'A1.unauthenticated-endpoint',
        severity: 'high',
        cwe: 306,
        title: { en: 'Endpoint without authentication', ru: 'Точка входа без аутентификации' },
        what: {
          en: 'The {kind} entrypoint {endpoint} is explicitly open to anonymous callers ({evidence}).',
          ru: 'Точка входа {kind} {endpoint} явно открыта анонимным клиентам ({evidence}).',
        },
        why: {
          en: 'Anyone who can reach the service can call it; every weakness behind it is exploitable without an account.',
          ru: 'Её может вызвать любой, кто видит сервис; любая уязвимость за ней эксплуатируется без учётной записи.',
        },
        fix: {
          en: 'If the endpoint is not meant to be public, require authentication (a filter-chain rule such as .authenticated(), or @PreAuthorize / @RolesAllowed); if it is, keep it minimal and rate-limited.',
          ru: 'Если точка входа не должна быть публичной, потребуйте аутентификацию (правило цепочки фильтров, например .authenticated(), или @PreAuthorize / @RolesAllowed); если должна — сделайте её минимальной и ограничьте частоту запросов.',
        },
      },
      'unknown-authentication': {
        rule: 'A1.unknown-authentication',
        severity: 'high',
        cwe: 306,
        title: {
          en: 'Endpoint with no visible authentication',
          ru: 'Точка входа без видимой аутентификации',
        },
        what: {
          en: 'No security annotation, Spring Security rule or check in the body decides whether the {kind} entrypoint {endpoint} requires authentication; it is counted as not authenticated.',
          ru: 'Ни аннотация безопасности, ни правило Spring Security, ни проверка в теле метода не определяют, требует ли точка входа {kind} {endpoint} аутентификации; она считается неаутентифицированной.',
        },
        why: {
          en: 'Unless a mechanism the analyzer cannot see (a servlet filter, a gateway) protects it, anyone can call it.',
          ru: 'Если её не защищает механизм, которого анализатор не видит (сервлет-фильтр, шлюз), вызвать её может любой.',
        },
        fix: {
          en: 'Declare the protection where it can be reviewed: an HttpSecurity rule for the route, or @PreAuthorize / @RolesAllowed on the method or class; use @PermitAll if the endpoint is public on purpose.',
          ru: 'Объявите защиту там, где её можно проверить: правило HttpSecurity для маршрута или @PreAuthorize / @RolesAllowed на методе или классе; если точка входа публична намеренно, отметьте её @PermitAll.',
        },
      },
      'missing-validation': {
        rule: 'A1.missing-validation',
        severity: 'medium',
        cwe: 20,
        title: { en: 'Endpoint without input validation', ru: 'Точка входа без валидации входных данных' },
        what: {
          en: 'The {kind} entrypoint {endpoint} takes client data ({client_parameters}; most open level: {input_level}) without validation.',
          ru: 'Точка входа {kind} {endpoint} принимает данные клиента ({client_parameters}; самый открытый уровень: {input_level}) без валидации.',
        },
        why: {
          en: 'Unchecked input reaches the code behind the endpoint as the caller sent it: injection, oversized or malformed data.',
          ru: 'Непроверенные данные доходят до кода за точкой входа в том виде, в каком их прислал клиент: инъекции, слишком большие или искажённые данные.',
        },
        fix: {
          en: 'Constrain the input: @Valid / @Validated with Bean Validation constraints on the DTO or parameters, or an explicit validator call.',
          ru: 'Ограничьте входные данные: @Valid / @Validated с ограничениями Bean Validation на DTO или параметрах либо явный вызов валидатора.',
        },
      },
    },
  },
  compute,
};
