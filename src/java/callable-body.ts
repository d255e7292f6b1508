/**
 * Analysis of one callable body: call sites, cognitive complexity, catch blocks, error
 * exposure, secret identifier uses, the body fingerprint, and the Spring configurations built
 * in it. Each concern has its own module; this one wires them up.
 */
import type { CatchBlock, FunctionalRoute, HttpSecurityConfig } from '../model/types.js';
import { bodyFingerprint } from './body-fingerprint.js';
import { mayHoldResponseWriter, responseWriterLocals, type CallRoleContext } from './call-roles.js';
import { collectCallSites } from './call-sites.js';
import { collectCatches } from './catches.js';
import { cognitiveComplexity } from './complexity.js';
import type { CallableUnit } from './declarations.js';
import { findErrorExposures } from './error-exposure.js';
import { mayDefineRoutes, readFunctionalRoutes } from './functional-routes.js';
import { mayConfigureHttpSecurity, readHttpSecurity } from './http-security.js';
import { collectIdentifierUses } from './identifier-uses.js';
import type { StringConstants } from './string-values.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';
import { walkCallableCode } from './walk.js';

/** File-level inputs of body analysis. */
export interface BodyContext {
  src: SourceText;
  file: string;
  constants: StringConstants;
  isSecretName: (identifier: string) => boolean;
}

/** What a body contributes to the file beyond its own callable record. */
export interface BodyResult {
  catches: CatchBlock[];
  httpSecurity: HttpSecurityConfig | null;
  functionalRoutes: FunctionalRoute[];
}

/** What a body contains, found in one walk, so that analyses with nothing to find are skipped. */
interface BodyContents {
  hasCatch: boolean;
  mentionsSecret: boolean;
}

function bodyContents(body: SyntaxNode, ctx: BodyContext): BodyContents {
  const contents: BodyContents = { hasCatch: false, mentionsSecret: false };
  walkCallableCode(body, (node) => {
    if (node.type === 'catch_clause') contents.hasCatch = true;
    else if (node.type === 'identifier' && !contents.mentionsSecret)
      contents.mentionsSecret = ctx.isSecretName(ctx.src.of(node));
    else if (node.type === 'string_literal') return false;
    return true;
  });
  return contents;
}

/** Whether a written type names an exception (`IOException`, `AssertionError`, `Throwable`, qualified or not). */
function isExceptionTypeName(name: string): boolean {
  const simple = name.slice(name.lastIndexOf('.') + 1);
  return simple.endsWith('Exception') || simple.endsWith('Error') || simple === 'Throwable';
}

/**
 * Fills the body-derived fields of `unit.callable` (complexity, callSites, identifierUses,
 * exposures, bodyFingerprint) and returns the file-level facts found in the body.
 */
export function analyseCallableBody(unit: CallableUnit, ctx: BodyContext): BodyResult {
  const { callable, body, type } = unit;
  if (body === null) return { catches: [], httpSecurity: null, functionalRoutes: [] };
  const { src, constants, file } = ctx;
  const typePath = type.path;
  callable.callSites = collectCallSites(body, callable.parameters, {
    src,
    constants,
    typePath,
    typeName: type.decl.name,
    superclass: type.superclass,
  });
  callable.complexity = cognitiveComplexity(body);
  callable.bodyFingerprint = bodyFingerprint(body, src);

  const calledNames = new Set(callable.callSites.map((site) => site.name));
  const contents = bodyContents(body, ctx);
  const roles: CallRoleContext = {
    src,
    responseWriters: mayHoldResponseWriter(calledNames) ? responseWriterLocals(body, src) : new Set(),
  };
  if (contents.mentionsSecret) {
    callable.identifierUses = collectIdentifierUses(body, {
      ...roles,
      isSecretName: ctx.isSecretName,
      isToString: callable.name === 'toString' && callable.parameters.length === 0,
    });
  }
  const exceptionParameters = new Set(
    callable.parameters.filter((p) => isExceptionTypeName(p.type.name)).map((p) => p.name),
  );
  callable.exposures = findErrorExposures(body, exceptionParameters, roles);

  return {
    catches: contents.hasCatch ? collectCatches(body, callable.id, file, roles) : [],
    httpSecurity: mayConfigureHttpSecurity(calledNames)
      ? readHttpSecurity(body, callable.id, file, { src, constants, typePath })
      : null,
    functionalRoutes: mayDefineRoutes(calledNames)
      ? readFunctionalRoutes(body, { src, constants, typePath, callableId: callable.id, file })
      : [],
  };
}
