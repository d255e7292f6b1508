/**
 * Gradle version catalogs (`gradle/libs.versions.toml`): libraries and bundles by alias, with
 * versions resolved through `[versions]`. Format: Gradle user manual, "Version Catalogs"
 * (TOML file format: `[versions]`, `[libraries]`, `[bundles]`, `[plugins]`).
 */

import { parse, type TomlTable, type TomlValue } from 'smol-toml';

/** A library of a catalog. */
export interface CatalogLibrary {
  group: string;
  artifact: string;
  version: string | null;
  /** Why `version` is null (no version in the entry, unknown `version.ref`). */
  versionNote: string | null;
}

/** A parsed catalog; aliases are normalised by `catalogAlias`. */
export interface VersionCatalog {
  path: string;
  libraries: Map<string, CatalogLibrary>;
  /** Bundle alias → library aliases (normalised). */
  bundles: Map<string, string[]>;
}

/** The result of reading a catalog: the catalog with problems in single entries, or why it could not be read. */
export type CatalogReadResult =
  { ok: true; catalog: VersionCatalog; problems: string[] } | { ok: false; problem: string };

/**
 * An alias as the generated accessor reads it: Gradle treats `-`, `_` and `.` in aliases as
 * separators of the accessor path (`spring-boot-starter` → `libs.spring.boot.starter`), so
 * all three become `.` here; `catalogAlias(['spring', 'boot'].join('.'))` matches.
 */
export function catalogAlias(alias: string): string {
  return alias.split(/[-_.]/).join('.');
}

function isTable(value: TomlValue | undefined): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A rich version (`{ strictly, require, prefer }`) or a plain string, as the single version Gradle would pick first. */
function plainVersion(value: TomlValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (!isTable(value)) return null;
  for (const key of ['strictly', 'require', 'prefer']) {
    const candidate = value[key];
    if (typeof candidate === 'string') return candidate;
  }
  return null;
}

function library(
  alias: string,
  entry: TomlValue,
  versions: TomlTable,
): { library: CatalogLibrary } | { problem: string } {
  if (typeof entry === 'string') {
    const [group = '', artifact = '', version] = entry.split(':');
    if (group === '' || artifact === '')
      return { problem: `library ${alias}: "${entry}" is not group:artifact[:version]` };
    return {
      library: {
        group,
        artifact,
        version: version ?? null,
        versionNote: version === undefined ? 'no version in the version catalog' : null,
      },
    };
  }
  if (!isTable(entry)) return { problem: `library ${alias}: not a string or table` };
  const [moduleGroup, moduleName] = typeof entry.module === 'string' ? entry.module.split(':') : [];
  const group = moduleGroup ?? (typeof entry.group === 'string' ? entry.group : '');
  const artifact = moduleName ?? (typeof entry.name === 'string' ? entry.name : '');
  if (group === '' || artifact === '') return { problem: `library ${alias}: no module or group/name` };
  const versionEntry = entry.version;
  const reference = isTable(versionEntry) && typeof versionEntry.ref === 'string' ? versionEntry.ref : null;
  if (reference !== null) {
    const version = plainVersion(versions[reference]);
    return {
      library: {
        group,
        artifact,
        version,
        versionNote: version === null ? `version.ref "${reference}" is not in [versions]` : null,
      },
    };
  }
  const version = plainVersion(versionEntry);
  return {
    library: {
      group,
      artifact,
      version,
      versionNote: version === null ? 'no version in the version catalog' : null,
    },
  };
}

/**
 * Reads one catalog. TOML syntax errors and entries that name no module become `problems` /
 * a failed result, never an exception. `[plugins]` are Gradle plugins, not dependencies, and
 * are not read.
 */
export function readVersionCatalog(path: string, text: string): CatalogReadResult {
  let document: TomlTable;
  try {
    document = parse(text);
  } catch (error) {
    return { ok: false, problem: `${path}: not valid TOML: ${(error as Error).message.split('\n')[0]}` };
  }
  const versions = isTable(document.versions) ? document.versions : {};
  const libraries = new Map<string, CatalogLibrary>();
  const bundles = new Map<string, string[]>();
  const problems: string[] = [];
  for (const [alias, entry] of Object.entries(isTable(document.libraries) ? document.libraries : {})) {
    const read = library(alias, entry, versions);
    if ('problem' in read) problems.push(`${path}: ${read.problem}`);
    else libraries.set(catalogAlias(alias), read.library);
  }
  for (const [alias, members] of Object.entries(isTable(document.bundles) ? document.bundles : {})) {
    if (Array.isArray(members)) {
      bundles.set(
        catalogAlias(alias),
        members.filter((m): m is string => typeof m === 'string').map(catalogAlias),
      );
    }
  }
  return { ok: true, catalog: { path, libraries, bundles }, problems };
}
