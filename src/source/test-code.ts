/**
 * Test-code detection on the repo-relative path (metrics.md §1.2). Test code is parsed but
 * never an entrypoint, sink or graph node of the security metrics; it feeds F1 and F2 only.
 */

/**
 * Folder names that mark everything below them as test code, compared case-insensitively as
 * the original did (reference §2.2): Maven/Gradle `test`, `tests`, and the Gradle source sets
 * `integrationTest` and `testFixtures`.
 */
const TEST_FOLDERS: ReadonlySet<string> = new Set(['test', 'tests', 'integrationtest', 'testfixtures']);

/**
 * Java file names of test classes (metrics.md §1.2): `*Test.java`, `*Tests.java`, `*IT.java`
 * (Failsafe's integration tests) and `Test[A-Z0-9_]*.java`, so `TestUtils.java` is test code
 * and `Testimonial.java` is not. Case-sensitive, as Java class names are.
 */
const TEST_FILE_NAME = /(?:Test|Tests|IT)\.java$|^Test[A-Z0-9_][^/]*\.java$/;

/**
 * Whether a repo-relative path (with `/`) is test code: a folder segment in `TEST_FOLDERS`;
 * a folder `it` directly under a `src` folder (`src/it/java`, Maven Invoker's layout) — never
 * `it` elsewhere, where it is usually an Italian locale or a package; or a test-class file name.
 * The path must be repo-relative: folders above the repository never count (reference §2.2 ⚠).
 */
export function isTestPath(repoRelativePath: string): boolean {
  const segments = repoRelativePath.split('/');
  const fileName = segments.pop() ?? '';
  for (let i = 0; i < segments.length; i++) {
    const folder = segments[i] ?? '';
    if (TEST_FOLDERS.has(folder.toLowerCase())) return true;
    if (folder === 'it' && i > 0 && segments[i - 1] === 'src') return true;
  }
  return TEST_FILE_NAME.test(fileName);
}
