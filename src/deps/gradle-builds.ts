/**
 * Resolves the scanned Gradle scripts of a repository into dependencies: string notations are
 * interpolated with the build's simple variables (`gradle-script.ts`) and `gradle.properties`,
 * version-catalog references (`libs.x.y`, `libs.bundles.z`) are looked up in the catalogs that
 * apply to each script, and `platform(…)` notations become BOM imports.
 */

import path from 'node:path';
import type { BomImport, Dependency, ModuleCoordinates } from './types.js';
import type { GradleDeclaration, GradleNotation, GradleScript, GradleString } from './gradle-script.js';
import { catalogAlias, type CatalogLibrary, type VersionCatalog } from './version-catalog.js';

/** A scanned script with its repo-relative path. */
export interface ScannedScript {
  path: string;
  script: GradleScript;
}

/** Everything read from the repository's Gradle files. */
export interface GradleBuildFiles {
  /** `build.gradle` / `build.gradle.kts`, sorted by path. */
  builds: ScannedScript[];
  /** `settings.gradle` / `settings.gradle.kts` (for `rootProject.name`). */
  settings: ScannedScript[];
  /** `gradle.properties` by directory (`.` for the root): property → value. */
  properties: Map<string, Map<string, string>>;
  /** Catalogs found at `<dir>/gradle/<name>.versions.toml`. */
  catalogs: VersionCatalog[];
}

/** What the Gradle part of a repository contributes to `DependencyFacts`. */
export interface GradleProjects {
  modules: ModuleCoordinates[];
  /** Every declaration, in script order then source order. */
  dependencies: Dependency[];
  boms: BomImport[];
  notes: string[];
  /** `group` of the root project (root build script, else root `gradle.properties`), or null. */
  rootGroup: string | null;
}

/** Interpolation depth limit for variables defined through other variables. */
const MAX_EXPANSION_DEPTH = 10;
const KOTLIN_GROUP = 'org.jetbrains.kotlin';
const NO_VERSION_NOTE = 'no version in the build script (set by a platform, constraint or plugin)';
const SPRING_BOOT_PLUGIN = 'org.springframework.boot';

/** One interpolation: the value, or null with the names that could not be resolved. */
interface Expansion {
  value: string | null;
  unresolved: string[];
}

/** `.`, `a`, `a/b`: the directory of a repo-relative path and all its ancestors, nearest first. */
function directoryAndAncestors(file: string): string[] {
  const result: string[] = [];
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    result.push(dir);
    if (dir === '.' || dir === '/' || dir === '') return result;
  }
}

/**
 * The name a build-script expression refers to: `project.ext.x`, `rootProject.x`, `extra["x"]`,
 * `property("x")`, `findProperty("x") as String` all name `x`.
 */
function referencedName(expression: string): string {
  let name = expression.trim().replace(/(\s+as\s+String|!!|\.toString\(\))$/, '');
  const call = /^(?:(?:project|rootProject)\.)?(?:findProperty|property)\(\s*["']([^"']+)["']\s*\)$/.exec(
    name,
  );
  if (call?.[1] !== undefined) return call[1];
  const extra = /^(?:(?:project|rootProject)\.)?extra\[\s*["']([^"']+)["']\s*\]$/.exec(name);
  if (extra?.[1] !== undefined) return extra[1];
  name = name.replace(/^(?:project|rootProject)\./, '').replace(/^(?:ext|extra)\./, '');
  return name;
}

/**
 * Variable scopes of one script: its own, its ancestor scripts', then `gradle.properties`,
 * nearest first. Gradle shows a subproject only its ancestors' extra properties, not their
 * local `def`/`val` variables; both are visible here, an over-approximation that can only fill
 * in a value the script could not resolve otherwise.
 */
class ScriptScope {
  constructor(
    private readonly variables: Map<string, GradleString>[],
    private readonly properties: Map<string, string>[],
    private readonly kotlin: boolean,
    /** `versionNote` of a dependency declared without a version in this script. */
    readonly missingVersionNote: string = NO_VERSION_NOTE,
  ) {}

  /** The same scope with another note for version-less dependencies. */
  withMissingVersionNote(note: string): ScriptScope {
    return new ScriptScope(this.variables, this.properties, this.kotlin, note);
  }

  /** A variable of the scripts, else a `gradle.properties` entry. */
  lookup(name: string): GradleString | undefined {
    for (const scope of this.variables) {
      const found = scope.get(name);
      if (found !== undefined) return found;
    }
    return this.property(name);
  }

