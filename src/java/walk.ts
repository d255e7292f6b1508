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
