/**
 * Spring Security `HttpSecurity` / `ServerHttpSecurity` configurations (metrics.md §1.7; cases
 * C10, C11): authorisation rules in declaration order, `securityMatcher` scopes and CSRF.
 *
 * Two unrelated tree shapes are read: the lambda DSL, where rules are chains inside a
 * `lambda_expression` argument (`authorizeHttpRequests(registry -> registry.requestMatchers(…)
 * .permitAll()…)`), and the legacy chain, where the rules follow `authorizeRequests()` in one
 * long chain until `.and()`. An access call (`permitAll()`) makes a rule only right after a
 * matcher, so `.formLogin().permitAll()` is not a route rule.
 */
import type { HttpSecurityConfig, HttpSecurityRule } from '../model/types.js';
import { lambdaChains, topChains, type CallChain } from './call-chains.js';
import { argumentsOf, methodNameOf, unwrapParentheses } from './expressions.js';
import type { StringConstants } from './string-values.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';
import { walkCallableCode } from './walk.js';

/** Calls that open an authorisation section. */
const AUTHORIZE_CALLS = new Set(['authorizeHttpRequests', 'authorizeRequests', 'authorizeExchange']);

/** Calls that restrict which requests the whole chain applies to. */
const SECURITY_MATCHER_CALLS = new Set([
  'securityMatcher',
  'securityMatchers',
  'antMatcher',
  'mvcMatcher',
  'regexMatcher',
  'requestMatchers',
]);

/** Calls whose presence makes a chain an `HttpSecurity` configuration. */
const DSL_CALLS = new Set([...AUTHORIZE_CALLS, 'securityMatcher', 'securityMatchers', 'csrf']);

/** Request matchers of an authorisation section. */
const RULE_MATCHERS = new Set([
  'requestMatchers',
  'antMatchers',
  'mvcMatchers',
  'regexMatchers',
  'pathMatchers',
]);

/** Matchers that match everything. */
const ANY_MATCHERS = new Set(['anyRequest', 'anyExchange']);

/** Access decisions that complete a rule. */
const ACCESS_CALLS = new Set([
  'permitAll',
  'authenticated',
  'hasRole',
  'hasAnyRole',
  'hasAuthority',
  'hasAnyAuthority',
  'access',
  'denyAll',
  'fullyAuthenticated',
  'anonymous',
  'rememberMe',
]);

/** HTTP method names (`HttpMethod.GET`, or `GET` when statically imported). */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']);

/** Whether a body calling these method names may configure `HttpSecurity` (cheap pre-check on its call sites). */
export function mayConfigureHttpSecurity(calledNames: ReadonlySet<string>): boolean {
  for (const name of DSL_CALLS) if (calledNames.has(name)) return true;
  return false;
}

/** What reading a configuration needs. */
export interface HttpSecurityContext {
  src: SourceText;
  constants: StringConstants;
  typePath: string;
}

/** A matcher waiting for its access call. */
interface PendingMatcher {
  patterns: string[];
  method: string | null;
  anyRequest: boolean;
  line: number;
}

/**
 * The `HttpSecurity` configuration built in a callable body, or null when it has none. Rules
 * whose matchers cannot be read (e.g. `PathRequest.toStaticResources()`) keep empty `patterns`.
 */
export function readHttpSecurity(
  body: SyntaxNode,
  callableId: string,
  file: string,
  ctx: HttpSecurityContext,
): HttpSecurityConfig | null {
  // The chain must be made on something (`http.…`): a bare `csrf()` is MockMvc's request post-processor.
  const chains = topChains(
    body,
    (chain) => chain.root !== null && chain.calls.some((call) => DSL_CALLS.has(methodNameOf(call, ctx.src))),
  );
  const first = chains[0]?.calls[0];
  if (!first) return null;
  const reader = new ConfigReader(ctx, file);
  for (const chain of chains) reader.readHttpChain(chain);
  return {
    callableId,
    file,
    line: ctx.src.line(first),
    securityMatchers: reader.securityMatchers,
    rules: reader.rules,
    csrfDisabled: reader.csrfDisabled,
  };
}

class ConfigReader {
  readonly rules: HttpSecurityRule[] = [];
  readonly securityMatchers: string[] = [];
  csrfDisabled = false;
  private readonly ctx: HttpSecurityContext;
  private readonly file: string;

  constructor(ctx: HttpSecurityContext, file: string) {
    this.ctx = ctx;
    this.file = file;
  }

  /** A chain on `http`: authorisation sections (legacy, until `.and()`), lambda sections, matchers, CSRF. */
  readHttpChain(chain: CallChain): void {
    const { src } = this.ctx;
    let inLegacySection = false;
    let pending: PendingMatcher | null = null;
    chain.calls.forEach((call, index) => {
      const name = methodNameOf(call, src);
      const args = argumentsOf(call);
      if (inLegacySection) {
        if (name === 'and') inLegacySection = false;
        else pending = this.registryStep(call, name, args, pending);
        return;
      }
      if (AUTHORIZE_CALLS.has(name)) {
        if (args.length === 0) inLegacySection = true;
        for (const arg of args) if (arg.type === 'lambda_expression') this.readRegistryLambda(arg);
      } else if (SECURITY_MATCHER_CALLS.has(name)) {
        this.readSecurityMatchers(args);
      } else if (name === 'csrf') {
        const next = chain.calls[index + 1];
        if (
          args.length === 0
            ? next !== undefined && methodNameOf(next, src) === 'disable'
            : args.some((a) => disablesCsrf(a, src))
        ) {
          this.csrfDisabled = true;
        }
      }
    });
  }

