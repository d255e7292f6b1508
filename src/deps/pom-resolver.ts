/**
 * Full mode's transitive Maven resolution (system.md "Modes"), our own and never Maven: the POMs
 * of the declared dependencies, of their dependencies in turn, and of every parent and imported
 * BOM they need, fetched from a Maven repository (`CSQA_MAVEN_REPO_URL`, default Maven Central;
 * `file://` in tests) into a folder laid out like a Maven repository, bounded in count and depth.
 * It runs in the fetch step, the only step with network.
 *
 * Effective POMs come from `resolveMavenProjects` (effective-pom.ts) over the repository's POMs
 * plus every POM fetched so far, so parents and BOMs found in the Maven repository manage
 * versions and scopes as the repository's own would. Simplifications, each an over- or
 * under-approximation of Maven's resolver: `<optional>` and `<exclusions>` are not read (optional
 * dependencies are followed), version ranges are skipped with a problem line, and the first
 * version met for an artifact wins (breadth first, as Maven's "nearest wins").
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveMavenProjects } from './effective-pom.js';
import { readPom, type PomDocument } from './pom-document.js';
import { writeFileAtomic, writeJsonAtomic } from '../report/write.js';

/** A dependency reached only through other dependencies. */
export interface TransitiveDependency {
  group: string;
  artifact: string;
  version: string;
  /** Effective scope in the POM that declares it (`compile` or `runtime`). */
  scope: string;
  /** Hops from the repository: 2 = a dependency of a declared dependency. */
  depth: number;
  /** `group:artifact` of the declared dependency it was reached through. */
  via: string;
}

/** What a resolution did; also written as `<dest>/resolution.json`. */
export interface PomResolution {
  /** POMs fetched (dependencies, parents and BOMs). */
  fetched: number;
  /** Whether the count or depth bound left POMs unfetched. */
  truncated: boolean;
  /** Seconds it took. */
  seconds: number;
  /** POMs that could not be fetched or read, versions that could not be followed; one line each. */
  problems: string[];
  /** Dependencies reached transitively and not declared by the repository, sorted by group:artifact. */
  transitive: TransitiveDependency[];
}

/** Options of `resolveMavenPoms`. */
export interface PomResolverOptions {
  /** Absolute path of the checked-out repository. */
  repoRoot: string;
  /** Maven repository base URL (`https://…/maven2`, `file:///…`). */
  repositoryUrl: string;
  /** Folder the POMs are written into (created). */
  dest: string;
  /** Most POMs fetched (default 400). */
  maxPoms?: number;
  /** Deepest dependency level followed (default 4; 1 = the declared dependencies). */
  maxDepth?: number;
  /** Fetches one POM's text, or null when the repository has none (404); injectable for tests. */
  fetchText?: (url: string) => Promise<string | null>;
}

/** Name of the summary file in `dest`. */
export const RESOLUTION_FILE = 'resolution.json';

const DEFAULT_MAX_POMS = 400;
const DEFAULT_MAX_DEPTH = 4;
/** Largest POM accepted, in bytes; real ones are far smaller. */
const MAX_POM_BYTES = 2 * 1024 * 1024;
/** Seconds one POM download may take. */
const FETCH_TIMEOUT_SECONDS = 30;
/** Scopes that a dependency passes on to its dependants (Maven's scope table). */
const TRANSITIVE_SCOPES = new Set(['compile', 'runtime']);
/** Folders never searched for the repository's own POMs. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'target', 'build']);

interface Coordinates {
  group: string;
  artifact: string;
  version: string;
}

/** A POM to fetch and why. */
interface Wanted extends Coordinates {
  /** Dependency level of the POM that needs it; parents and BOMs take their dependant's level. */
  depth: number;
  /** Whether it is a dependency (followed further) or only a parent or BOM (version management). */
  dependency: boolean;
  /** Effective scope of the dependency where it was declared; `import` for a BOM, `parent` for a parent. */
  scope: string;
  via: string;
}

/**
 * Resolves the repository's Maven dependencies transitively (see the module comment), writes the
 * fetched POMs and `resolution.json` into `dest`, and returns the summary. Never throws for a
 * POM that cannot be fetched or read: that is a problem line.
 */
