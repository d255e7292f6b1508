/**
 * Source spans in the model's convention (model/types.ts `Span`): 1-based lines and columns in
 * UTF-16 code units, `endColumn` exclusive — tree-sitter's 0-based rows and columns plus one.
 */
import type { Span } from '../model/types.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';

/** The span of a node (case C21: row 10, columns 25–54 become line 11, columns 26–55). */
export function spanOf(node: SyntaxNode, src: SourceText): Span {
  const start = src.position(node.start);
  const end = src.position(node.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}
