import type { Callable, CatchBlock, FileModel, TypeDecl } from './types.js';

/**
 * The whole repository's code model: every parsed file, and indexes over them.
 * Built once by `buildCodeModel`; all maps iterate in sorted key order.
 */
export interface CodeModel {
  /** Files in sorted path order. */
  files: FileModel[];
  /** Type id → declaration. */
  types: Map<string, TypeDecl>;
  /** Callable id → callable. */
  callables: Map<string, Callable>;
  /** All catch blocks in file, then position order. */
  catches: CatchBlock[];
}

/** Builds the indexes of a `CodeModel` from per-file models (already in sorted path order). */
export function buildCodeModel(files: FileModel[]): CodeModel {
  const types = new Map<string, TypeDecl>();
  const callables = new Map<string, Callable>();
  const catches: CatchBlock[] = [];
  for (const file of files) {
    for (const t of file.types) types.set(t.id, t);
    for (const c of file.callables) callables.set(c.id, c);
    catches.push(...file.catches);
  }
  return { files, types, callables, catches };
}
