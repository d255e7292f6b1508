/**
 * The file census: `report.technical` (reference §1.5, over our walk) and the languages of D1
 * (metrics.md §2 D1), with notes for the sources of languages the analyzer does not model (§1.14).
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { ReportNote } from '../report/types.js';
import type { LanguagePresence, SourceFile, TechnicalSection } from './types.js';
import { compareBytes } from './walk.js';

/** Extensions whose lines `lines_estimate` counts, the original's list (reference §1.5). */
export const LINE_COUNTED_EXTENSIONS: ReadonlySet<string> = new Set([
  '.java',
  '.kt',
  '.kts',
  '.groovy',
  '.xml',
  '.yml',
  '.yaml',
  '.md',
  '.properties',
]);

/**
 * D1's languages (metrics.md §2 D1) and the extensions of their source files. The original
 * knew java, kotlin, js, ts, python, go, rust and csharp (reference §3.11); the others are ours.
 * `.kts` is Kotlin script; Gradle's `*.gradle.kts` is excluded as a build script below.
 */
export const LANGUAGE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'c/c++': ['.c', '.h', '.cc', '.cpp', '.cxx', '.hh', '.hpp', '.hxx'],
  csharp: ['.cs'],
  go: ['.go'],
  groovy: ['.groovy'],
  java: ['.java'],
  js: ['.js', '.jsx', '.mjs', '.cjs'],
  kotlin: ['.kt', '.kts'],
  php: ['.php'],
  python: ['.py'],
  ruby: ['.rb'],
  rust: ['.rs'],
  scala: ['.scala'],
  ts: ['.ts', '.tsx', '.mts', '.cts'],
};

/** Languages whose sources are seen but not modelled (metrics.md §1.14), with their display names. */
const UNMODELLED_LANGUAGES: Readonly<Record<string, string>> = {
  groovy: 'Groovy',
  kotlin: 'Kotlin',
  scala: 'Scala',
};

/**
 * Build and tool scripts: code that builds the project, not code of the system, so no language
 * boundary (metrics.md §2 D1 names `*.gradle.kts` and `*.gradle`; the rest are their
 * equivalents in other ecosystems).
 */
const BUILD_SCRIPT_NAMES: readonly RegExp[] = [
  /\.gradle(\.kts)?$/, // Gradle build and settings scripts
  /\.config\.[cm]?[jt]s$/, // webpack/vite/jest/eslint/… configuration
  /^\.[\w-]+rc\.[cm]?js$/, // .eslintrc.js, .prettierrc.cjs, .babelrc.js
  /^(Gruntfile|gulpfile)\.[cm]?[jt]s$/i, // JS task runners
  /^(setup|noxfile|conanfile)\.py$/, // Python packaging and build
  /^build\.rs$/, // Cargo build script
];

/**
 * Minified and bundled JavaScript: generated from other sources or copied libraries
 * (`jquery.min.js`, `app-min.js`, `main.bundle.js`, `12.chunk.js`).
 */
const BUILT_SCRIPT_NAME = /([.-]min|\.bundle|\.chunk)\.[cm]?js$/;

/** TypeScript declaration files carry types only, no code that runs. */
const TYPE_DECLARATION_NAME = /\.d\.[cm]?ts$/;

/**
 * Folder names that hold other projects' code copied into the repository, at any depth: Go,
 * PHP and Ruby `vendor`, C/C++ `third_party`, Bower and JSPM packages, and WebJars (Java
 * packaging of web libraries). `node_modules` never reaches the census: the walk excludes it.
 */
const VENDORED_FOLDERS: ReadonlySet<string> = new Set([
  'vendor',
  'vendors',
  'third_party',
  'third-party',
  'thirdparty',
  'bower_components',
  'jspm_packages',
  'webjars',
]);

/**
 * Roots of web assets served as they are (Spring Boot `static`/`public`, servlet `webapp`,
 * ASP.NET `wwwroot`, `assets`). They hold both the project's own scripts, which count, and
 * copied libraries, which do not: a script there is vendored when it sits in a `lib`/`libs`
 * folder or its name carries a version (`jquery-3.7.1.js`, `vue.2.6.14.js`).
 */
const WEB_ASSET_ROOTS: ReadonlySet<string> = new Set(['static', 'public', 'webapp', 'wwwroot', 'assets']);
const WEB_LIBRARY_FOLDERS: ReadonlySet<string> = new Set(['lib', 'libs']);
const VERSIONED_SCRIPT_NAME = /[.-]v?\d+\.\d+(\.\d+)?([.-][\w]+)*\.[cm]?js$/;

const LANGUAGE_BY_EXTENSION: ReadonlyMap<string, string> = new Map(
  Object.entries(LANGUAGE_EXTENSIONS).flatMap(([language, exts]) =>
    exts.map((ext) => [ext, language] as const),
  ),
);