  /** A `gradle.properties` entry of the script's directory or an ancestor, nearest first. */
  property(name: string): GradleString | undefined {
    for (const scope of this.properties) {
      const found = scope.get(name);
      if (found !== undefined) return { text: found, interpolates: false };
    }
    return undefined;
  }

  /**
   * Interpolates a string literal: escapes are undone and, in double-quoted strings,
   * `${expr}` and `$name` are replaced (Groovy reads `$a.b` as a property chain, Kotlin as
   * `$a` followed by `.b`).
   */
  expand(value: GradleString, depth = 0): Expansion {
    const unresolved: string[] = [];
    let out = '';
    const { text } = value;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\' && i + 1 < text.length) {
        out += text[++i];
        continue;
      }
      if (!value.interpolates || ch !== '$') {
        out += ch;
        continue;
      }
      let expression: string;
      if (text[i + 1] === '{') {
        const close = text.indexOf('}', i + 2);
        expression = text.slice(i + 2, close < 0 ? text.length : close);
        i = close < 0 ? text.length : close;
      } else {
        const pattern = this.kotlin
          ? /^[A-Za-z_][A-Za-z0-9_]*/
          : /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
        const match = pattern.exec(text.slice(i + 1));
        if (match === null) {
          out += ch;
          continue;
        }
        expression = match[0];
        i += match[0].length;
      }
      const name = referencedName(expression);
      const definition = depth < MAX_EXPANSION_DEPTH ? this.lookup(name) : undefined;
      const inner = definition === undefined ? null : this.expand(definition, depth + 1);
      if (inner === null || inner.value === null) {
        unresolved.push(name, ...(inner?.unresolved ?? []));
      } else {
        out += inner.value;
      }
    }
    return unresolved.length > 0 ? { value: null, unresolved } : { value: out, unresolved };
  }
}

/** A dependency or BOM before it is placed on its manifest. */
interface Coordinates {
  group: string;
  artifact: string;
  version: string | null;
  versionNote: string | null;
}

function unresolvedNote(names: string[]): string {
  return `Gradle variable ${[...new Set(names)].join(', ')} is not defined as a string in the build`;
}

/** `g:a[:v[:classifier]][@ext]` after interpolation; a version-only variable that fails leaves the version unknown. */
function stringNotation(value: GradleString, scope: ScriptScope): Coordinates | string {
  const whole = scope.expand(value);
  const parts = whole.value !== null ? whole.value.replace(/@[^:@]*$/, '').split(':') : null;
  if (parts !== null) {
    const [group = '', artifact = '', version] = parts;
    if (group === '' || artifact === '') return `"${whole.value}" is not group:artifact[:version]`;
    return {
      group,
      artifact,
      version: version === undefined || version === '' ? null : version,
      versionNote: version === undefined || version === '' ? scope.missingVersionNote : null,
    };
  }
  const rawParts = value.text.split(':');
  if (rawParts.length < 2) return unresolvedNote(whole.unresolved);
  const [group, artifact, version] = rawParts.map((part) => scope.expand({ ...value, text: part }).value);
  if (!group || !artifact) return unresolvedNote(whole.unresolved);
  // Only the version (or classifier) part failed: the coordinates are known, the version is not.
  return {
    group,
    artifact,
    version: version?.replace(/@[^@]*$/, '') ?? null,
    versionNote: version ? null : unresolvedNote(whole.unresolved),
  };
}

function fromCatalog(library: CatalogLibrary, catalog: VersionCatalog): Coordinates {
  return {
    group: library.group,
    artifact: library.artifact,
    version: library.version,
    versionNote: library.versionNote === null ? null : `${library.versionNote} (${catalog.path})`,
  };
}

/** The catalog library with this alias, matching case-insensitively as a fallback. */
function catalogLibrary(catalog: VersionCatalog, alias: string): CatalogLibrary | undefined {
  const exact = catalog.libraries.get(alias);
  if (exact !== undefined) return exact;
  const lower = alias.toLowerCase();
  return [...catalog.libraries].find(([key]) => key.toLowerCase() === lower)?.[1];
}

