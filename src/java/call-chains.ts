/**
 * Fluent call chains (`a.b().c().d()`), the shape of Spring's configuration DSLs.
 */
import { unwrapParentheses } from './expressions.js';
import { isComment, type SyntaxNode } from './syntax-tree.js';
import { walkCallableCode } from './walk.js';

/** A chain of calls, innermost first, and what the innermost call is made on (null when unqualified). */
export interface CallChain {
  calls: SyntaxNode[];
  root: SyntaxNode | null;
}

/** The chain ending in `outermost` (`http.csrf().disable()` → [csrf(), disable()], root `http`). */
export function flattenChain(outermost: SyntaxNode): CallChain {
  const calls: SyntaxNode[] = [];
  let current: SyntaxNode | null = outermost;
  let root: SyntaxNode | null = null;
  while (current !== null && current.type === 'method_invocation') {
    calls.unshift(current);
    const object: SyntaxNode | null = current.childByField('object');
    const inner: SyntaxNode | null = object ? unwrapParentheses(object) : null;
    if (inner?.type === 'method_invocation') current = inner;
    else {
      root = inner;
      current = null;
    }
  }
  return { calls, root };
}

/** Whether a `method_invocation` is the outermost call of its chain (not the receiver of another call). */
function isChainTop(call: SyntaxNode): boolean {
  let node = call;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  return !(node.parent?.type === 'method_invocation' && node.field === 'object');
}

/** The outermost chains of a code region in source order (lambdas inside them are not entered). */
export function topChains(region: SyntaxNode, wanted: (chain: CallChain) => boolean): CallChain[] {
  const chains: CallChain[] = [];
  walkCallableCode(region, (node) => {
    if (node.type !== 'method_invocation' || !isChainTop(node)) return true;
    const chain = flattenChain(node);
    if (!wanted(chain)) return true;
    chains.push(chain);
    return false;
  });
  return chains;
}

/**
 * The chains a lambda body consists of: an expression body is one chain; a block body gives the
 * chain of each expression statement (`auth -> { auth.a().b(); auth.c().d(); }`).
 */
export function lambdaChains(lambda: SyntaxNode): CallChain[] {
  const body = lambda.childByField('body');
  if (!body) return [];
  const expressions =
    body.type === 'block'
      ? body.children
          .filter((s) => s.type === 'expression_statement')
          .map((s) => s.children.find((c) => c.named && !isComment(c)))
      : [body];
  return expressions
    .map((e) => (e ? unwrapParentheses(e) : null))
    .filter((e): e is SyntaxNode => e?.type === 'method_invocation')
    .map(flattenChain);
}
