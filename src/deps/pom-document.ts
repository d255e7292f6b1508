/**
 * One `pom.xml` read as XML into the parts the effective-POM resolution needs, as written
 * (no inheritance, no `${…}` expansion yet; that is `effective-pom.ts`).
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Span } from '../model/types.js';
import { LineIndex } from './text-position.js';

/** A `<dependency>` element as written; absent children are undefined. */
export interface PomDependencyElement {
  groupId: string | undefined;
  artifactId: string | undefined;
  version: string | undefined;
  scope: string | undefined;
  type: string | undefined;
  /** The `<dependency>` element's extent. */
  span: Span;
}

/** The `<parent>` element as written. */
export interface PomParentElement {
  groupId: string | undefined;
  artifactId: string | undefined;
  version: string | undefined;
  /** `<relativePath>` text: undefined when absent (Maven's default `../pom.xml`), `''` when empty (no file lookup). */
  relativePath: string | undefined;
}

/** A POM's own declarations. */
export interface PomDocument {
  /** Repo-relative path. */
  path: string;
  groupId: string | undefined;
  artifactId: string | undefined;
  version: string | undefined;
  parent: PomParentElement | null;
  /** `<properties>` in document order. */
  properties: Map<string, string>;
  /**
   * Direct dependencies: `project/dependencies` and `project/profiles/profile/dependencies`.
   * Profile dependencies are kept because each is a direct dependency of some build of the
   * project (the original counted them too); plugin dependencies are not read.
   */
  dependencies: PomDependencyElement[];
  /** `project/dependencyManagement/dependencies` entries (pins and BOM imports), not dependencies. */
  managed: PomDependencyElement[];
}

/** The result of reading a POM: the document, or why it could not be read. */
export type PomReadResult = { ok: true; pom: PomDocument } | { ok: false; problem: string };

/** A node of fast-xml-parser's ordered output: `{ tag: children }` or `{ '#text': value }`. */
type OrderedNode = Record<string, unknown>;

const metadataSymbol = XMLParser.getMetaDataSymbol() as unknown as string;

/**
 * Ordered output keeps element positions (`captureMetaData`) for finding locations. Entities of
 * an internal DOCTYPE are expanded within the parser's default limits (entity count, size and
 * total expansions), so a hostile POM cannot exhaust memory ("billion laughs").
 */
const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
});

function tagOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const tag = tagOf(node);
  const children = tag === undefined ? undefined : node[tag];
  return Array.isArray(children) ? (children as OrderedNode[]) : [];
}

function elements(node: OrderedNode, name: string): OrderedNode[] {
  return childrenOf(node).filter((child) => tagOf(child) === name);
}

function element(node: OrderedNode, name: string): OrderedNode | undefined {
  return elements(node, name)[0];
}

/** Text content of an element (comments are dropped by the parser), trimmed. */
function textOf(node: OrderedNode): string {
  return childrenOf(node)
    .map((child) => (typeof child['#text'] === 'string' ? child['#text'] : ''))
    .join('')
    .trim();
}

function childText(node: OrderedNode, name: string): string | undefined {
  const child = element(node, name);
  return child === undefined ? undefined : textOf(child);
}

/** Follows a path of child element names, collecting every match at the last step. */
function descend(node: OrderedNode, path: string[]): OrderedNode[] {
  let level = [node];
  for (const name of path) level = level.flatMap((n) => elements(n, name));
  return level;
}

function dependencyElement(node: OrderedNode, lines: LineIndex): PomDependencyElement {
  const meta = node[metadataSymbol] as { startIndex?: number; endIndex?: number } | undefined;
  const start = meta?.startIndex ?? 0;
  return {
    groupId: childText(node, 'groupId'),
    artifactId: childText(node, 'artifactId'),
    version: childText(node, 'version'),
    scope: childText(node, 'scope'),
    type: childText(node, 'type'),
    span: lines.span(start, meta?.endIndex ?? start),
  };
}

/**
 * Reads one POM. Well-formedness is checked first (the parser alone accepts unclosed tags);
 * a document that is not well-formed XML, or whose root is not `<project>`, is reported as a
 * problem with its position, never thrown.
 */
export function readPom(path: string, text: string): PomReadResult {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, msg } = validation.err;
    return { ok: false, problem: `${path}: not well-formed XML at line ${line}: ${msg}` };
  }
  let tree: OrderedNode[];
  try {
    tree = parser.parse(text) as OrderedNode[];
  } catch (error) {
    return { ok: false, problem: `${path}: XML parser failed: ${(error as Error).message}` };
  }
  const project = tree.find((node) => tagOf(node) === 'project');
  if (project === undefined) return { ok: false, problem: `${path}: root element is not <project>` };

  const lines = new LineIndex(text);
  const parentNode = element(project, 'parent');
  const properties = new Map<string, string>();
  for (const propertiesNode of elements(project, 'properties')) {
    for (const property of childrenOf(propertiesNode)) {
      const name = tagOf(property);
      if (name !== undefined) properties.set(name, textOf(property));
    }
  }
  const dependencyNodes = [
    ...descend(project, ['dependencies', 'dependency']),
    ...descend(project, ['profiles', 'profile', 'dependencies', 'dependency']),
  ];
  return {
    ok: true,
    pom: {
      path,
      groupId: childText(project, 'groupId'),
      artifactId: childText(project, 'artifactId'),
      version: childText(project, 'version'),
      parent:
        parentNode === undefined
          ? null
          : {
              groupId: childText(parentNode, 'groupId'),
              artifactId: childText(parentNode, 'artifactId'),
              version: childText(parentNode, 'version'),
              relativePath: childText(parentNode, 'relativePath'),
            },
      properties,
      dependencies: dependencyNodes.map((node) => dependencyElement(node, lines)),
      managed: descend(project, ['dependencyManagement', 'dependencies', 'dependency']).map((node) =>
        dependencyElement(node, lines),
      ),
    },
  };
}