/** What a reference chain names: catalog libraries or bundles, or a variable holding a string notation. */
function referenceNotation(
  chain: string[],
  catalogs: Map<string, VersionCatalog>,
  scope: ScriptScope,
): Coordinates[] | string {
  const [accessor, section, ...rest] = chain;
  const catalog = accessor === undefined ? undefined : catalogs.get(accessor);
  if (catalog !== undefined && section !== undefined) {
    if (section === 'bundles') {
      const members = catalog.bundles.get(catalogAlias(rest.join('.')));
      if (members === undefined) return `bundle ${chain.join('.')} is not in ${catalog.path}`;
      const libraries = members.map((alias) => catalogLibrary(catalog, alias));
      const missing = members.filter((_, k) => libraries[k] === undefined);
      if (missing.length > 0)
        return `bundle ${chain.join('.')} lists unknown libraries ${missing.join(', ')}`;
      return libraries.flatMap((library) => (library === undefined ? [] : [fromCatalog(library, catalog)]));
    }
    if (section === 'plugins' || section === 'versions') return `${chain.join('.')} is not a library`;
    const library = catalogLibrary(catalog, catalogAlias([section, ...rest].join('.')));
    return library === undefined
      ? `${chain.join('.')} is not in ${catalog.path}`
      : [fromCatalog(library, catalog)];
  }
  const variable = scope.lookup(chain.join('.'));
  if (variable === undefined) {
    return `dependency expression ${chain.join('.')} is neither a version-catalog entry nor a string variable`;
  }
  const coordinates = stringNotation(variable, scope);
  return typeof coordinates === 'string' ? coordinates : [coordinates];
}

/** The coordinates a notation names, or a problem to note. */
function notationCoordinates(
  notation: GradleNotation,
  catalogs: Map<string, VersionCatalog>,
  scope: ScriptScope,
): Coordinates[] | string | null {
  switch (notation.kind) {
    case 'string': {
      const coordinates = stringNotation(notation.value, scope);
      return typeof coordinates === 'string' ? coordinates : [coordinates];
    }
    case 'map': {
      const group = notation.group === null ? null : scope.expand(notation.group).value;
      const artifact = notation.name === null ? null : scope.expand(notation.name).value;
      if (group === null || artifact === null || group === '' || artifact === '') {
        return 'map notation without a literal group and name';
      }
      const version = notation.version === null ? null : scope.expand(notation.version);
      return [
        {
          group,
          artifact,
          version: version?.value ?? null,
          versionNote:
            version === null
              ? scope.missingVersionNote
              : version.value === null
                ? unresolvedNote(version.unresolved)
                : null,
        },
      ];
    }
    case 'kotlin': {
      const version = notation.version === null ? null : scope.expand(notation.version);
      return [
        {
          group: KOTLIN_GROUP,
          artifact: notation.module,
          version: version?.value ?? null,
          versionNote:
            version === null
              ? 'version set by the Kotlin Gradle plugin'
              : version.value === null
                ? unresolvedNote(version.unresolved)
                : null,
        },
      ];
    }
    case 'reference':
      return referenceNotation(notation.chain, catalogs, scope);
    case 'unsupported':
      return `dependency notation "${notation.text}" is not understood without running the build`;
  }
}

/** Catalog accessors visible from a script: `<dir>/gradle/<name>.versions.toml` of the nearest ancestor directory. */
function catalogsFor(scriptPath: string, catalogs: VersionCatalog[]): Map<string, VersionCatalog> {
  const visible = new Map<string, VersionCatalog>();
  for (const dir of directoryAndAncestors(scriptPath)) {
    for (const catalog of catalogs) {
      const catalogDir = path.posix.dirname(path.posix.dirname(catalog.path));
      const name = path.posix.basename(catalog.path).replace(/\.versions\.toml$/, '');
      if (catalogDir === dir && !visible.has(name)) visible.set(name, catalog);
    }
  }
  return visible;
}

function declarationRecord(
  declaration: GradleDeclaration,
  coordinates: Coordinates,
  manifest: string,
): { dependency: Dependency } | { bom: BomImport } {
  const line = declaration.span.startLine;
  if (declaration.platform !== null) {
    return { bom: { ...coordinates, kind: declaration.platform, manifest, line } };
  }
  return { dependency: { ...coordinates, scope: declaration.scope, manifest, line, span: declaration.span } };
}

/**
 * The `versionNote` of the script's version-less dependencies: the platforms it imports and the
 * Spring Boot Gradle plugin (whose dependency management applies Spring Boot's BOM), when
 * present in the script or an ancestor's `plugins { }`; else a generic note.
 */