export async function resolveMavenPoms(options: PomResolverOptions): Promise<PomResolution> {
  const started = performance.now();
  const maxPoms = options.maxPoms ?? DEFAULT_MAX_POMS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const fetchText = options.fetchText ?? fetchPomText;
  const base = options.repositoryUrl.replace(/\/+$/, '');
  await mkdir(options.dest, { recursive: true });

  const repoPoms = await readRepositoryPoms(options.repoRoot);
  const fetched = new Map<string, { pom: PomDocument; wanted: Wanted }>();
  const failed = new Set<string>();
  const problems: string[] = [];
  let truncated = false;

  for (;;) {
    const all = [...repoPoms, ...[...fetched.values()].map((entry) => entry.pom)];
    const wanted = wantedPoms(repoPoms, fetched, resolveMavenProjects(all), problems);
    const missing = wanted.filter((w) => !fetched.has(key(w)) && !failed.has(key(w)));
    if (missing.some((w) => w.depth > maxDepth)) truncated = true;
    const next = missing.filter((w) => w.depth <= maxDepth);
    if (next.length === 0) break;
    if (fetched.size >= maxPoms) {
      truncated = true;
      break;
    }
    for (const w of next) {
      if (fetched.size >= maxPoms) {
        truncated = true;
        break;
      }
      const relative = pomPath(w);
      const text = await fetchText(`${base}/${relative}`).catch((error: unknown) => {
        problems.push(`${key(w)}: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      });
      if (text === null) {
        failed.add(key(w));
        if (!problems.some((p) => p.startsWith(`${key(w)}:`)))
          problems.push(`${key(w)}: not in the repository`);
        continue;
      }
      const read = readPom(relative, text);
      if (!read.ok) {
        failed.add(key(w));
        problems.push(read.problem);
        continue;
      }
      await mkdir(path.join(options.dest, path.dirname(relative)), { recursive: true });
      await writeFileAtomic(path.join(options.dest, relative), text);
      fetched.set(key(w), { pom: read.pom, wanted: w });
    }
  }

  const declared = new Set(
    resolveMavenProjects(repoPoms).dependencies.map((d) => `${d.group}:${d.artifact}`),
  );
  const transitive = [...fetched.values()]
    .map((entry) => entry.wanted)
    .filter((w) => w.dependency && w.depth > 1 && !declared.has(`${w.group}:${w.artifact}`))
    .map(({ group, artifact, version, scope, depth, via }) => ({
      group,
      artifact,
      version,
      scope,
      depth,
      via,
    }));
  const resolution: PomResolution = {
    fetched: fetched.size,
    truncated,
    seconds: Math.round(performance.now() - started) / 1000,
    problems,
    transitive: dedupe(transitive).sort((a, b) => ga(a).localeCompare(ga(b))),
  };
  await writeJsonAtomic(path.join(options.dest, RESOLUTION_FILE), resolution);
  return resolution;
}

/**
 * The POMs the current effective models ask for: remote parents and imported BOMs of every POM
 * known so far, and the dependencies of the repository (level 1) and of fetched dependencies
 * (their level + 1, compile and runtime scope only). The first version met for an artifact wins.
 */
function wantedPoms(
  repoPoms: PomDocument[],
  fetched: Map<string, { pom: PomDocument; wanted: Wanted }>,
  projects: ReturnType<typeof resolveMavenProjects>,
  problems: string[],
): Wanted[] {
  const repoPaths = new Set(repoPoms.map((pom) => pom.path));
  const byPath = new Map([...fetched.values()].map((entry) => [entry.pom.path, entry.wanted]));
  const levelOf = (manifest: string): { depth: number; via: string | null } | null => {
    if (repoPaths.has(manifest)) return { depth: 0, via: null };
    const owner = byPath.get(manifest);
    return owner === undefined ? null : { depth: owner.depth, via: owner.via };
  };
  const wanted: Wanted[] = [];
  const seenArtifacts = new Map<string, string>();
  for (const entry of fetched.values()) {
    if (entry.wanted.dependency) seenArtifacts.set(ga(entry.wanted), entry.wanted.version);
  }
  const allPoms = [...repoPoms, ...[...fetched.values()].map((entry) => entry.pom)];
  for (const pom of allPoms) {
    const level = levelOf(pom.path);
    const parent = pom.parent;
    if (level === null || parent === null) continue;
    if (parent.groupId && parent.artifactId && parent.version && !parent.version.includes('${')) {
      const coordinates = { group: parent.groupId, artifact: parent.artifactId, version: parent.version };
      if (!allPoms.some((p) => p !== pom && sameCoordinates(p, coordinates))) {
        wanted.push({
          ...coordinates,
          depth: Math.max(level.depth, 1),
          dependency: false,
          scope: 'parent',
          via: level.via ?? '',
        });
      }
    }
  }
  for (const bom of projects.boms) {
    const level = levelOf(bom.manifest);
    if (level === null || bom.version === null) continue;
    const coordinates = { group: bom.group, artifact: bom.artifact, version: bom.version };
    if (!allPoms.some((p) => sameCoordinates(p, coordinates))) {
      wanted.push({
        ...coordinates,
        depth: Math.max(level.depth, 1),
        dependency: false,
        scope: 'import',
        via: level.via ?? '',
      });
    }
  }
  for (const dependency of projects.dependencies) {
    const level = levelOf(dependency.manifest);
    if (level === null) continue;
    const fromRepository = level.via === null;
    if (!fromRepository && !TRANSITIVE_SCOPES.has(dependency.scope)) continue;
    if (dependency.version === null) continue;
    if (/^[[(]/.test(dependency.version)) {
      problems.push(
        `${dependency.group}:${dependency.artifact}: version range ${dependency.version} not followed`,
      );
      continue;
    }
    const id = `${dependency.group}:${dependency.artifact}`;
    const chosen = seenArtifacts.get(id);
    if (chosen !== undefined && chosen !== dependency.version) continue;
    seenArtifacts.set(id, dependency.version);
    wanted.push({
      group: dependency.group,
      artifact: dependency.artifact,
      version: dependency.version,
      depth: level.depth + 1,
      dependency: true,
      scope: dependency.scope,
      via: level.via ?? id,
    });
  }
  return dedupeWanted(wanted, problems);
}

/** One entry per POM; a dependency entry wins over a parent/BOM entry, the shallower over the deeper. */
function dedupeWanted(wanted: Wanted[], problems: string[]): Wanted[] {
  const unique = new Map<string, Wanted>();
  for (const w of wanted) {
    const known = unique.get(key(w));
    if (known === undefined || (w.dependency && !known.dependency) || w.depth < known.depth)
      unique.set(key(w), w);
  }
  // Problem lines repeat each round; keep each once.
  const distinct = [...new Set(problems)];
  problems.splice(0, problems.length, ...distinct);
  return [...unique.values()];
}

function dedupe(list: TransitiveDependency[]): TransitiveDependency[] {
  const unique = new Map<string, TransitiveDependency>();
  for (const d of list) if (!unique.has(ga(d))) unique.set(ga(d), d);
  return [...unique.values()];
}

function sameCoordinates(pom: PomDocument, c: Coordinates): boolean {
  return (
    (pom.groupId ?? pom.parent?.groupId) === c.group &&
    pom.artifactId === c.artifact &&
    (pom.version ?? pom.parent?.version) === c.version
  );
}

function key(c: Coordinates): string {
  return `${c.group}:${c.artifact}:${c.version}`;
}

function ga(c: { group: string; artifact: string }): string {
  return `${c.group}:${c.artifact}`;
}

/** `org/example/lib/1.0/lib-1.0.pom`: the POM's path in a Maven repository. */
export function pomPath(c: Coordinates): string {
  return `${c.group.split('.').join('/')}/${c.artifact}/${c.version}/${c.artifact}-${c.version}.pom`;
}

/** The repository's own `pom.xml` files, read (unreadable ones skipped: E1 reports them). */
async function readRepositoryPoms(root: string): Promise<PomDocument[]> {
  const poms: PomDocument[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) {
        await walk(full);
      } else if (entry.isFile() && entry.name === 'pom.xml') {
        const relative = path.relative(root, full).split(path.sep).join('/');
        const read = readPom(relative, await readFile(full, 'utf8'));
        if (read.ok) poms.push(read.pom);
      }
    }
  };
  await walk(root);
  return poms;
}

/**
 * Fetches a POM over HTTP(S) or from a `file://` repository; null when it is not there (404 or
 * no such file). Bounded in time and size.
 *
 * @throws Error on other HTTP statuses, network failures and oversized answers.
 */
async function fetchPomText(url: string): Promise<string | null> {
  if (url.startsWith('file:')) {
    return readFile(fileURLToPath(url), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  }
  if (!/^https?:/.test(url)) throw new Error(`unsupported Maven repository URL: ${url}`);
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_SECONDS * 1000),
    redirect: 'follow',
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if (body.byteLength > MAX_POM_BYTES) throw new Error(`POM larger than ${MAX_POM_BYTES} bytes`);
  return new TextDecoder().decode(body);
}
