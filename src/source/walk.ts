/**
 * The repository walk (metrics.md §1.1): every regular file under the root, minus excluded
 * folders and globs, as repo-relative `/` paths in byte order, whatever order the file system
 * lists them in.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ReportNote } from '../report/types.js';
import { createExcludeRule, isExcludedAnywhere, type ExcludeRule } from './exclude.js';
import { isTestPath } from './test-code.js';
import type { SourceFile, WalkResult } from './types.js';

/** Options of `walkRepository`. */
export interface WalkOptions {
  /** User exclude globs, on top of the default folders (see `createExcludeRule`). */
  exclude?: readonly string[];
}

/**
 * Orders strings by the bytes of their UTF-8 encoding: fixed, locale-free, and the same as
 * `git ls-files` and `LC_ALL=C sort` (JS `<` compares UTF-16 units, which differs above U+FFFF).
 */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A symbolic link met during the walk, resolved to its real target inside the repository. */
interface InsideLink {
  /** Repo-relative path of the link itself. */
  path: string;
  /** Real (absolute) path of its target. */
  target: string;
}

/** Mutable state of one walk. */
interface WalkState {
  rootReal: string;
  excluded: ExcludeRule;
  files: SourceFile[];
  notes: ReportNote[];
  /** Real path of every folder walked → the repo-relative path it was walked as. */
  walkedFolders: Map<string, string>;
  /** Real path of every file kept → the repo-relative path it was kept as. */
  walkedFiles: Map<string, string>;
  folderLinks: InsideLink[];
  fileLinks: InsideLink[];
}

/**
 * Walks the repository at `root` and returns its files sorted by `compareBytes` of their path,
 * with notes for what it skipped.
 *
 * Symbolic links are never followed out of the repository: a link is resolved with `realpath`
 * and kept only when its target lies under the root's real path (else a `symlink_outside`
 * note). Inside the repository every real folder and file is walked once: first everything
 * reachable without links, then, in walk order, the links whose target was not walked yet, so a
 * file appears under its real path whenever it has one and a link loop ends at once
 * (`symlink_duplicate`). Links to excluded places are skipped (`symlink_excluded`), dangling
 * ones too (`symlink_broken`). Folders that cannot be listed and files that cannot be stat'ed
 * become `unreadable` notes; fifos, sockets and devices are ignored.
 *
 * @throws when `root` itself does not exist or cannot be listed.
 */
export async function walkRepository(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const rootReal = await realpath(root);
  const state: WalkState = {
    rootReal,
    excluded: createExcludeRule(options.exclude ?? []),
    files: [],
    notes: [],
    walkedFolders: new Map(),
    walkedFiles: new Map(),
    folderLinks: [],
    fileLinks: [],
  };
  await walkFolder(state, '', rootReal);
  // The queue grows while links inside followed folders are found.
  for (let i = 0; i < state.folderLinks.length; i++) {
    const link = state.folderLinks[i] as InsideLink;
    await walkFolder(state, link.path, link.target);
  }
  for (const link of state.fileLinks) await keepLinkedFile(state, link);
  state.files.sort((a, b) => compareBytes(a.path, b.path));
  return { files: state.files, notes: state.notes };
}

/** Lists one folder (by its real path) and handles its entries in byte order of their names. */
async function walkFolder(state: WalkState, folderPath: string, folderReal: string): Promise<void> {
  const walkedAs = state.walkedFolders.get(folderReal);
  if (walkedAs !== undefined) {
    state.notes.push({
      code: 'symlink_duplicate',
      file: folderPath,
      message: `symbolic link to a folder already walked as ${walkedAs || '.'}; not followed again`,
    });
    return;
  }
  state.walkedFolders.set(folderReal, folderPath);

  let entries: Dirent[];
  try {
    entries = await readdir(folderReal, { withFileTypes: true });
  } catch (error) {
    if (folderPath === '') throw error;
    state.notes.push({
      code: 'unreadable',
      file: folderPath,
      message: `folder cannot be listed (${errorCode(error)})`,
    });
    return;
  }
  entries.sort((a, b) => compareBytes(a.name, b.name));

  const regularFiles: string[] = [];
  for (const entry of entries) {
    const entryPath = folderPath === '' ? entry.name : `${folderPath}/${entry.name}`;
    const entryReal = path.join(folderReal, entry.name);
    if (entry.isDirectory()) {
      if (!state.excluded(entryPath, true)) await walkFolder(state, entryPath, entryReal);
    } else if (entry.isFile()) {
      if (!state.excluded(entryPath, false)) regularFiles.push(entry.name);
    } else if (entry.isSymbolicLink()) {
      await resolveLink(state, entryPath, entryReal);
    }
  }
  // Sizes of one folder's files are read together; their order is restored by the final sort.
  await Promise.all(
    regularFiles.map(async (name) => {
      const filePath = folderPath === '' ? name : `${folderPath}/${name}`;
      const fileReal = path.join(folderReal, name);
      try {
        const info = await lstat(fileReal);
        keepFile(state, filePath, fileReal, info.size);
      } catch (error) {
        state.notes.push({
          code: 'unreadable',
          file: filePath,
          message: `file cannot be read (${errorCode(error)})`,
        });
      }
    }),
  );
}

/** Resolves a symbolic link and queues it when its target is an unexcluded place in the repository. */
async function resolveLink(state: WalkState, linkPath: string, linkReal: string): Promise<void> {
  let target: string;
  let isFolder: boolean;
  try {
    target = await realpath(linkReal);
    isFolder = (await stat(target)).isDirectory();
  } catch {
    state.notes.push({
      code: 'symlink_broken',
      file: linkPath,
      message: 'symbolic link whose target does not exist',
    });
    return;
  }
  if (state.excluded(linkPath, isFolder)) return;
  const targetPath = path.relative(state.rootReal, target);
  if (targetPath === '..' || targetPath.startsWith(`..${path.sep}`) || path.isAbsolute(targetPath)) {
    state.notes.push({
      code: 'symlink_outside',
      file: linkPath,
      message: 'symbolic link to a place outside the repository; not followed',
    });
    return;
  }
  const targetRepoPath = targetPath.split(path.sep).join('/');
  if (targetRepoPath !== '' && isExcludedAnywhere(state.excluded, targetRepoPath, isFolder)) {
    state.notes.push({
      code: 'symlink_excluded',
      file: linkPath,
      message: `symbolic link to excluded ${targetRepoPath}; not followed`,
    });
    return;
  }
  (isFolder ? state.folderLinks : state.fileLinks).push({ path: linkPath, target });
}

/** Keeps a file reached through a link unless its real file was kept already. */
async function keepLinkedFile(state: WalkState, link: InsideLink): Promise<void> {
  const keptAs = state.walkedFiles.get(link.target);
  if (keptAs !== undefined) {
    state.notes.push({
      code: 'symlink_duplicate',
      file: link.path,
      message: `symbolic link to a file already walked as ${keptAs}; not counted again`,
    });
    return;
  }
  try {
    const info = await stat(link.target);
    if (info.isFile()) keepFile(state, link.path, link.target, info.size);
  } catch (error) {
    state.notes.push({
      code: 'unreadable',
      file: link.path,
      message: `file cannot be read (${errorCode(error)})`,
    });
  }
}

function keepFile(state: WalkState, filePath: string, fileReal: string, bytes: number): void {
  state.walkedFiles.set(fileReal, filePath);
  state.files.push({ path: filePath, bytes, isTest: isTestPath(filePath) });
}

/** The `code` of a Node.js system error (`EACCES`, `ENOENT`, …), or its message. */
function errorCode(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
