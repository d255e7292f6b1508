/**
 * A plain, read-only copy of a tree-sitter syntax tree, and the source text it came from.
 *
 * The extractor works on this copy rather than on `web-tree-sitter` nodes: the copy is built in
 * one cursor walk (see `parser.ts`), after which the WASM tree is freed at once, so no WASM
 * memory outlives a parse and every later pass is plain JavaScript without WASM calls.
 * Nothing here leaves `src/java/`.
 */

/** One node of the syntax tree. Offsets are UTF-16 code units into the source (JS string indices). */
export class SyntaxNode {
  /** Grammar node type (`method_invocation`), or the token text for anonymous nodes (`&&`, `if`). */
  readonly type: string;
  /** Named node (in the grammar's sense); anonymous nodes are keywords and punctuation. */
  readonly named: boolean;
  /** Field name of this node in its parent (`name`, `object`, `body` …), or null. */
  readonly field: string | null;
  /** Start offset (inclusive). */
  start = 0;
  /** End offset (exclusive). */
  end = 0;
  readonly children: SyntaxNode[] = [];
  readonly parent: SyntaxNode | null;

  constructor(type: string, named: boolean, field: string | null, parent: SyntaxNode | null) {
    this.type = type;
    this.named = named;
    this.field = field;
    this.parent = parent;
  }

  /** The first child in field `name`, or null. */
  childByField(name: string): SyntaxNode | null {
    for (const child of this.children) if (child.field === name) return child;
    return null;
  }

  /** Every child in field `name`, in source order. */
  childrenByField(name: string): SyntaxNode[] {
    return this.children.filter((child) => child.field === name);
  }

  /** The first direct child of the given type, or null. */
  childOfType(type: string): SyntaxNode | null {
    for (const child of this.children) if (child.type === type) return child;
    return null;
  }

  /** Named children, comments included, in source order. */
  namedChildren(): SyntaxNode[] {
    return this.children.filter((child) => child.named);
  }
}

/** A 1-based line and a 1-based column in UTF-16 code units. */
export interface Position {
  line: number;
  column: number;
}

/** The text of a file with a line index, for node text and 1-based positions. */
export class SourceText {
  readonly text: string;
  /** Offset at which each line starts; lines are split at `\n`, as tree-sitter counts rows. */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  /** Number of lines: line terminators, plus one for a last line without one; 0 for an empty file. */
  get lineCount(): number {
    const terminated = this.lineStarts.length - 1;
    return this.text.length > (this.lineStarts[terminated] ?? 0) ? terminated + 1 : terminated;
  }

  /** Source text of a node. */
  of(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** Source text of a node with all whitespace removed (`Map<String, List<String>>` → `Map<String,List<String>>`). */
  compact(node: SyntaxNode): string {
    return this.of(node).replace(/\s+/g, '');
  }

  /** 1-based position of an offset. */
  position(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }

  /** 1-based line of a node's start. */
  line(node: SyntaxNode): number {
    return this.position(node.start).line;
  }
}

/** A `line_comment` or `block_comment` node. */
export function isComment(node: SyntaxNode): boolean {
  return node.type === 'line_comment' || node.type === 'block_comment';
}
