/**
 * Spring WebFlux / WebMvc functional endpoints (metrics.md §1.6): `route(GET("/x"), h::m)`,
 * `.andRoute(…)`, the builder `route().GET("/x", h::m)…build()`, and nesting through
 * `path("/p", builder -> …)`, `nest(path("/p"), …)` and `.add(…)`. Handlers that are not method
 * references, and predicates without a verb or path, cannot be read and yield nothing.
 */
import type { FunctionalRoute } from '../model/types.js';
import { flattenChain, lambdaChains, topChains, type CallChain } from './call-chains.js';
import { argumentsOf, methodNameOf, unwrapParentheses } from './expressions.js';
import type { StringConstants } from './string-values.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';

/** Verb predicates and builder methods. */
const VERBS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Calls that define routes or nest them; a chain without one is not a router. */
const ROUTER_CALLS = new Set(['route', 'andRoute', 'nest', 'andNest', ...VERBS]);

/** Whether a body calling these method names may build functional routes (cheap pre-check on its call sites). */
export function mayDefineRoutes(calledNames: ReadonlySet<string>): boolean {
  for (const name of ROUTER_CALLS) if (calledNames.has(name)) return true;
  return false;
}

/** What reading routes needs. */
export interface RouteContext {
  src: SourceText;
  constants: StringConstants;
  typePath: string;
  callableId: string;
  file: string;
}

/** The functional routes a callable body builds, in source order. */
export function readFunctionalRoutes(body: SyntaxNode, ctx: RouteContext): FunctionalRoute[] {
  const routes: FunctionalRoute[] = [];
  const chains = topChains(body, (chain) =>
    chain.calls.some((call) => ROUTER_CALLS.has(methodNameOf(call, ctx.src))),
  );
  for (const chain of chains) readChain(chain, '', ctx, routes);
  return routes;
}

function readChain(chain: CallChain, prefix: string, ctx: RouteContext, routes: FunctionalRoute[]): void {
  for (const call of chain.calls) {
    const name = methodNameOf(call, ctx.src);
    const args = argumentsOf(call);
    const [first, second] = args;
    const last = args[args.length - 1];
    if ((name === 'route' || name === 'andRoute') && first && second) {
      const predicate = readPredicate(first, ctx);
      if (predicate) addRoute(predicate.verb, prefix + predicate.path, second, call, ctx, routes);
    } else if (VERBS.has(name) && first && last && args.length >= 2) {
      const pattern = ctx.constants.evaluateOne(first, ctx.typePath);
      if (pattern !== null) addRoute(name, prefix + pattern, last, call, ctx, routes);
    } else if ((name === 'path' || name === 'nest' || name === 'andNest') && first && second) {
      const nestedPrefix =
        name === 'path' ? ctx.constants.evaluateOne(first, ctx.typePath) : readPredicate(first, ctx)?.path;
      if (nestedPrefix !== null && nestedPrefix !== undefined)
        readNested(second, prefix + nestedPrefix, ctx, routes);
    } else if ((name === 'add' || name === 'and') && first) {
      readNested(first, prefix, ctx, routes);
    }
  }
}

/** A nested router: a builder lambda, a supplier lambda, or a router expression. */
function readNested(arg: SyntaxNode, prefix: string, ctx: RouteContext, routes: FunctionalRoute[]): void {
  const node = unwrapParentheses(arg);
  if (node.type === 'lambda_expression') {
    for (const chain of lambdaChains(node)) readChain(chain, prefix, ctx, routes);
  } else if (node.type === 'method_invocation') {
    readChain(flattenChain(node), prefix, ctx, routes);
  }
}

/** Verb and path of a request predicate (`GET("/x")`, `RequestPredicates.POST("/x").and(accept(…))`, `path("/p")`). */
function readPredicate(arg: SyntaxNode, ctx: RouteContext): { verb: string | null; path: string } | null {
  const node = unwrapParentheses(arg);
  if (node.type !== 'method_invocation') return null;
  let verb: string | null = null;
  let path: string | null = null;
  for (const call of flattenChain(node).calls) {
    const name = methodNameOf(call, ctx.src);
    const [first] = argumentsOf(call);
    if ((VERBS.has(name) || name === 'path') && first) {
      const value = ctx.constants.evaluateOne(first, ctx.typePath);
      if (value !== null && path === null) {
        path = value;
        if (VERBS.has(name)) verb = name;
      }
    } else if (name === 'and' && first) {
      const inner = readPredicate(first, ctx);
      verb ??= inner?.verb ?? null;
      path ??= inner?.path ?? null;
    }
  }
  return path === null ? null : { verb, path };
}

function addRoute(
  verb: string | null,
  path: string,
  handler: SyntaxNode,
  call: SyntaxNode,
  ctx: RouteContext,
  routes: FunctionalRoute[],
): void {
  const reference = unwrapParentheses(handler);
  if (reference.type !== 'method_reference') return;
  const target = reference.children.find((c) => c.named);
  const method = reference.children[reference.children.length - 1];
  if (!target || method?.type !== 'identifier') return;
  routes.push({
    verb,
    path,
    handlerReceiver: ctx.src.compact(target),
    handlerMethod: ctx.src.of(method),
    declaredIn: ctx.callableId,
    file: ctx.file,
    line: ctx.src.line(call.childByField('name') ?? call),
  });
}
