/**
 * Fingerprint of a callable body for duplication (metrics.md §2 F1): the body's tokens with
 * identifiers replaced by `id` (keywords kept), literals by `STR` / `CHR` / `NUM`, comments
 * dropped; SHA-1 of the tokens each followed by a space (as the original); null below 40 tokens.
 */
import { createHash } from 'node:crypto';
import type { SourceText, SyntaxNode } from './syntax-tree.js';

/** Bodies with fewer tokens have no fingerprint (original's threshold). */
const MIN_FINGERPRINT_TOKENS = 40;

/** Java keywords and literals that stay as themselves when written as identifiers (contextual keywords included). */
const KEYWORDS = new Set(
  (
    'abstract assert boolean break byte case catch char class const continue default do double else enum extends final ' +
    'finally float for goto if implements import instanceof int interface long native new package private protected ' +
    'public return short static strictfp super switch synchronized this throw throws transient try void volatile while ' +
    'record sealed permits var yield true false null'
  ).split(' '),
);

/** Literal node types and their token. */
const LITERAL_TOKENS = new Map([
  ['string_literal', 'STR'],
  ['character_literal', 'CHR'],
  ['decimal_integer_literal', 'NUM'],
  ['hex_integer_literal', 'NUM'],
  ['octal_integer_literal', 'NUM'],
  ['binary_integer_literal', 'NUM'],
  ['decimal_floating_point_literal', 'NUM'],
  ['hex_floating_point_literal', 'NUM'],
]);

/** `{tokens, hash}` of a body (hash: lowercase hex SHA-1), or null when it has fewer than 40 tokens. */
export function bodyFingerprint(
  body: SyntaxNode | null,
  src: SourceText,
): { tokens: number; hash: string } | null {
  if (body === null) return null;
  const tokens: string[] = [];
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop() as SyntaxNode;
    if (node.type === 'line_comment' || node.type === 'block_comment') continue;
    const literal = LITERAL_TOKENS.get(node.type);
    if (literal !== undefined) {
      tokens.push(literal);
      continue;
    }
    if (node.children.length === 0) {
      tokens.push(leafToken(node, src));
      continue;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as SyntaxNode);
  }
  if (tokens.length < MIN_FINGERPRINT_TOKENS) return null;
  const hash = createHash('sha1')
    .update(tokens.join(' ') + ' ')
    .digest('hex');
  return { tokens: tokens.length, hash };
}

function leafToken(leaf: SyntaxNode, src: SourceText): string {
  if (!leaf.named) return leaf.type;
  const text = src.of(leaf);
  if (leaf.type === 'identifier' || leaf.type === 'type_identifier') return KEYWORDS.has(text) ? text : 'id';
  return text;
}
