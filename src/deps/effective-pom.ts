/**
 * The effective-POM rules E1 needs, computed offline over the repository's POMs only
 * (Maven's model building, reduced): inheritance of groupId and version from `<parent>`,
 * properties inherited from in-repo ancestors, `${…}` interpolation, versions and scopes from
 * `dependencyManagement` (own, inherited, and BOMs imported from the repository). Parents and
 * BOMs outside the repository are never fetched: what they would decide is reported as unknown,
 * naming them.
 */

import path from 'node:path';
import { isInNamespace } from './classify.js';
import type { BomImport, Dependency, ModuleCoordinates } from './types.js';
import type { PomDependencyElement, PomDocument } from './pom-document.js';

/** What the Maven part of a repository contributes to `DependencyFacts`. */
export interface MavenProjects {
  /** Coordinates of every POM with an artifactId, in the input order. */
  modules: ModuleCoordinates[];
  /** Every direct dependency declaration, in the input order of POMs, then document order. */
  dependencies: Dependency[];
  boms: BomImport[];
  notes: string[];
}

/** One `${…}` expansion: the value, or null with the names that could not be resolved. */
interface Expansion {
  value: string | null;
  unresolved: string[];
}

/** A managed version pin as the module sees it (already interpolated in the module's context). */
interface ManagedPin {
  version: Expansion | null;
  scope: string | undefined;
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;
/** Interpolation depth limit: properties that refer to each other deeper than this are unresolved. */
const MAX_EXPANSION_DEPTH = 10;

/** A POM with its in-repository ancestry. */
interface ModuleContext {
  pom: PomDocument;
  parent: ModuleContext | null;
  /** The nearest ancestor `<parent>` that is not in the repository, as `g:a:v`, or null. */
  remoteParent: string | null;
  /** Properties of the POM and its in-repo ancestors; the nearer declaration wins. */
  properties: Map<string, string>;
}

/** The Maven reactor of one repository: POMs by path and by coordinates, with memoised contexts. */
class Reactor {
  private readonly byPath = new Map<string, PomDocument>();
  private readonly byCoordinates = new Map<string, PomDocument[]>();
  private readonly contexts = new Map<string, ModuleContext>();
  private readonly resolving = new Set<string>();
  readonly notes: string[] = [];

  constructor(poms: PomDocument[]) {
    for (const pom of poms) {
      this.byPath.set(pom.path, pom);
      const key = `${pom.groupId ?? pom.parent?.groupId}:${pom.artifactId}`;
      this.byCoordinates.set(key, [...(this.byCoordinates.get(key) ?? []), pom]);
    }
  }

  /** A repository POM with these coordinates, preferring the same version, then the first by path. */
  findByCoordinates(
    group: string | undefined,
    artifact: string | undefined,
    version?: string,
  ): PomDocument | null {
    const candidates = this.byCoordinates.get(`${group}:${artifact}`) ?? [];
    return (
      candidates.find((pom) => (pom.version ?? pom.parent?.version) === version) ?? candidates[0] ?? null
    );
  }

  /**
   * The parent POM in the repository, looked up as Maven does: first the file named by
   * `relativePath` (default `../pom.xml`; an empty element skips this step) when its
   * coordinates match, then any repository POM with the parent's coordinates (the reactor).
   */
  private findParent(pom: PomDocument): PomDocument | null {
    const parent = pom.parent;
    if (parent === null) return null;
    if (parent.relativePath !== '') {
      let candidate = path.posix.normalize(
        path.posix.join(path.posix.dirname(pom.path), parent.relativePath ?? '..'),
      );
      if (!candidate.endsWith('.xml')) candidate = path.posix.join(candidate, 'pom.xml');
      const found = this.byPath.get(candidate);
      if (
        found !== undefined &&
        found !== pom &&
        found.artifactId === parent.artifactId &&
        (found.groupId ?? found.parent?.groupId) === parent.groupId
      ) {
        return found;
      }
    }
    const found = this.findByCoordinates(parent.groupId, parent.artifactId, parent.version);
    return found === pom ? null : found;
  }

