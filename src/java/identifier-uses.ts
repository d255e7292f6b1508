/**
 * Mentions of secret-looking identifiers with the context they sit in (metrics.md §2 C3): an
 * argument of a logging call, of serialisation to text, a value put in a response, or other.
 * Which names are secret is decided by the injected predicate (the security catalogue); string
 * literals never count.
 */
import type { IdentifierUse } from '../model/types.js';
import { callRole, type CallRoleContext } from './call-roles.js';
import { binaryChainOperands, methodNameOf } from './expressions.js';
import type { SyntaxNode } from './syntax-tree.js';
import { isNestedTypeBody } from './walk.js';

/** Context of a use; the innermost call that logs, serialises or responds decides it. */
type UseContext = IdentifierUse['context'];

/** Calls that carry their arguments' text into their result (`String.format`, `Map.of`, `sb.append`). */
const CARRYING_CALLS = new Set([
  'valueOf',
  'format',
  'formatted',
  'concat',
  'join',
  'of',
  'ofEntries',
  'entry',
  'asList',
  'singletonMap',
  'singletonList',
  'singleton',
  'toString',
  'append',
  'put',
]);

/** Method-name prefixes of calls whose result says something about the receiver without revealing it (`password.isEmpty()`). */
const PREDICATE_PREFIXES = [
  'is',
  'has',
  'equals',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'compareTo',
  'length',
  'size',
  'hashCode',
  'count',
];

/** What identifier-use extraction needs about the callable. */
export interface IdentifierUseContext extends CallRoleContext {
  isSecretName: (identifier: string) => boolean;
  /** A `toString()` method: what it returns is serialisation to text. */
  isToString: boolean;
}

/**
 * Secret identifier uses in a callable body, in source order without repeats of (name, line,
 * context). Logging and serialisation reach into every sub-expression of their arguments (text
 * is built from them); a returned value or response argument reaches only what flows into the
 * value itself: not the arguments of an ordinary call, nor the receiver of a predicate such as
 * `isEmpty()`.
 */
export function collectIdentifierUses(body: SyntaxNode, ctx: IdentifierUseContext): IdentifierUse[] {
  const uses: IdentifierUse[] = [];
  const seen = new Set<string>();
  const record = (node: SyntaxNode, context: UseContext): void => {
    const name = ctx.src.of(node);
    if (!ctx.isSecretName(name)) return;
    const line = ctx.src.line(node);
    const key = `${name}|${line}|${context}`;
    if (seen.has(key)) return;
    seen.add(key);
    uses.push({ name, line, context });
  };
  const visit = (node: SyntaxNode, context: UseContext, inLambda: boolean): void => {
    if (isNestedTypeBody(node) || node.type === 'string_literal') return;
    switch (node.type) {
      case 'identifier':
        record(node, context);
        return;
      case 'return_statement':
        if (!inLambda && context === 'other') {
          const returned: UseContext = ctx.isToString ? 'serialize' : 'response';
          for (const child of node.children) if (child.named) visit(child, returned, inLambda);
          return;
        }
        break;
      case 'lambda_expression':
        for (const child of node.children) if (child.named) visit(child, context, true);
        return;
      case 'binary_expression':
        for (const operand of binaryChainOperands(node, () => true)) visit(operand, context, inLambda);
        return;
      case 'method_invocation':
      case 'object_creation_expression':
        visitCall(node, context, inLambda);
        return;
    }
    for (const child of node.children) if (child.named) visit(child, context, inLambda);
  };
  const visitCall = (call: SyntaxNode, context: UseContext, inLambda: boolean): void => {
    const role = callRole(call, ctx);
    const name = call.type === 'method_invocation' ? methodNameOf(call, ctx.src) : '';
    let argContext: UseContext = context;
    let receiverContext: UseContext = context;
    if (role !== null) {
      argContext = role === 'log' || role === 'serialize' ? role : 'response';
    } else if (context === 'response') {
      if (call.type === 'method_invocation' && !CARRYING_CALLS.has(name)) argContext = 'other';
      if (PREDICATE_PREFIXES.some((prefix) => name.startsWith(prefix))) receiverContext = 'other';
    }
    for (const child of call.children) {
      if (!child.named) continue;
      if (child.type === 'argument_list') {
        for (const arg of child.children) if (arg.named) visit(arg, argContext, inLambda);
      } else {
        visit(child, child.field === 'object' ? receiverContext : context, inLambda);
      }
    }
  };
  visit(body, 'other', false);
  return uses;
}
