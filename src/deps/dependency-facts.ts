/**
 * Entry point of `src/deps/`: finds the build manifests among the repository's files, reads
 * them, and assembles `DependencyFacts` for E1. Pure: file contents come from a callback.
 */

import path from 'node:path';
import { DEFAULT_EXCLUDED_FOLDERS } from '../source/exclude.js';
import { resolveMavenProjects } from './effective-pom.js';
import { resolveGradleBuilds, type ScannedScript } from './gradle-builds.js';
import { scanGradleScript } from './gradle-script.js';
import { readPom, type PomDocument } from './pom-document.js';
import type { BomImport, Dependency, DependencyFacts, ModuleCoordinates } from './types.js';
import { readVersionCatalog, type VersionCatalog } from './version-catalog.js';

/** Reads a repo-relative file; may throw (the file is then noted as unreadable). */
export type ReadFile = (path: string) => string;

const MAVEN_MANIFEST = 'pom.xml';
const GRADLE_MANIFESTS = new Set(['build.gradle', 'build.gradle.kts']);
const GRADLE_SETTINGS = new Set(['settings.gradle', 'settings.gradle.kts']);
const GRADLE_PROPERTIES = 'gradle.properties';
const VERSION_CATALOG = /(^|\/)gradle\/[^/]+\.versions\.toml$/;

const excludedFolders = new Set(DEFAULT_EXCLUDED_FOLDERS);

/**
 * Whether a repo-relative path lies in one of the walk's default excluded folders (metrics.md
 * §1.1), checked here too so a caller may pass an unfiltered file list (user excludes are the
 * walk's business). Manifests anywhere else, including under test resources and samples, are
 * read: they are manifests of the repository, as in the original (original-analyzer.md §3.13
 * "This includes poms in test resources or samples").
 */
function inExcludedFolder(file: string): boolean {
  return file
    .split('/')
    .slice(0, -1)
    .some((segment) => excludedFolders.has(segment));
}

/** Which of the files are manifests E1 reads: `pom.xml`, `build.gradle(.kts)`, `gradle/*.versions.toml`. */
export function isBuildManifest(file: string): boolean {
  const name = path.posix.basename(file);
  return name === MAVEN_MANIFEST || GRADLE_MANIFESTS.has(name) || VERSION_CATALOG.test(file);
}

/**
 * Whether `collectDependencyFacts` reads this file: a manifest, or a Gradle helper
 * (`settings.gradle(.kts)`, `gradle.properties`), outside the excluded folders. Lets a caller
 * with an asynchronous file system read just these files first.
 */
export function readsFile(file: string): boolean {
  if (inExcludedFolder(file)) return false;
  const name = path.posix.basename(file);
  return isBuildManifest(file) || GRADLE_SETTINGS.has(name) || name === GRADLE_PROPERTIES;
}

/** `key=value` / `key: value` / `key value` lines of a Java properties file; `#` and `!` start comments. */
export function parseJavaProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && !properties.has(match[1])) properties.set(match[1], match[2] ?? '');
  }
  return properties;
}

/** The first declaration of each `group:artifact`, in the order given, then sorted by `group:artifact`. */
function firstByCoordinates<T extends { group: string; artifact: string }>(items: T[]): T[] {
  const first = new Map<string, T>();
  for (const item of items) {
    const key = `${item.group}:${item.artifact}`;
    if (!first.has(key)) first.set(key, item);
  }
  return [...first.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}

function byManifestThenLine<T extends { manifest: string; line: number | null }>(a: T, b: T): number {
  if (a.manifest !== b.manifest) return a.manifest < b.manifest ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0);
}

/** The most common module groupId; ties go to the alphabetically first. */
function mostCommonGroup(modules: ModuleCoordinates[]): string | null {
  const counts = new Map<string, number>();
  for (const module of modules) {
    if (module.group !== null && module.group !== '')
      counts.set(module.group, (counts.get(module.group) ?? 0) + 1);
  }
  const ranked = [...counts].sort(([ga, ca], [gb, cb]) => cb - ca || (ga < gb ? -1 : ga > gb ? 1 : 0));
  return ranked[0]?.[0] ?? null;
}

/**
 * Builds `DependencyFacts` from the repository's file list (repo-relative, `/`-separated) and a
 * reader for their contents.
 *
 * - Manifests: every `pom.xml`, `build.gradle`, `build.gradle.kts` and `gradle/*.versions.toml`
 *   outside the default excluded folders; `settings.gradle(.kts)` and `gradle.properties` are read
 *   as helpers (project name, properties), not listed as manifests.
 * - Dependencies: the effective-POM rules of `effective-pom.ts` and the Gradle resolution of
 *   `gradle-builds.ts`; de-duplicated by `group:artifact`, keeping the first declaration in
 *   manifest path order, then line order; sorted by `group:artifact`.
 * - Internal prefix: the groupId of the root `pom.xml`'s project (declared or inherited from its
 *   parent), else the root Gradle project's `group`, else the most common module groupId, else
 *   null. It is never taken from a dependency.
 * - A manifest that cannot be read or parsed is a line in `notes`; this function does not throw.
 */
export function collectDependencyFacts(files: string[], readFile: ReadFile): DependencyFacts {
  const candidates = [...new Set(files)].filter(readsFile).sort();
  const notes: string[] = [];
  const read = (file: string): string | null => {
    try {
      return readFile(file);
    } catch (error) {
      notes.push(`${file}: unreadable: ${(error as Error).message}`);
      return null;
    }
  };

  const poms: PomDocument[] = [];
  const builds: ScannedScript[] = [];
  const settings: ScannedScript[] = [];
  const properties = new Map<string, Map<string, string>>();
  const catalogs: VersionCatalog[] = [];
  for (const file of candidates) {
    const name = path.posix.basename(file);
    const text = read(file);
    if (text === null) continue;
    if (name === MAVEN_MANIFEST) {
      const result = readPom(file, text);
      if (result.ok) poms.push(result.pom);
      else notes.push(result.problem);
    } else if (GRADLE_MANIFESTS.has(name)) {
      builds.push({ path: file, script: scanGradleScript(text) });
    } else if (GRADLE_SETTINGS.has(name)) {
      settings.push({ path: file, script: scanGradleScript(text) });
    } else if (name === GRADLE_PROPERTIES) {
      properties.set(path.posix.dirname(file), parseJavaProperties(text));
    } else {
      const result = readVersionCatalog(file, text);
      if (result.ok) {
        catalogs.push(result.catalog);
        notes.push(...result.problems);
      } else {
        notes.push(result.problem);
      }
    }
  }

  const maven = resolveMavenProjects(poms);
  const gradle = resolveGradleBuilds({ builds, settings, properties, catalogs });
  const modules = [...maven.modules, ...gradle.modules];
  const rootPomGroup = maven.modules.find((module) => module.manifest === MAVEN_MANIFEST)?.group ?? null;
  const dependencies: Dependency[] = [...maven.dependencies, ...gradle.dependencies].sort(byManifestThenLine);
  const boms: BomImport[] = [...maven.boms, ...gradle.boms].sort(byManifestThenLine);
  return {
    manifests: candidates.filter(isBuildManifest),
    modules,
    internalPrefix: rootPomGroup ?? gradle.rootGroup ?? mostCommonGroup(modules),
    dependencies: firstByCoordinates(dependencies),
    boms: firstByCoordinates(boms),
    notes: [...notes, ...maven.notes, ...gradle.notes],
  };
}
