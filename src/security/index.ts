/**
 * The security model (metrics.md §1.5–§1.10, §1.13): entrypoints with their authentication,
 * client data and validation, defence flags of every production callable, sink call sites,
 * error handlers, and notes on what was seen but not analysed.
 */
import { compare } from '../graph/resolve.js';
import type { CallGraph } from '../graph/types.js';
import type { CodeModel } from '../model/code-model.js';
import type { TypeIndex } from '../model/type-index.js';
import type { Callable } from '../model/types.js';
import { combineVerdicts, mostOpen, type AccessDecision, type AccessVerdict } from './access.js';
import { AnnotationView, findPlaced } from './annotation-view.js';
import { callViews } from './api-calls.js';
import {
  METHOD_SECURITY_ENABLERS,
  SPRING_METHOD_SECURITY_FAMILIES,
  type SecurityFamily,
} from './catalogue/security.js';
import { ClientDataClassifier, mostOpenLevel } from './client-data.js';
import { defenceFlags } from './defences.js';
import {
  declaredEntrypoints,
  unreadRouterNotes,
  type DeclaredEntrypoint,
  type RequestShape,
} from './entrypoints.js';
import { errorHandlers } from './error-handlers.js';
import { ChainScopes } from './chain-scopes.js';
import type { HttpSecurityChains } from './http-security.js';
import { annotationVerdicts, bodyVerdicts } from './method-security.js';
import { extraSinkApis, SinkFinder, type ExtraSinkApi } from './sinks.js';
import type { DefenceFlags, Entrypoint, SecurityModel, SinkCall, SinkCategory } from './types.js';

export { isSecretName } from './secret-names.js';

/** Options of the security stage, from the configuration file. */
export interface SecurityOptions {
  /** Extra entrypoint annotations, simple or qualified names (kind `http`, framework `custom`). */
  extraEntrypointAnnotations: string[];
  /** Extra sink APIs: a type (qualified, or simple for any package), its methods (empty = all) and a sink category. */
  extraSinkApis: ExtraSinkApi[];
}

/**
 * Builds the security model of the production code. Pure and deterministic: entrypoints, sink
 * calls and error handlers are sorted, maps iterate in callable-id order, notes are sorted.
 */
export function buildSecurityModel(
  model: CodeModel,
  index: TypeIndex,
  graph: CallGraph,
  options: SecurityOptions,
): SecurityModel {
  const view = new AnnotationView(model, index);
  const declared = declaredEntrypoints(model, view, options.extraEntrypointAnnotations);
  const chains = new ChainScopes(model.files, view);
  const extras = extraSinkApis(options.extraSinkApis);
  const classifier = new ClientDataClassifier(view);
  const sinkFinder = new SinkFinder(view, extras.apis);
  const byCallable = new Map(declared.entrypoints.map((e) => [e.callable.id, e]));
  const notes = [...declared.notes, ...unreadRouterNotes(model, view), ...chains.notes(), ...extras.notes];

  const entrypoints: Entrypoint[] = [];
  const defences = new Map<string, DefenceFlags>();
  const allSinkCalls: SinkCall[] = [];
  const sinks = new Map<string, SinkCategory[]>();
  const annotationFamilies = new Set<SecurityFamily>();
  for (const callable of view.productionCallables()) {
    if (index.type(callable.typeId)?.kind === 'annotation') continue;
    const calls = callViews(callable, graph.calls.get(callable.id) ?? [], model);
    // The security DSL's `hasRole(…)`/`authenticated()` configure rules; they check no request here.
    const body = chains.declaredIn(callable.id) ? [] : bodyVerdicts(callable, calls);
    const entry = byCallable.get(callable.id);
    const access = entry
      ? entrypointAccess(entry, view, chains.forFile(callable.file), body)
      : combineVerdicts([...annotationVerdicts(callable, callable.typeId, view), ...body]);
    for (const f of access.families) annotationFamilies.add(f);
    const flags = defenceFlags(callable, calls, view, access);
    defences.set(callable.id, flags);
    const found = sinkFinder.sinkCalls(callable, calls);
    if (found.length > 0) {
      allSinkCalls.push(...found);
      sinks.set(callable.id, [...new Set(found.map((s) => s.category))].sort());
    }
    if (entry) entrypoints.push(toEntrypoint(entry, access, flags, classifier));
  }
  if (
    [...annotationFamilies].some((f) => SPRING_METHOD_SECURITY_FAMILIES.has(f)) &&
    !methodSecurityEnabled(view)
  ) {
    notes.push(
      'Spring method-security annotations (@PreAuthorize, @Secured …) decide access to some callables, but no @EnableMethodSecurity or @EnableGlobalMethodSecurity was found in the code; they are counted as enforced',
    );
  }
  return {
    entrypoints,
    defences,
    sinkCalls: allSinkCalls.sort(
      (a, b) => compare(a.callableId, b.callableId) || a.line - b.line || a.column - b.column,
    ),
    sinks,
    errorHandlers: errorHandlers(view),
    notes: [...new Set(notes)].sort(),
  };
}

/**
 * The access decision of an entrypoint: for each handler type and each request it serves, the
 * annotation, `HttpSecurity` (HTTP only) and body verdicts combined; then the most open of those.
 * A request of any verb is tried with every verb some rule names, and with a verb none names.
 */
function entrypointAccess(
  entry: DeclaredEntrypoint,
  view: AnnotationView,
  chains: HttpSecurityChains,
  body: AccessVerdict[],
): AccessDecision {
  const requests: RequestShape[] =
    entry.kind === 'http'
      ? entry.requests.flatMap((r) =>
          r.verb !== null ? [r] : [...chains.ruleVerbs, null].map((verb) => ({ verb, route: r.route })),
        )
      : [];
  const decisions: AccessDecision[] = [];
  for (const handlerType of entry.handlerTypes) {
    const annotations = annotationVerdicts(entry.callable, handlerType, view);
    if (requests.length === 0) decisions.push(combineVerdicts([...annotations, ...body]));
    for (const request of requests) {
      const rule = chains.verdict(request);
      decisions.push(combineVerdicts([...annotations, ...(rule ? [rule] : []), ...body]));
    }
  }
  return mostOpen(decisions);
}

function toEntrypoint(
  entry: DeclaredEntrypoint,
  access: AccessDecision,
  flags: DefenceFlags,
  classifier: ClientDataClassifier,
): Entrypoint {
  const callable: Callable = entry.callable;
  const clientParameters = classifier.parameters(entry);
  return {
    callableId: callable.id,
    kind: entry.kind,
    framework: entry.framework,
    verbs: entry.verbs,
    routes: entry.routes,
    channels: entry.channels,
    auth: access.auth,
    authz: access.authz,
    evidence: access.evidence,
    validated: flags.validation,
    clientParameters,
    inputLevel: mostOpenLevel(clientParameters.map((p) => p.level)),
    file: callable.file,
    line: callable.nameLine,
  };
}

/** Whether a production type carries `@EnableMethodSecurity` or a sibling. */
function methodSecurityEnabled(view: AnnotationView): boolean {
  return view.productionTypes().some((t) => findPlaced(view.ofType(t), METHOD_SECURITY_ENABLERS));
}
