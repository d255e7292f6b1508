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

/**
 * Builds the indexes of a `CodeModel` from per-file models (already in sorted path order).
 *
 * Ids stay unique across files (metrics.md §1.4): when a later file declares a top-level type
 * an earlier file already declared (multi-module repositories, copies, samples), that file's
 * type gets the suffix `~2` (`~3` …) — in its own ids and in every id derived from it.
 */
export function buildCodeModel(files: FileModel[]): CodeModel {
  const types = new Map<string, TypeDecl>();
  const callables = new Map<string, Callable>();
  const catches: CatchBlock[] = [];
  const linked: FileModel[] = [];
  for (const original of files) {
    const file = disambiguate(original, types);
    linked.push(file);
    for (const t of file.types) types.set(t.id, t);
    for (const c of file.callables) callables.set(c.id, c);
    catches.push(...file.catches);
  }
  return { files: linked, types, callables, catches };
}

/** The file with its top-level types renamed where their ids are taken already. */
function disambiguate(file: FileModel, taken: Map<string, TypeDecl>): FileModel {
  const renames = new Map<string, string>();
  for (const t of file.types) {
    if (t.outer !== null || !taken.has(t.id)) continue;
    let n = 2;
    while (taken.has(`${t.id}~${n}`)) n++;
    renames.set(t.id, `${t.id}~${n}`);
  }
  if (renames.size === 0) return file;
  const rename = (id: string): string => {
    for (const [from, to] of renames) {
      if (id === from) return to;
      const next = id.charAt(from.length);
      if (id.startsWith(from) && (next === '.' || next === '$' || next === '#'))
        return to + id.slice(from.length);
    }
    return id;
  };
  return {
    ...file,
    types: file.types.map((t) => ({
      ...t,
      id: rename(t.id),
      outer: t.outer === null ? null : rename(t.outer),
    })),
    callables: file.callables.map((c) => ({ ...c, id: rename(c.id), typeId: rename(c.typeId) })),
    catches: file.catches.map((c) => ({ ...c, callableId: rename(c.callableId) })),
    httpSecurity: file.httpSecurity.map((h) => ({ ...h, callableId: rename(h.callableId) })),
    functionalRoutes: file.functionalRoutes.map((r) => ({ ...r, declaredIn: rename(r.declaredIn) })),
  };
}
