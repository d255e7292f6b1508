/**
 * Build manifests and their dependencies (E1 input, metrics.md §2 E1).
 */

import type { Span } from '../model/types.js';

/** Dependency classes of E1 with their weights (BASELINE 0, INTERNAL 0, SECURITY_SELF 3, RISKY_SECURITY 2, OTHER 1). */
export type DependencyClass = 'BASELINE' | 'INTERNAL' | 'SECURITY_SELF' | 'RISKY_SECURITY' | 'OTHER';

/** One declared dependency, de-duplicated by `group:artifact`. */
export interface Dependency {
  group: string;
  artifact: string;
  /** Resolved version, or null when it cannot be known offline (see `versionNote`). */
  version: string | null;
  /** Why the version is null, e.g. `managed by remote parent org.springframework.boot:spring-boot-starter-parent:3.4.5`. */
  versionNote: string | null;
  /** `compile`, `test`, `runtime`, `provided`, `import` …; Gradle configurations map to these. */
  scope: string;
  /** Repo-relative path of the manifest that declares it first. */
  manifest: string;
  line: number | null;
  /** The declaration in `manifest` (the `<dependency>` element, the Gradle statement), or null when unknown. */
  span: Span | null;
}

/**
 * A bill of materials the build imports to manage versions: a Maven `dependencyManagement` entry
 * with `<scope>import</scope>`, or a Gradle `platform(…)` / `enforcedPlatform(…)`. It pins versions
 * but adds no artifact of its own, so it is not a `Dependency` and E1 does not weigh it.
 */
export interface BomImport {
  group: string;
  artifact: string;
  version: string | null;
  versionNote: string | null;
  /** `maven-import`, `gradle-platform` or `gradle-enforced-platform`. */
  kind: 'maven-import' | 'gradle-platform' | 'gradle-enforced-platform';
  manifest: string;
  line: number | null;
}

/** A module's own coordinates (Maven) or project (Gradle). */
export interface ModuleCoordinates {
  group: string | null;
  artifact: string;
  version: string | null;
  manifest: string;
}

/** Everything E1 needs from the build manifests. */
export interface DependencyFacts {
  /** Repo-relative manifest paths, sorted. */
  manifests: string[];
  modules: ModuleCoordinates[];
  /** Project groupId used for INTERNAL classification, or null. */
  internalPrefix: string | null;
  /** Direct dependencies (not `dependencyManagement`, not plugins, not parents), sorted by group:artifact. */
  dependencies: Dependency[];
  /** BOMs imported by the builds, de-duplicated by group:artifact, sorted; informational, not weighed. */
  boms: BomImport[];
  /** Malformed manifests and other problems, one line each. */
  notes: string[];
}
