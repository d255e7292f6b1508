/**
 * Walking a callable's code: everything lexically inside it except the bodies of nested
 * (anonymous or local) classes, whose code belongs to their own callables (metrics.md §1.13).
 */
import type { SyntaxNode } from './syntax-tree.js';

/** Declarations of local types. */
const LOCAL_TYPE_DECLARATIONS = new Set([
  'class_declaration',
  'interface_declaration',
  'enum_declaration',
  'record_declaration',
  'annotation_type_declaration',
]);

/** Whether a node starts code that belongs to another callable: an anonymous class body or a local type. */
export function isNestedTypeBody(node: SyntaxNode): boolean {
  return node.type === 'class_body' || LOCAL_TYPE_DECLARATIONS.has(node.type);
}

/**
 * Pre-order walk of `root`'s subtree in source order, skipping nested type bodies. `visit`
 * returns false to skip a node's children. Iterative, so deep expressions cannot overflow the stack.
 */
export function walkCallableCode(root: SyntaxNode, visit: (node: SyntaxNode) => boolean | void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (node !== root && isNestedTypeBody(node)) continue;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SyntaxNode);
  }
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