function versionManagers(platforms: BomImport[], scripts: GradleScript[], scope: ScriptScope): string {
  const managers = platforms.map(
    (bom) =>
      `platform ${[bom.group, bom.artifact, ...(bom.version === null ? [] : [bom.version])].join(':')}`,
  );
  const boot = scripts.flatMap((script) => script.plugins).find((plugin) => plugin.id === SPRING_BOOT_PLUGIN);
  if (boot !== undefined) {
    const version = boot.version === null ? null : scope.expand(boot.version).value;
    managers.push(`the Spring Boot Gradle plugin${version === null ? '' : ' ' + version}`);
  }
  return managers.length === 0 ? NO_VERSION_NOTE : `managed by ${managers.join(' or ')}`;
}

/**
 * A project's `group` or `version`: its own script's assignment, else one an ancestor script
 * makes for all or sub projects, else `gradle.properties` of its directory or an ancestor.
 */
function projectCoordinate(
  property: 'group' | 'version',
  script: GradleScript,
  ancestors: GradleScript[],
  scope: ScriptScope,
): string | null {
  const own = script.coordinates.filter((c) => c.property === property);
  const inherited = ancestors.flatMap((a) =>
    a.coordinates.filter((c) => c.property === property && c.shared),
  );
  const source = (own.find((c) => !c.shared) ?? own[0] ?? inherited[0])?.value ?? scope.property(property);
  return source === undefined ? null : scope.expand(source).value;
}

/**
 * Resolves the repository's Gradle builds into module coordinates, dependencies and BOM imports.
 * Project dependencies (`project(':core')`) and local files are not external dependencies and
 * are skipped; notations that cannot be resolved statically become notes, never guesses.
 */
export function resolveGradleBuilds(files: GradleBuildFiles): GradleProjects {
  const result: GradleProjects = { modules: [], dependencies: [], boms: [], notes: [], rootGroup: null };
  const byDirectory = new Map(files.builds.map((build) => [path.posix.dirname(build.path), build.script]));
  const rootName = files.settings
    .find((s) => path.posix.dirname(s.path) === '.')
    ?.script.variables.get('rootProject.name');
  for (const build of files.builds) {
    const directories = directoryAndAncestors(build.path);
    const ancestors = directories.slice(1).flatMap((dir) => {
      const script = byDirectory.get(dir);
      return script === undefined ? [] : [script];
    });
    const scope = new ScriptScope(
      [build.script.variables, ...ancestors.map((script) => script.variables)],
      directories.flatMap((dir) => files.properties.get(dir) ?? []),
      build.path.endsWith('.kts'),
    );
    const catalogs = catalogsFor(build.path, files.catalogs);
    const resolve = (declarations: GradleDeclaration[], declarationScope: ScriptScope): void => {
      for (const declaration of declarations) {
        const coordinates = notationCoordinates(declaration.notation, catalogs, declarationScope);
        if (typeof coordinates === 'string') {
          result.notes.push(`${build.path}:${declaration.span.startLine}: ${coordinates}`);
          continue;
        }
        for (const entry of coordinates ?? []) {
          const record = declarationRecord(declaration, entry, build.path);
          if ('bom' in record) result.boms.push(record.bom);
          else result.dependencies.push(record.dependency);
        }
      }
    };
    // Platforms first: they are what may manage the versions the other declarations leave out.
    const bomsBefore = result.boms.length;
    resolve(
      build.script.declarations.filter((d) => d.platform !== null),
      scope,
    );
    const managers = versionManagers(result.boms.slice(bomsBefore), [build.script, ...ancestors], scope);
    resolve(
      build.script.declarations.filter((d) => d.platform === null),
      scope.withMissingVersionNote(managers),
    );
    const group = projectCoordinate('group', build.script, ancestors, scope);
    const directory = directories[0] ?? '.';
    const name =
      directory === '.'
        ? rootName === undefined
          ? null
          : scope.expand(rootName).value
        : path.posix.basename(directory);
    if (name !== null) {
      result.modules.push({
        group,
        artifact: name,
        version: projectCoordinate('version', build.script, ancestors, scope),
        manifest: build.path,
      });
    }
    if (directory === '.') result.rootGroup = group;
  }
  if (result.rootGroup === null) result.rootGroup = files.properties.get('.')?.get('group') ?? null;
  return result;
}
