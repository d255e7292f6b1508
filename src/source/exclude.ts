/**
 * Which repo-relative paths the walk leaves out: the default build-output and tool folders
 * (metrics.md §1.1) and the user's exclude globs (`--exclude`, `exclude:` in `.csqa.yml`).
 */
import picomatch from 'picomatch';

/**
 * Folder names excluded at any depth (metrics.md §1.1): VCS and IDE metadata, build outputs
 * (Maven `target`, Gradle `build`/`.gradle`, IntelliJ `out`), `node_modules` and generated sources.
 */
export const DEFAULT_EXCLUDED_FOLDERS: readonly string[] = [
  '.git',
  'target',
  'build',
  'out',
  '.gradle',
  '.idea',
  'node_modules',
  'generated',
  'generated-sources',
];

/** Decides whether a repo-relative path (with `/`) of a file or folder is excluded. */
export type ExcludeRule = (repoRelativePath: string, isFolder: boolean) => boolean;

/**
 * Builds the exclude rule from user globs (picomatch syntax, dot files included). Like
 * `.gitignore`: a glob without `/` matches the last path segment at any depth (`*.gen.java`,
 * `fixtures`); a glob with `/` matches the whole repo-relative path (`legacy/**`,
 * `src/main/java/gen/*`), a leading `/` or `./` only anchors it; a trailing `/` matches
 * folders only. An excluded folder is pruned with everything below it.
 */
export function createExcludeRule(globs: readonly string[]): ExcludeRule {
  const defaults = new Set(DEFAULT_EXCLUDED_FOLDERS);
  const byName: string[] = [];
  const byPath: string[] = [];
  const folderByName: string[] = [];
  const folderByPath: string[] = [];
  for (const raw of globs) {
    const trimmed = raw.trim();
    const glob = trimmed.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (glob === '') continue;
    const foldersOnly = trimmed.endsWith('/');
    const onPath = glob.includes('/') || /^\.?\//.test(trimmed);
    (onPath ? (foldersOnly ? folderByPath : byPath) : foldersOnly ? folderByName : byName).push(glob);
  }
  const options = { dot: true };
  const never = (): boolean => false;
  const matchName = byName.length > 0 ? picomatch(byName, options) : never;
  const matchPath = byPath.length > 0 ? picomatch(byPath, options) : never;
  const matchFolderName = folderByName.length > 0 ? picomatch(folderByName, options) : never;
  const matchFolderPath = folderByPath.length > 0 ? picomatch(folderByPath, options) : never;

  return (repoRelativePath, isFolder) => {
    const name = repoRelativePath.slice(repoRelativePath.lastIndexOf('/') + 1);
    if (isFolder && (defaults.has(name) || matchFolderName(name) || matchFolderPath(repoRelativePath))) {
      return true;
    }
    return matchName(name) || matchPath(repoRelativePath);
  };
}

/**
 * Whether a path is excluded itself or lies under an excluded folder; used for symlink targets,
 * which the walk reaches without passing through their ancestors.
 */
export function isExcludedAnywhere(rule: ExcludeRule, repoRelativePath: string, isFolder: boolean): boolean {
  const segments = repoRelativePath.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (rule(segments.slice(0, i).join('/'), true)) return true;
  }
  return rule(repoRelativePath, isFolder);
}
