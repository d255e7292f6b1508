/**
 * Exception detail reaching a client response (metrics.md §2 C2, case C15): returned, passed
 * to a response body, written to the response's writer, or put in a model. Logging is not
 * exposure. A small forward flow over local variables follows the detail through assignments,
 * string building and `printStackTrace(new PrintWriter(sw))` into `sw.toString()`.
 */
import type { ErrorExposure } from '../model/types.js';
import { callRole, type CallRoleContext } from './call-roles.js';
import { argumentsOf, binaryChainOperands, methodNameOf, unwrapParentheses } from './expressions.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';
import { walkCallableCode } from './walk.js';

type Detail = ErrorExposure['detail'];

/** What a method of the exception itself reveals. */
const EXCEPTION_METHODS = new Map<string, Detail>([
  ['getMessage', 'message'],
  ['getLocalizedMessage', 'message'],
  ['toString', 'exception'],
  ['getStackTrace', 'stack-trace'],
  ['getCause', 'cause'],
]);

/** Static helpers that render an exception (`ExceptionUtils.getStackTrace(e)`, Guava `Throwables`). */
const EXCEPTION_HELPERS = new Map<string, Detail>([
  ['getStackTrace', 'stack-trace'],
  ['getFullStackTrace', 'stack-trace'],
  ['getStackTraceAsString', 'stack-trace'],
  ['getStackFrames', 'stack-trace'],
  ['getRootCauseStackTrace', 'stack-trace'],
  ['getRootCauseMessage', 'message'],
  ['getMessage', 'message'],
  ['getRootCause', 'cause'],
  ['getCausalChain', 'cause'],
]);

/** Conversions and containers that carry an exception object itself into text or JSON. */
const CONVERSIONS = new Set([
  'valueOf',
  'toString',
  'format',
  'formatted',
  'join',
  'concat',
  'of',
  'ofEntries',
  'entry',
  'asList',
  'singletonMap',
  'singletonList',
  'singleton',
]);

/** Calls that store their arguments into the receiver (`sb.append(msg)`, `body.put("error", msg)`). */
const STORING_METHODS = new Set([
  'append',
  'write',
  'print',
  'println',
  'printf',
  'add',
  'put',
  'addAll',
  'putAll',
  'set',
]);

/** Writers wrapping another local (`new PrintWriter(sw)`): printing into them taints the wrapped local. */
const WRAPPING_METHODS = new Set(['printStackTrace']);

/**
 * Exposures of the exception variables `exceptionNames` within `region` (a catch block, or a
 * whole `@ExceptionHandler` body), in source order without repeats of (detail, via, line).
 */
