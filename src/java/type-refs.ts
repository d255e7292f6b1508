/**
 * Type references as written in source: the erased name and the compact text (metrics.md §1.3–§1.4).
 */
import type { TypeRef } from '../model/types.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';

/** Node types that are annotations on a type (`@NonNull String`). */
const ANNOTATION_NODES = new Set(['annotation', 'marker_annotation']);

/**
 * The erased name of a type node: type arguments and annotations removed, qualification and
 * array suffix kept (`java.util.List<String>[]` → `java.util.List[]`).
 */
export function erasedTypeName(node: SyntaxNode, src: SourceText): string {
  switch (node.type) {
    case 'generic_type': {
      const base = node.children.find(
        (c) => c.type === 'type_identifier' || c.type === 'scoped_type_identifier',
      );
      return base ? erasedTypeName(base, src) : src.compact(node);
    }
    case 'scoped_type_identifier':
      return node.children
        .filter((c) => c.named && !ANNOTATION_NODES.has(c.type))
        .map((c) => erasedTypeName(c, src))
        .join('.');
    case 'array_type': {
      const element = node.childByField('element');
      const dimensions = node.childByField('dimensions');
      return (element ? erasedTypeName(element, src) : '') + (dimensions ? arraySuffix(dimensions) : '');
    }
    case 'annotated_type': {
      const base = node.children.find((c) => c.named && !ANNOTATION_NODES.has(c.type));
      return base ? erasedTypeName(base, src) : src.compact(node);
    }
    default:
      return src.compact(node);
  }
}

/** `[]` once per bracket pair of a `dimensions` node (annotations on dimensions dropped). */
export function arraySuffix(dimensions: SyntaxNode): string {
  return '[]'.repeat(dimensions.children.filter((c) => c.type === '[').length);
}

/** A `TypeRef` for a type node; `extraDimensions` is a `dimensions` node written after a name (`String args[]`). */
export function typeRef(node: SyntaxNode, src: SourceText, extraDimensions?: SyntaxNode | null): TypeRef {
  const suffix = extraDimensions ? arraySuffix(extraDimensions) : '';
  return { name: erasedTypeName(node, src) + suffix, text: src.compact(node) + suffix };
}

/** Whether a type node is the `var` of local type inference. */
export function isVarType(node: SyntaxNode, src: SourceText): boolean {
  return node.type === 'type_identifier' && src.of(node) === 'var';
}

/** Names declared by a `type_parameters` node (`<T extends X, R>` → `['T','R']`). */
export function typeParameterNames(node: SyntaxNode | null, src: SourceText): string[] {
  if (node === null) return [];
  const names: string[] = [];
  for (const parameter of node.children) {
    if (parameter.type !== 'type_parameter') continue;
    const name = parameter.childOfType('type_identifier');
    if (name) names.push(src.of(name));
  }
  return names;
}