  /** The module's context; a parent cycle is cut at the POM that closes it, with a note. */
  context(pom: PomDocument): ModuleContext {
    const known = this.contexts.get(pom.path);
    if (known !== undefined) return known;
    this.resolving.add(pom.path);
    let parentPom = this.findParent(pom);
    if (parentPom !== null && this.resolving.has(parentPom.path)) {
      this.notes.push(`${pom.path}: parent cycle through ${parentPom.path}; inheritance stops here`);
      parentPom = null;
    }
    const parent = parentPom === null ? null : this.context(parentPom);
    const properties = new Map(parent?.properties ?? []);
    for (const [name, value] of pom.properties) properties.set(name, value);
    const context: ModuleContext = {
      pom,
      parent,
      remoteParent: null,
      properties,
    };
    context.remoteParent =
      parent !== null ? parent.remoteParent : pom.parent === null ? null : remoteCoordinates(context);
    this.resolving.delete(pom.path);
    this.contexts.set(pom.path, context);
    return context;
  }
}

/** `g:a:v` of a context's `<parent>` (version omitted when it cannot be interpolated). */
function remoteCoordinates(context: ModuleContext): string {
  const parent = context.pom.parent;
  const version = parent?.version === undefined ? null : expand(parent.version, context).value;
  return [parent?.groupId ?? '?', parent?.artifactId ?? '?', ...(version === null ? [] : [version])].join(
    ':',
  );
}

/** Values Maven defines for a model: `project.*` (and the deprecated `pom.*`) and `parent.*`. */
function builtIn(name: string, context: ModuleContext): string | undefined {
  const { pom } = context;
  const field = name.replace(/^(project|pom)\./, '');
  switch (field) {
    case 'groupId':
      return name === field ? undefined : (pom.groupId ?? pom.parent?.groupId);
    case 'artifactId':
      return name === field ? undefined : pom.artifactId;
    case 'version':
      return name === field ? undefined : (pom.version ?? pom.parent?.version);
    case 'parent.groupId':
      return pom.parent?.groupId;
    case 'parent.artifactId':
      return pom.parent?.artifactId;
    case 'parent.version':
      return pom.parent?.version;
    default:
      return undefined;
  }
}

/**
 * Interpolates `${name}` in `value` within a module's context: built-in model values first,
 * then properties (the module's and its in-repo ancestors'), recursively. A reference that
 * cannot be resolved (a remote parent's property, `env.*`, a cycle) makes the value null.
 */
function expand(value: string, context: ModuleContext, depth = 0): Expansion {
  const unresolved: string[] = [];
  const result = value.replace(PLACEHOLDER, (placeholder, name: string) => {
    const definition = builtIn(name, context) ?? context.properties.get(name);
    if (definition === undefined || depth >= MAX_EXPANSION_DEPTH) {
      unresolved.push(name);
      return placeholder;
    }
    const inner = expand(definition, context, depth + 1);
    unresolved.push(...inner.unresolved);
    return inner.value ?? placeholder;
  });
  return unresolved.length > 0 ? { value: null, unresolved } : { value: result, unresolved };
}

/** Why an interpolated value is unknown, naming the remote parent that may define it. */
function unresolvedNote(expansion: Expansion, context: ModuleContext): string {
  const names = expansion.unresolved.map((name) => '${' + name + '}').join(', ');
  const where =
    context.remoteParent === null ? '' : `; it may come from remote parent ${context.remoteParent}`;
  return `property ${names} is not defined in the repository's POMs${where}`;
}

function isImport(entry: PomDependencyElement): boolean {
  return entry.scope?.trim() === 'import';
}

/** The chain from the module up to its top in-repo ancestor. */
function lineage(context: ModuleContext): ModuleContext[] {
  const chain: ModuleContext[] = [];
  for (let c: ModuleContext | null = context; c !== null; c = c.parent) chain.push(c);
  return chain;
}

/** A parent or imported BOM outside the repository. */
interface RemoteManager {
  /** `remote parent g:a:v` or `imported BOM g:a:v`. */
  label: string;
  /** Its groupId, to tell which BOM likely manages a dependency. */
  group: string | null;
  kind: 'parent' | 'bom';
}

/** Management of one module: its pins by `group:artifact`, and managers outside the repository. */
interface Management {
  pins: Map<string, ManagedPin>;
  /** Parents and BOMs outside the repository that may manage a version, nearest first. */
  remoteManagers: RemoteManager[];
}

/**
 * The module's effective `dependencyManagement`, interpolated in the module's own context as
 * Maven does after inheritance: explicit entries of the module and its in-repo ancestors
 * (nearest wins), then BOMs they import, in order; a BOM that is a repository POM contributes
 * its own effective management, one outside the repository is only named.
 */
function management(reactor: Reactor, context: ModuleContext, visitedBoms = new Set<string>()): Management {
  const pins = new Map<string, ManagedPin>();
  const remoteManagers: RemoteManager[] =
    context.remoteParent === null
      ? []
      : [{ label: `remote parent ${context.remoteParent}`, group: null, kind: 'parent' }];
  const chain = lineage(context);
  const imports: PomDependencyElement[] = [];
  for (const ancestor of chain) {
    for (const entry of ancestor.pom.managed) {
      if (isImport(entry)) {
        imports.push(entry);
        continue;
      }
      const key = managedKey(entry, context);
      if (key !== null && !pins.has(key)) {
        pins.set(key, {
          version: entry.version === undefined ? null : expand(entry.version, context),
          scope: entry.scope,
        });
      }
    }
  }
  for (const entry of imports) {
    const group = entry.groupId === undefined ? null : expand(entry.groupId, context).value;
    const artifact = entry.artifactId === undefined ? null : expand(entry.artifactId, context).value;
    const version = entry.version === undefined ? null : expand(entry.version, context).value;
    const bom = reactor.findByCoordinates(group ?? undefined, artifact ?? undefined, version ?? undefined);
    if (bom !== null && !visitedBoms.has(bom.path)) {
      visitedBoms.add(bom.path);
      const imported = management(reactor, reactor.context(bom), visitedBoms);
      for (const [key, pin] of imported.pins) if (!pins.has(key)) pins.set(key, pin);
      // The BOM's own remote parent manages through it, as Maven imports the BOM's effective model.
      for (const manager of imported.remoteManagers) {
        if (!remoteManagers.some((m) => m.label === manager.label)) remoteManagers.push(manager);
      }
    } else if (bom === null) {
      const coordinates = [group ?? '?', artifact ?? '?', ...(version === null ? [] : [version])].join(':');
      remoteManagers.push({ label: `imported BOM ${coordinates}`, group, kind: 'bom' });
    }
  }
  return { pins, remoteManagers };
}

function managedKey(entry: PomDependencyElement, context: ModuleContext): string | null {
  if (entry.groupId === undefined || entry.artifactId === undefined) return null;
  const group = expand(entry.groupId, context).value;
  const artifact = expand(entry.artifactId, context).value;
  return group === null || artifact === null ? null : `${group}:${artifact}`;
}

/** How many remote managers a note names before summarising the rest. */
const MANAGERS_NAMED = 3;

/**
 * Why a version-less dependency has no version: who manages it outside the repository. When
 * imported BOMs of the dependency's own namespace exist (`com.azure:azure-sdk-bom` for
 * `com.azure:azure-core`), only they and the remote parent are named, as the likely managers.
 */
function unmanagedNote(dependencyGroup: string, managers: RemoteManager[]): string {
  if (managers.length === 0) return 'no version declared and none managed in the repository';
  const related = managers.filter(
    (m) =>
      m.kind === 'parent' ||
      (m.group !== null &&
        (isInNamespace(dependencyGroup, m.group) || isInNamespace(m.group, dependencyGroup))),
  );
  const named = related.some((m) => m.kind === 'bom') ? related : managers;
  const rest = named.length - MANAGERS_NAMED;
  const labels = named.slice(0, MANAGERS_NAMED).map((m) => m.label);
  return `managed by ${labels.join(' or ')}${rest > 0 ? ` or one of ${rest} more imported BOMs` : ''}`;
}

/** A coordinate part interpolated, or a note saying why the declaration is skipped. */
function coordinatePart(
  raw: string | undefined,
  element: string,
  context: ModuleContext,
  where: string,
): { value: string } | { problem: string } {
  if (raw === undefined || raw === '')
    return { problem: `${where}: <dependency> without <${element}>; skipped` };
  const expansion = expand(raw, context);
  if (expansion.value === null || expansion.value.trim() === '') {
    return { problem: `${where}: ${element} ${raw}: ${unresolvedNote(expansion, context)}; skipped` };
  }
  return { value: expansion.value.trim() };
}

function resolveDependency(
  element: PomDependencyElement,
  context: ModuleContext,
  managed: Management,
  notes: string[],
): Dependency | null {
  const where = `${context.pom.path}:${element.span.startLine}`;
  const group = coordinatePart(element.groupId, 'groupId', context, where);
  const artifact = coordinatePart(element.artifactId, 'artifactId', context, where);
  if ('problem' in group || 'problem' in artifact) {
    if ('problem' in group) notes.push(group.problem);
    if ('problem' in artifact) notes.push(artifact.problem);
    return null;
  }
  const pin = managed.pins.get(`${group.value}:${artifact.value}`);
  let version: string | null = null;
  let versionNote: string | null = null;
  const declared = element.version === undefined ? undefined : expand(element.version, context);
  const chosen = declared ?? pin?.version ?? null;
  if (chosen === null) {
    versionNote = unmanagedNote(group.value, managed.remoteManagers);
  } else if (chosen.value === null) {
    versionNote = unresolvedNote(chosen, context);
  } else if (chosen.value.trim() === '') {
    versionNote = 'empty <version>';
  } else {
    version = chosen.value.trim();
  }
  const scope = element.scope ?? pin?.scope;
  return {
    group: group.value,
    artifact: artifact.value,
    version,
    versionNote,
    scope: scope === undefined ? 'compile' : (expand(scope, context).value ?? 'compile').trim(),
    manifest: context.pom.path,
    line: element.span.startLine,
    span: element.span,
  };
}

function bomImport(element: PomDependencyElement, context: ModuleContext): BomImport | null {
  if (element.groupId === undefined || element.artifactId === undefined) return null;
  const group = expand(element.groupId, context);
  const artifact = expand(element.artifactId, context);
  if (group.value === null || artifact.value === null) return null;
  const version = element.version === undefined ? null : expand(element.version, context);
  return {
    group: group.value,
    artifact: artifact.value,
    version: version?.value ?? null,
    versionNote:
      version === null
        ? 'no version declared'
        : version.value === null
          ? unresolvedNote(version, context)
          : null,
    kind: 'maven-import',
    manifest: context.pom.path,
    line: element.span.startLine,
  };
}

/**
 * Resolves the repository's POMs (in the order given, normally sorted by path) into module
 * coordinates, direct dependencies with versions and scopes, and BOM imports.
 * `dependencyManagement` entries, plugin dependencies and parents are not dependencies.
 * Problems (a dependency without groupId, a parent cycle) become notes.
 */
export function resolveMavenProjects(poms: PomDocument[]): MavenProjects {
  const reactor = new Reactor(poms);
  const result: MavenProjects = { modules: [], dependencies: [], boms: [], notes: [] };
  for (const pom of poms) {
    const context = reactor.context(pom);
    const group = builtIn('project.groupId', context);
    const version = builtIn('project.version', context);
    const artifact = pom.artifactId === undefined ? null : expand(pom.artifactId, context).value;
    if (artifact === null || artifact === '') {
      result.notes.push(`${pom.path}: POM without a resolvable <artifactId>`);
    } else {
      result.modules.push({
        group: group === undefined ? null : expand(group, context).value,
        artifact,
        version: version === undefined ? null : expand(version, context).value,
        manifest: pom.path,
      });
    }
    const managed = management(reactor, context);
    for (const element of pom.dependencies) {
      const dependency = resolveDependency(element, context, managed, result.notes);
      if (dependency !== null) result.dependencies.push(dependency);
    }
    for (const element of pom.managed.filter(isImport)) {
      const bom = bomImport(element, context);
      if (bom !== null) result.boms.push(bom);
    }
  }
  result.notes.push(...reactor.notes);
  return result;
}
