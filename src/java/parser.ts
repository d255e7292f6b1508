/**
 * Loads the tree-sitter Java grammar (WASM, from the installed `tree-sitter-java` package) and
 * parses sources into plain `SyntaxNode` trees.
 *
 * The WASM tree lives only inside `parseJava`: it is copied in one `TreeCursor` walk and deleted
 * in a `finally`, so callers never hold WASM memory and cannot leak it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Language, Parser, type TreeCursor } from 'web-tree-sitter';
import { SyntaxNode } from './syntax-tree.js';

/** The grammar and what the copy walk needs from it, looked up once. */
interface LoadedGrammar {
  parser: Parser;
  /** Type name per type id. */
  types: string[];
  /** Whether each type id is a named node type. */
  named: boolean[];
  /** Field name per field id (index 0 is "no field"). */
  fields: (string | null)[];
  /** Node types that have fields: only their children need their field name asked. */
  typesWithFields: Set<string>;
  /** Named node types that never have children (`identifier`, literals, comments). */
  leafTypes: Set<string>;
}

/** The part of the grammar's `node-types.json` the copy walk uses. */
interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
  children?: unknown;
  subtypes?: unknown;
}

let grammar: LoadedGrammar | null = null;
let loading: Promise<void> | null = null;

/** Folder of the installed `tree-sitter-java` package. */
function grammarPackageDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('tree-sitter-java/package.json'));
}

/** Absolute path of `tree-sitter-java.wasm` in the installed `tree-sitter-java` package. */
export function javaGrammarPath(): string {
  return path.join(grammarPackageDir(), 'tree-sitter-java.wasm');
}

/**
 * Which node types have fields and which are leaves, from the package's `src/node-types.json`.
 * Knowing them saves WASM calls: the field of a child is asked only under a type with fields,
 * and a leaf is never asked for a first child.
 */
function readNodeTypes(): { typesWithFields: Set<string>; leafTypes: Set<string> } {
  const nodeTypes = JSON.parse(
    readFileSync(path.join(grammarPackageDir(), 'src', 'node-types.json'), 'utf8'),
  ) as NodeTypeInfo[];
  const typesWithFields = new Set<string>();
  const leafTypes = new Set<string>();
  for (const info of nodeTypes) {
    if (!info.named) continue;
    const hasFields = info.fields !== undefined && Object.keys(info.fields).length > 0;
    if (hasFields) typesWithFields.add(info.type);
    if (!hasFields && info.children === undefined && info.subtypes === undefined) leafTypes.add(info.type);
  }
  return { typesWithFields, leafTypes };
}

/**
 * Initialises web-tree-sitter and loads the Java grammar; later calls return the same promise.
 * Must complete before `parseJava` or `extractFile`. Rejects if the WASM files cannot be read.
 */
export function loadJavaParser(): Promise<void> {
  loading ??= (async () => {
    await Parser.init();
    const language = await Language.load(javaGrammarPath());
    const parser = new Parser();
    parser.setLanguage(language);
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) named.push(language.nodeTypeIsNamed(id));
    grammar = { parser, types: language.types, named, fields: language.fields, ...readNodeTypes() };
  })();
  return loading;
}

/** A parsed file: the copied tree and the number of `ERROR` and `MISSING` nodes in it. */
export interface ParsedJava {
  root: SyntaxNode;
  parseErrors: number;
}

/**
 * Parses Java source into a `SyntaxNode` tree. Never throws on malformed Java (tree-sitter
 * recovers with ERROR / MISSING nodes, which are counted). Throws if the parser is not loaded or
 * tree-sitter returns no tree.
 */
export function parseJava(source: string): ParsedJava {
  if (grammar === null) throw new Error('Java parser not loaded: await loadJavaParser() first');
  const tree = grammar.parser.parse(source);
  if (tree === null) throw new Error('tree-sitter returned no tree');
  try {
    const cursor = tree.walk();
    try {
      return copyTree(cursor, grammar, tree.rootNode.hasError);
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete();
  }
}

/**
 * Copies the tree under the cursor in one pre-order walk, with as few WASM calls as the grammar
 * allows: an inner node spans exactly its first to its last child, so only leaves read offsets;
 * an anonymous leaf (a keyword or punctuation token) is as long as its type name, so it reads
 * only its start; fields are asked only under types that have fields; leaves are not asked for
 * children. `MISSING` is asked only when the tree has errors (a tree without errors has none),
 * and then every offset is read, since a missing token has no width.
 */
function copyTree(cursor: TreeCursor, g: LoadedGrammar, hasErrors: boolean): ParsedJava {
  let parseErrors = 0;
  const open = (parent: SyntaxNode | null): SyntaxNode => {
    const typeId = cursor.nodeTypeId;
    const type = g.types[typeId] ?? 'ERROR';
    if (hasErrors && (type === 'ERROR' || cursor.nodeIsMissing)) parseErrors++;
    const field =
      parent !== null && g.typesWithFields.has(parent.type)
        ? (g.fields[cursor.currentFieldId] ?? null)
        : null;
    const node = new SyntaxNode(type, g.named[typeId] ?? true, field, parent);
    parent?.children.push(node);
    return node;
  };
  const isLeaf = (node: SyntaxNode): boolean => !node.named || g.leafTypes.has(node.type);
  const close = (node: SyntaxNode): void => {
    const first = node.children[0];
    const last = node.children[node.children.length - 1];
    if (first === undefined || last === undefined) {
      node.start = cursor.startIndex;
      node.end = !node.named && !hasErrors ? node.start + node.type.length : cursor.endIndex;
    } else {
      node.start = first.start;
      node.end = last.end;
    }
  };
  const root = open(null);
  let current = root;
  for (;;) {
    if (!isLeaf(current) && cursor.gotoFirstChild()) {
      current = open(current);
      continue;
    }
    for (;;) {
      close(current);
      const parent = current.parent;
      if (parent === null) return { root, parseErrors };
      if (cursor.gotoNextSibling()) {
        current = open(parent);
        break;
      }
      cursor.gotoParent();
      current = parent;
    }
  }
}
