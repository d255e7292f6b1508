/**
 * Mentions of secret-looking identifiers with the context they sit in (metrics.md §2 C3): an
 * argument of a logging call, of serialisation to text, a value put in a response, or other.
 * Which names are secret is decided by the injected predicate (the security catalogue); string
 * literals never count.
 */
import type { IdentifierUse } from '../model/types.js';
import { callRole, type CallRoleContext } from './call-roles.js';
import { argumentsOf } from './error-exposure.js';
import type { SyntaxNode } from './syntax-tree.js';
import { isNestedTypeBody } from './walk.js';

/** Context of a use; the innermost call that logs, serialises or responds decides it. */
type UseContext = IdentifierUse['context'];

/** What identifier-use extraction needs about the callable. */
export interface IdentifierUseContext extends CallRoleContext {
  isSecretName: (identifier: string) => boolean;
  /** A `toString()` method: what it returns is serialisation to text. */
  isToString: boolean;
}

/** Secret identifier uses in a callable body, in source order without repeats of (name, line, context). */
export function collectIdentifierUses(body: SyntaxNode, ctx: IdentifierUseContext): IdentifierUse[] {
  const uses: IdentifierUse[] = [];
  const seen = new Set<string>();
  const visit = (node: SyntaxNode, context: UseContext, inLambda: boolean): void => {
    if (isNestedTypeBody(node) || node.type === 'string_literal') return;
    if (node.type === 'identifier') {
      const name = ctx.src.of(node);
      if (!ctx.isSecretName(name)) return;
      const line = ctx.src.line(node);
      const key = `${name}|${line}|${context}`;
      if (!seen.has(key)) {
        seen.add(key);
        uses.push({ name, line, context });
      }
      return;
    }
    if (node.type === 'return_statement' && !inLambda && context === 'other') {
      const returned: UseContext = ctx.isToString ? 'serialize' : 'response';
      for (const child of node.children) if (child.named) visit(child, returned, inLambda);
      return;
    }
    if (node.type === 'method_invocation' || node.type === 'object_creation_expression') {
      const role = callRole(node, ctx);
      if (role !== null) {
        const argContext: UseContext = role === 'log' || role === 'serialize' ? role : 'response';
        const args = new Set(argumentsOf(node));
        for (const child of node.children) {
          if (child.type === 'argument_list') {
            for (const arg of child.children)
              if (arg.named) visit(arg, args.has(arg) ? argContext : context, inLambda);
          } else if (child.named) {
            visit(child, context, inLambda);
          }
        }
        return;
      }
    }
    const lambda = inLambda || node.type === 'lambda_expression';
    for (const child of node.children) if (child.named) visit(child, context, lambda);
  };
  visit(body, 'other', false);
  return uses;
}
