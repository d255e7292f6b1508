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
