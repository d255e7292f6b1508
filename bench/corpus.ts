/**
 * Growth corpora: k copies of a repository side by side, copy i > 1 moved under the package
 * prefix `g<i>.` (declarations, imports and qualified names of the repository's own packages), so
 * the copies are distinct code — k times the types, callables and call edges, no name shared
 * across copies — and the call graph grows k-fold without merging.
 */
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Folders never copied (version control and build output). */
const SKIPPED_FOLDERS = new Set(['.git', '.hg', '.svn', 'node_modules']);

/** A `package a.b.c;` declaration (after an optional license comment and annotations). */
const PACKAGE_DECLARATION = /^\s*package\s+([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*;/m;

/** Every regular file under `root`, repo-relative with `/`, in a fixed order. */
async function listFiles(root: string, folder = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) files.push(...(await listFiles(root, relative)));
    } else if (entry.isFile()) {
      files.push(relative);
    }
  }
  return files;
}

/** The packages the repository's `.java` files declare, longest first. */
export function declaredPackages(javaTexts: Iterable<string>): string[] {
  const packages = new Set<string>();
  for (const text of javaTexts) {
    const match = PACKAGE_DECLARATION.exec(text);
    if (match?.[1] !== undefined) packages.add(match[1].replace(/\s+/g, ''));
  }
  return [...packages].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/**
 * A function that puts `prefix` in front of every mention of one of `packages` that is a whole
 * qualified name or the start of one (`dev.x.Foo`, `import dev.x.*`), and not the tail of a longer
 * name (`org.dev.x`).
 */
export function prefixer(packages: readonly string[], prefix: string): (text: string) => string {
  if (packages.length === 0) return (text) => text;
  const alternatives = packages.map((p) => p.replace(/[.$]/g, (c) => `\\${c}`)).join('|');
  const pattern = new RegExp(`(?<![\\w$.])(?:${alternatives})(?![\\w$])`, 'g');
  return (text) => text.replace(pattern, (name) => `${prefix}${name}`);
}

/** What `buildGrowthCorpus` made. */
export interface GrowthCorpus {
  folder: string;
  copies: number;
  /** Packages that were moved in copies 2…k. */
  packages: number;
}

/**
 * Writes `copies` copies of the repository at `source` into `target` (emptied first), as
 * `target/c1/…` (unchanged) … `target/c<k>/…` (packages prefixed with `g<k>.`). Non-Java files are
 * copied as they are. Returns what it wrote.
 */
export async function buildGrowthCorpus(
  source: string,
  target: string,
  copies: number,
): Promise<GrowthCorpus> {
  const files = await listFiles(source);
  const javaFiles = files.filter((f) => f.endsWith('.java'));
  const texts = new Map<string, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const file of javaFiles) {
    try {
      texts.set(file, decoder.decode(await readFile(path.join(source, file))));
    } catch {
      // Not UTF-8: copied byte for byte (the analysis skips it with a note in every copy).
    }
  }
  const packages = declaredPackages(texts.values());
  await rm(target, { recursive: true, force: true });
  for (let copy = 1; copy <= copies; copy++) {
    const base = path.join(target, `c${copy}`);
    const rewrite = copy === 1 ? (text: string) => text : prefixer(packages, `g${copy}.`);
    const made = new Set<string>();
    for (const file of files) {
      const destination = path.join(base, ...file.split('/'));
      const folder = path.dirname(destination);
      if (!made.has(folder)) {
        await mkdir(folder, { recursive: true });
        made.add(folder);
      }
      const text = texts.get(file);
      if (text !== undefined) await writeFile(destination, rewrite(text));
      else await copyFile(path.join(source, file), destination);
    }
  }
  return { folder: target, copies, packages: packages.length };
}

/** Whether `folder` exists and is a folder. */
export async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}