  private readRegistryLambda(lambda: SyntaxNode): void {
    for (const chain of lambdaChains(lambda)) {
      let pending: PendingMatcher | null = null;
      for (const call of chain.calls)
        pending = this.registryStep(call, methodNameOf(call, this.ctx.src), argumentsOf(call), pending);
    }
  }

  /** One call of an authorisation registry: a matcher waits, an access call completes it, anything else drops it. */
  private registryStep(
    call: SyntaxNode,
    name: string,
    args: SyntaxNode[],
    pending: PendingMatcher | null,
  ): PendingMatcher | null {
    const line = this.ctx.src.line(call.childByField('name') ?? call);
    if (ANY_MATCHERS.has(name)) return { patterns: ['/**'], method: null, anyRequest: true, line };
    if (RULE_MATCHERS.has(name)) return { ...this.readMatcherArgs(args), anyRequest: false, line };
    if (name === 'not') return pending;
    if (ACCESS_CALLS.has(name) && pending !== null) {
      this.rules.push({
        patterns: pending.patterns,
        method: pending.method,
        access: name,
        accessArgs: args.flatMap(
          (a) => this.ctx.constants.evaluate(a, this.ctx.typePath) ?? [this.ctx.src.compact(a)],
        ),
        anyRequest: pending.anyRequest,
        file: this.file,
        line: pending.line,
      });
    }
    return null;
  }

  /**
   * Patterns and HTTP method of matcher arguments: an optional `HttpMethod.X` first, then
   * literals, constants or constant arrays; matcher objects (`antMatcher("/x")`,
   * `new AntPathRequestMatcher("/x", "GET")`) are read for their string arguments.
   */
  private readMatcherArgs(args: SyntaxNode[]): { patterns: string[]; method: string | null } {
    const { src, constants, typePath } = this.ctx;
    let method: string | null = null;
    const patterns: string[] = [];
    args.forEach((arg, index) => {
      const httpMethod = httpMethodOf(arg, src);
      if (httpMethod !== null) {
        if (index === 0 || method === null) method = httpMethod;
        return;
      }
      const values = constants.evaluate(arg, typePath);
      if (values !== null) {
        patterns.push(...values);
        return;
      }
      const node = unwrapParentheses(arg);
      if (node.type === 'method_invocation' || node.type === 'object_creation_expression') {
        const inner = this.readMatcherArgs(argumentsOf(node));
        const [pattern, maybeMethod] = inner.patterns;
        if (pattern !== undefined) patterns.push(pattern);
        if (maybeMethod !== undefined && HTTP_METHODS.has(maybeMethod)) method ??= maybeMethod;
        method ??= inner.method;
      }
    });
    return { patterns, method };
  }

  private readSecurityMatchers(args: SyntaxNode[]): void {
    for (const arg of args) {
      if (arg.type === 'lambda_expression') {
        walkCallableCode(arg, (node) => {
          if (node.type === 'method_invocation' && RULE_MATCHERS.has(methodNameOf(node, this.ctx.src))) {
            this.securityMatchers.push(...this.readMatcherArgs(argumentsOf(node)).patterns);
          }
        });
      } else {
        this.securityMatchers.push(...this.readMatcherArgs([arg]).patterns);
      }
    }
  }
}

/** `HttpMethod.GET` or a statically imported `GET` → `GET`; null otherwise. */
function httpMethodOf(arg: SyntaxNode, src: SourceText): string | null {
  const node = unwrapParentheses(arg);
  let name: string | null = null;
  if (node.type === 'identifier') name = src.of(node);
  else if (node.type === 'field_access') {
    const object = node.childByField('object');
    const field = node.childByField('field');
    if (object && field && src.compact(object).endsWith('HttpMethod')) name = src.of(field);
  }
  return name !== null && HTTP_METHODS.has(name) ? name : null;
}

/** `AbstractHttpConfigurer::disable`, `c -> c.disable()` or `CsrfConfigurer::disable`: the argument turns CSRF off. */
function disablesCsrf(arg: SyntaxNode, src: SourceText): boolean {
  if (arg.type === 'method_reference') {
    const last = arg.children[arg.children.length - 1];
    return last !== undefined && src.of(last) === 'disable';
  }
  if (arg.type === 'lambda_expression') {
    let disabled = false;
    walkCallableCode(arg, (node) => {
      if (node.type === 'method_invocation' && methodNameOf(node, src) === 'disable') disabled = true;
    });
    return disabled;
  }
  return false;
}
