/**
 * Small readings of expression syntax shared by the analyses: parentheses, arguments, method
 * names, and long operator chains.
 */
import { isComment, type SourceText, type SyntaxNode } from './syntax-tree.js';

/** `(((x)))` → `x`. */
export function unwrapParentheses(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.children.find((c) => c.named && !isComment(c));
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The named, non-comment arguments of a call or constructor call. */
export function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const list = call.childByField('arguments');
  return list ? list.children.filter((c) => c.named && !isComment(c)) : [];
}

/** The method name of a `method_invocation`. */
export function methodNameOf(call: SyntaxNode, src: SourceText): string {
  const name = call.childByField('name');
  return name ? src.of(name) : '';
}

/**
 * The operands of a left-nested chain of binary expressions (`a + b + c` is `(a + b) + c`), in
 * source order, found without recursion: generated code can chain thousands of `+`, deeper
 * than the call stack allows. `continues` decides which binary expressions belong to the chain.
 */
export function binaryChainOperands(
  node: SyntaxNode,
  continues: (binary: SyntaxNode) => boolean,
): SyntaxNode[] {
  const rights: SyntaxNode[] = [];
  let current = node;
  while (current.type === 'binary_expression' && continues(current)) {
    const right = current.childByField('right');
    if (right) rights.push(right);
    const left = current.childByField('left');
    if (!left) break;
    current = left;
  }
  const operands = current === node ? [] : [current];
  for (let i = rights.length - 1; i >= 0; i--) operands.push(rights[i] as SyntaxNode);
  return operands;
}
