/**
 * Facts about the repository outside the Java code model: the file census, languages,
 * build manifests and test sources (inputs of D1, E1, F1, F2 and `report.technical`).
 */

/** A source file the walk found, with its repo-relative path. */
export interface SourceFile {
  /** Repo-relative path with `/`. */
  path: string;
  /** Size in bytes. */
  bytes: number;
  isTest: boolean;
}

/** A language present in the repository (D1), with the files that show it. */
export interface LanguagePresence {
  language: string;
  files: number;
}

/** Repository-level facts gathered by the walk, passed to metrics that need more than Java. */
export interface RepositoryFacts {
  /** Every file the walk kept (after excludes), sorted by path. */
  files: SourceFile[];
  /** `.java` files kept, sorted. */
  javaFiles: SourceFile[];
  /** Languages with source files (metrics.md §2 D1 rules), sorted by name. */
  languages: LanguagePresence[];
  /** Parsed build manifests and their dependencies (E1); filled by `src/deps/`. */
  dependencies: import('../deps/types.js').DependencyFacts;
}

/** The files a walk kept and what it skipped on the way. */
export interface WalkResult {
  /** Regular files after excludes, sorted by path (byte order of the UTF-8 path). */
  files: SourceFile[];
  /** Skipped symlinks and unreadable folders, one note each, in walk order. */
  notes: import('../report/types.js').ReportNote[];
}

/**
 * Outcome of reading one `.java` file: its text, or the note that says why it was skipped
 * (`too_large`, `binary`, `not_utf8`, `unreadable`).
 */
export type JavaSourceRead =
  | { kind: 'text'; path: string; text: string }
  | { kind: 'skipped'; path: string; note: import('../report/types.js').ReportNote };

/**
 * `report.technical`: the original's file statistics (reference §1.5), over the files the walk
 * kept. `deps` stays empty in fast mode; full mode fills it.
 */
export interface TechnicalSection {
  size_bytes: number;
  files_total: number;
  /** Lines of the files whose extension is in `LINE_COUNTED_EXTENSIONS` (census.ts). */
  lines_estimate: number;
  /** Lower-cased extension (`.java`, `<none>`) → count, by count descending then extension. */
  file_counts_by_ext: Record<string, number>;
  /** Root manifests: `pom.xml`; `build.gradle` or `build.gradle.kts`. */
  build_system: { maven: boolean; gradle: boolean };
  deps: Record<string, unknown>;
}