export function findErrorExposures(
  region: SyntaxNode,
  exceptionNames: ReadonlySet<string>,
  ctx: CallRoleContext,
): ErrorExposure[] {
  if (exceptionNames.size === 0) return [];
  const flow = new DetailFlow(exceptionNames, ctx);
  const exposures: ErrorExposure[] = [];
  const seen = new Set<string>();
  const report = (details: Set<Detail>, via: ErrorExposure['via'], at: SyntaxNode): void => {
    const line = ctx.src.line(at);
    for (const detail of details) {
      const key = `${detail}|${via}|${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      exposures.push({ detail, via, line });
    }
  };
  walkCallableCode(region, (node) => {
    switch (node.type) {
      case 'lambda_expression':
        // A lambda's `return` is not the region's; its calls are still seen through its parent call's arguments.
        walkCallableCode(node, (inner) => {
          if (inner !== node) flow.observe(inner, report);
        });
        return false;
      case 'return_statement': {
        const value = node
          .namedChildren()
          .find((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
        if (value && !containsResponseCall(value, ctx)) {
          const details = flow.detailsOf(value);
          if (details.size > 0) report(details, 'return', node);
        }
        return true;
      }
      default:
        flow.observe(node, report);
        return true;
    }
  });
  return exposures;
}

function containsResponseCall(expr: SyntaxNode, ctx: CallRoleContext): boolean {
  let found = false;
  walkCallableCode(expr, (node) => {
    if (found) return false;
    const role = callRole(node, ctx);
    if (role !== null && role !== 'log' && role !== 'serialize') found = true;
    return !found;
  });
  return found;
}

/** Which locals carry which exception detail, updated in source order. */
class DetailFlow {
  private readonly tainted = new Map<string, Set<Detail>>();
  /** `PrintWriter pw = new PrintWriter(sw)` → `pw` wraps `sw`. */
  private readonly wraps = new Map<string, string[]>();
  private readonly exceptions: ReadonlySet<string>;
  private readonly ctx: CallRoleContext;
  private readonly src: SourceText;

  constructor(exceptions: ReadonlySet<string>, ctx: CallRoleContext) {
    this.exceptions = exceptions;
    this.ctx = ctx;
    this.src = ctx.src;
  }

  /** Updates the flow for one node and reports detail reaching a response call. */
  observe(
    node: SyntaxNode,
    report: (details: Set<Detail>, via: ErrorExposure['via'], at: SyntaxNode) => void,
  ): void {
    switch (node.type) {
      case 'variable_declarator': {
        const name = node.childByField('name');
        const value = node.childByField('value');
        if (!name || !value) return;
        this.taint(this.src.of(name), this.detailsOf(value));
        const wrapped = this.wrappedLocals(value);
        if (wrapped.length > 0) this.wraps.set(this.src.of(name), wrapped);
        return;
      }
      case 'assignment_expression': {
        const left = node.childByField('left');
        const right = node.childByField('right');
        if (left?.type === 'identifier' && right) this.taint(this.src.of(left), this.detailsOf(right));
        return;
      }
      case 'method_invocation':
      case 'object_creation_expression': {
        const role = callRole(node, this.ctx);
        const args = argumentsOf(node);
        if (role === 'response-body' || role === 'response-writer' || role === 'model') {
          for (const arg of args) {
            const details = this.detailsOf(arg);
            if (details.size > 0) report(details, role, node);
          }
        }
        if (node.type === 'method_invocation') this.observeStore(node, args, report);
        return;
      }
      default:
        return;
    }
  }

  /** `e.printStackTrace(new PrintWriter(sw))` and `sb.append(msg)`: the detail moves into a local (or straight into the response). */
  private observeStore(
    call: SyntaxNode,
    args: SyntaxNode[],
    report: (details: Set<Detail>, via: ErrorExposure['via'], at: SyntaxNode) => void,
  ): void {
    const name = methodNameOf(call, this.src);
    const object = call.childByField('object');
    const target = object ? unwrapParentheses(object) : null;
    if (target === null || target.type !== 'identifier') return;
    const receiver = this.src.of(target);
    if (WRAPPING_METHODS.has(name) && this.exceptions.has(receiver)) {
      for (const arg of args) {
        if (isResponseWriter(arg, this.ctx)) report(new Set(['stack-trace']), 'response-writer', call);
        for (const local of this.wrappedLocals(arg)) this.taint(local, new Set(['stack-trace']));
      }
      return;
    }
    if (STORING_METHODS.has(name) && !this.exceptions.has(receiver)) {
      for (const arg of args) this.taint(receiver, this.detailsOf(arg, true));
    }
  }

  private taint(local: string, details: Set<Detail>): void {
    if (details.size === 0) return;
    const set = this.tainted.get(local) ?? new Set<Detail>();
    for (const d of details) set.add(d);
    this.tainted.set(local, set);
    for (const inner of this.wraps.get(local) ?? []) this.taint(inner, details);
  }

  /** Locals an expression writes through: `sw` for `sw`, `new PrintWriter(sw)`, or a `pw` wrapping `sw`. */
  private wrappedLocals(expr: SyntaxNode): string[] {
    const node = unwrapParentheses(expr);
    if (node.type === 'identifier') return [this.src.of(node), ...(this.wraps.get(this.src.of(node)) ?? [])];
    if (node.type === 'object_creation_expression')
      return argumentsOf(node).flatMap((arg) => this.wrappedLocals(arg));
    return [];
  }

  /**
   * The exception detail an expression carries. `carryBare` lets the exception object itself
   * through a call argument; it does so only for string conversions and containers (and direct
   * response calls, handled by the caller), since passing `e` to a method is ordinary handling.
   */
  detailsOf(expr: SyntaxNode, carryBare = false): Set<Detail> {
    const node = unwrapParentheses(expr);
    switch (node.type) {
      case 'identifier': {
        const name = this.src.of(node);
        if (this.exceptions.has(name)) return new Set(['exception']);
        return new Set(this.tainted.get(name) ?? []);
      }
      case 'method_invocation':
        return this.callDetails(node);
      case 'object_creation_expression':
        return this.union(argumentsOf(node), false);
      case 'binary_expression':
        // Only string concatenation carries text; comparisons and arithmetic yield no detail.
        return this.union(
          binaryChainOperands(node, (b) => b.childByField('operator')?.type === '+'),
          true,
        );
      case 'array_initializer':
        return this.union(node.namedChildren(), true);
      case 'ternary_expression':
        return this.union([node.childByField('consequence'), node.childByField('alternative')], carryBare);
      case 'cast_expression': {
        const value = node.childByField('value');
        return value ? this.detailsOf(value, carryBare) : new Set();
      }
      default:
        return new Set();
    }
  }

  private callDetails(call: SyntaxNode): Set<Detail> {
    const role = callRole(call, this.ctx);
    if (role === 'log') return new Set();
    const name = methodNameOf(call, this.src);
    const objectNode = call.childByField('object');
    const object = objectNode ? unwrapParentheses(objectNode) : null;
    const args = argumentsOf(call);
    if (object?.type === 'identifier' && this.exceptions.has(this.src.of(object))) {
      const detail = EXCEPTION_METHODS.get(name);
      return detail ? new Set([detail]) : new Set();
    }
    if (args.some((arg) => this.isException(arg))) {
      const helper = EXCEPTION_HELPERS.get(name);
      if (helper) return new Set([helper]);
    }
    const fromReceiver = object ? this.detailsOf(object) : new Set<Detail>();
    if (fromReceiver.has('cause')) return new Set(['cause']);
    const fromArgs = this.union(args, CONVERSIONS.has(name));
    for (const d of fromReceiver) fromArgs.add(d);
    return fromArgs;
  }

  private isException(expr: SyntaxNode): boolean {
    const node = unwrapParentheses(expr);
    return node.type === 'identifier' && this.exceptions.has(this.src.of(node));
  }

  private union(nodes: (SyntaxNode | null)[], carryBare: boolean): Set<Detail> {
    const all = new Set<Detail>();
    for (const node of nodes) {
      if (node === null || (!carryBare && this.isException(node))) continue;
      for (const d of this.detailsOf(node, carryBare)) all.add(d);
    }
    return all;
  }
}

/** `response.getWriter()`, `response.getOutputStream()`, or a local holding one. */
function isResponseWriter(expr: SyntaxNode, ctx: CallRoleContext): boolean {
  const node = unwrapParentheses(expr);
  if (node.type === 'identifier') return ctx.responseWriters.has(ctx.src.of(node));
  if (node.type === 'method_invocation') {
    const name = methodNameOf(node, ctx.src);
    return name === 'getWriter' || name === 'getOutputStream';
  }
  return false;
}
