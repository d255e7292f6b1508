import type { AnnotationName } from '../../model/annotations.js';

/**
 * A library annotation or type as the catalogues name it: its simple name and its qualified
 * name in every package that defines it (javax/jakarta, Spring, Micronaut …). The same shape
 * as `AnnotationName`, so annotation and type look-ups share one matching rule.
 */
export type LibraryName = AnnotationName;

/** `named('GetMapping', 'org.springframework.web.bind.annotation')` → the name in each package given. */
export function named(simple: string, ...packages: string[]): LibraryName {
  return { simple, qualified: packages.map((p) => `${p}.${simple}`) };
}

/**
 * Whether a resolved type name (a qualified library name, or a simple name when the imports do
 * not decide it) is the catalogue's type: equal qualified names, else equal simple names for an
 * unqualified name. Never a prefix or substring test (the original's `ModelMap` → `Map` defect).
 */
export function isLibraryType(resolvedName: string, target: LibraryName): boolean {
  if (resolvedName.includes('.')) return target.qualified.includes(resolvedName);
  return resolvedName === target.simple;
}

/** The simple name of a possibly qualified name (`a.b.C` → `C`, `Outer.Inner` → `Inner`). */
export function simpleName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * Whether a method name is listed: entries are exact names, `prefix*` for every name starting
 * with the prefix, `*` for every method, and `new` for a constructor call.
 */
export function methodListed(name: string, listed: readonly string[]): boolean {
  return listed.some((m) => (m.endsWith('*') ? name.startsWith(m.slice(0, -1)) : m === name));
}

/** Methods of library types: a call on a receiver of one of `types` to a listed method (see `methodListed`). */
export interface LibraryApi {
  types: LibraryName[];
  methods: string[];
  /** The documentation the entry comes from. */
  source: string;
}
