/**
 * Annotation uses with their arguments (metrics.md §1.3, §1.5).
 */
import type { AnnotationArg, AnnotationUse, FileImports } from '../model/types.js';
import type { StringConstants } from './string-values.js';
import { isComment, type SourceText, type SyntaxNode } from './syntax-tree.js';

/** Annotation types of `java.lang`, usable without an import. */
const JAVA_LANG_ANNOTATIONS = new Set([
  'Override',
  'Deprecated',
  'SuppressWarnings',
  'SafeVarargs',
  'FunctionalInterface',
]);

/** What is needed to read annotations of one file. */
export interface AnnotationContext {
  src: SourceText;
  imports: FileImports;
  constants: StringConstants;
  /** Simple name → id of types declared in this file (top-level and nested). */
  fileTypes: Map<string, string>;
}

/**
 * The fully qualified name of an annotation (or type) name when the file decides it: already
 * qualified, a single-type import, a type declared in this file, or a `java.lang` annotation;
 * else null (a wildcard import or the same package may supply it, which only the whole model knows).
 */
function qualifyAnnotationName(name: string, ctx: AnnotationContext): string | null {
  if (name.includes('.')) return name;
  return (
    (Object.hasOwn(ctx.imports.single, name) ? ctx.imports.single[name] : undefined) ??
    ctx.fileTypes.get(name) ??
    (JAVA_LANG_ANNOTATIONS.has(name) ? `java.lang.${name}` : null)
  );
}

/** Whether a node is an annotation (`@A(…)` or the marker form `@A`). */
function isAnnotation(node: SyntaxNode): boolean {
  return node.type === 'annotation' || node.type === 'marker_annotation';
}

/**
 * Reads the annotations among `nodes` (typically a `modifiers` node's children, or a
 * declaration's children) as seen from the type at `typePath` (for constant lookup).
 */
export function readAnnotations(
  nodes: readonly SyntaxNode[],
  typePath: string,
  ctx: AnnotationContext,
): AnnotationUse[] {
  const uses: AnnotationUse[] = [];
  for (const node of nodes) if (isAnnotation(node)) uses.push(readAnnotation(node, typePath, ctx));
  return uses;
}

/** Annotations in a declaration's `modifiers` child and among its direct children. */
export function declarationAnnotations(
  declaration: SyntaxNode,
  typePath: string,
  ctx: AnnotationContext,
): AnnotationUse[] {
  const modifiers = declaration.childOfType('modifiers');
  const fromModifiers = modifiers ? readAnnotations(modifiers.children, typePath, ctx) : [];
  return [...fromModifiers, ...readAnnotations(declaration.children, typePath, ctx)];
}

/** Keyword modifiers of a declaration as written (`public`, `abstract`, `non-sealed` …), in source order. */
export function declarationModifiers(declaration: SyntaxNode): string[] {
  const modifiers = declaration.childOfType('modifiers');
  return modifiers ? modifiers.children.filter((c) => !c.named).map((c) => c.type) : [];
}

function readAnnotation(node: SyntaxNode, typePath: string, ctx: AnnotationContext): AnnotationUse {
  const nameNode = node.childByField('name');
  const name = nameNode ? ctx.src.compact(nameNode) : '';
  const args: Record<string, AnnotationArg> = {};
  const list = node.childByField('arguments');
  if (list) {
    for (const child of list.children) {
      if (!child.named || isComment(child)) continue;
      if (child.type === 'element_value_pair') {
        const key = child.childByField('key');
        const value = child.childByField('value');
        if (key && value) args[ctx.src.of(key)] = readArgument(value, typePath, ctx);
      } else {
        args['value'] = readArgument(child, typePath, ctx);
      }
    }
  }
  return { name, qualifiedName: qualifyAnnotationName(name, ctx), args, line: ctx.src.line(node) };
}

/** An element value: string values it denotes, and the other elements by their compact text. */
function readArgument(value: SyntaxNode, typePath: string, ctx: AnnotationContext): AnnotationArg {
  const strings: string[] = [];
  const names: string[] = [];
  const elements = value.type === 'element_value_array_initializer' ? value.namedChildren() : [value];
  for (const element of elements) {
    if (isComment(element)) continue;
    const resolved = ctx.constants.evaluate(element, typePath);
    if (resolved !== null) strings.push(...resolved);
    else names.push(ctx.src.compact(element));
  }
  return { strings, names, text: ctx.src.of(value) };
}