/**
 * The extension key of the original's census (Python `pathlib` suffix, lower-cased): from the
 * last `.` of the file name; `<none>` for names without one, dot files (`.gitignore`) and names
 * ending in `.`.
 */
export function fileExtension(repoRelativePath: string): string {
  const name = repoRelativePath.slice(repoRelativePath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '<none>';
  return name.slice(dot).toLowerCase();
}

/**
 * The D1 language of a file, or null when it is not a source file of one of the languages or
 * does not count: build scripts, minified or bundled scripts, type declarations, vendored
 * folders, copied libraries among web assets (see the tables above for each rule's reason).
 */
export function languageOf(repoRelativePath: string): string | null {
  const language = LANGUAGE_BY_EXTENSION.get(fileExtension(repoRelativePath));
  if (language === undefined) return null;
  const folders = repoRelativePath.split('/');
  const name = folders.pop() ?? '';
  if (BUILD_SCRIPT_NAMES.some((pattern) => pattern.test(name))) return null;
  if (folders.some((folder) => VENDORED_FOLDERS.has(folder))) return null;
  if (language === 'ts' && TYPE_DECLARATION_NAME.test(name)) return null;
  if (language === 'js') {
    if (BUILT_SCRIPT_NAME.test(name)) return null;
    const assetRoot = folders.findIndex((folder) => WEB_ASSET_ROOTS.has(folder));
    if (assetRoot >= 0) {
      const below = folders.slice(assetRoot + 1);
      if (below.some((folder) => WEB_LIBRARY_FOLDERS.has(folder)) || VERSIONED_SCRIPT_NAME.test(name))
        return null;
    }
  }
  return language;
}

/** The languages present among `files` with their file counts (D1), sorted by language name. */
export function languageCensus(files: readonly SourceFile[]): LanguagePresence[] {
  const counts = new Map<string, number>();
  for (const file of files) {
    const language = languageOf(file.path);
    if (language !== null) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  return [...counts]
    .map(([language, count]) => ({ language, files: count }))
    .sort((a, b) => compareBytes(a.language, b.language));
}

/**
 * One `unmodelled_language` note per language whose sources are counted but not analysed
 * (Kotlin, Scala, Groovy; metrics.md §1.14), so their absence from the model is never a silent zero.
 */
export function unmodelledLanguageNotes(languages: readonly LanguagePresence[]): ReportNote[] {
  return languages.flatMap(({ language, files }) => {
    const name = UNMODELLED_LANGUAGES[language];
    if (name === undefined) return [];
    const noun = files === 1 ? 'file' : 'files';
    return [
      {
        code: 'unmodelled_language',
        message: `${files} ${name} source ${noun} seen and not analysed`,
        count: files,
      },
    ];
  });
}

/**
 * Builds `report.technical` from the walked files (reference §1.5; unlike the original, over
 * our walk, so the default and user excludes apply). Reads the files of
 * `LINE_COUNTED_EXTENSIONS` to count their lines; a file that cannot be read adds no lines
 * (the walk or the Java reader notes it).
 */
export async function technicalSection(
  root: string,
  files: readonly SourceFile[],
): Promise<TechnicalSection> {
  const counts = new Map<string, number>();
  let sizeBytes = 0;
  for (const file of files) {
    sizeBytes += file.bytes;
    const ext = fileExtension(file.path);
    counts.set(ext, (counts.get(ext) ?? 0) + 1);
  }
  const counted = files.filter((file) => LINE_COUNTED_EXTENSIONS.has(fileExtension(file.path)));
  let lines = 0;
  // A few files at a time: enough to overlap I/O, few enough to stay far below descriptor limits.
  const batch = 16;
  for (let i = 0; i < counted.length; i += batch) {
    const found = await Promise.all(
      counted.slice(i, i + batch).map((file) => countLines(path.join(root, ...file.path.split('/')))),
    );
    lines += found.reduce((sum, n) => sum + n, 0);
  }
  const byExt = [...counts].sort(([extA, a], [extB, b]) => b - a || compareBytes(extA, extB));
  const paths = new Set(files.map((file) => file.path));
  return {
    size_bytes: sizeBytes,
    files_total: files.length,
    lines_estimate: lines,
    file_counts_by_ext: Object.fromEntries(byExt),
    build_system: {
      maven: paths.has('pom.xml'),
      gradle: paths.has('build.gradle') || paths.has('build.gradle.kts'),
    },
    deps: {},
  };
}

/**
 * Lines of a file as Python counts them when iterating it in binary mode (the original's
 * rule): newline bytes, plus one for a last line without a newline. 0 when it cannot be read.
 */
export async function countLines(filePath: string): Promise<number> {
  let newlines = 0;
  let lastByte = -1;
  try {
    for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(10);
      while (at !== -1) {
        newlines++;
        at = chunk.indexOf(10, at + 1);
      }
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1] as number;
    }
  } catch {
    return 0;
  }
  return newlines + (lastByte !== -1 && lastByte !== 10 ? 1 : 0);
}
