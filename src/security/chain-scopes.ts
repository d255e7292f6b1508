/**
 * Which `HttpSecurity` chains protect an entrypoint when one repository holds several
 * applications (a multi-module build): an application runs only the chains on its classpath.
 * Without build information, modules are source roots (the folder above the package folders,
 * `mall-admin/src/main/java`): an entrypoint is protected by the chains of its own source root,
 * then by those of source roots that are no application of their own (shared security
 * libraries). A chain in another application's module never applies.
 */
import type { FileModel } from '../model/types.js';
import { findPlaced, type AnnotationView } from './annotation-view.js';
import { APPLICATION_ANNOTATIONS } from './catalogue/security.js';
import { HttpSecurityChains } from './http-security.js';

/** The chains that apply per source root. */
export class ChainScopes {
  private readonly rootOfFile = new Map<string, string>();
  private readonly byRoot = new Map<string, HttpSecurityChains>();
  private readonly all: HttpSecurityChains;

  constructor(files: readonly FileModel[], view: AnnotationView) {
    const production = files.filter((f) => !f.isTest);
    for (const f of production) this.rootOfFile.set(f.path, sourceRoot(f));
    const applications = new Set<string>();
    for (const typeId of view.productionTypes()) {
      const file = view.index.fileOf(typeId);
      if (file && findPlaced(view.ofType(typeId), APPLICATION_ANNOTATIONS))
        applications.add(sourceRoot(file));
    }
    const configs = production.flatMap((f) => f.httpSecurity);
    this.all = new HttpSecurityChains(configs);
    const roots = [...new Set(this.rootOfFile.values())].sort();
    const shared = configs.filter((c) => !applications.has(this.rootOf(c.file)));
    for (const root of roots) {
      const own = configs.filter((c) => this.rootOf(c.file) === root);
      this.byRoot.set(root, new HttpSecurityChains([...own, ...shared.filter((c) => !own.includes(c))]));
    }
  }

  /** The chains protecting entrypoints declared in `file`. */
  forFile(file: string): HttpSecurityChains {
    return this.byRoot.get(this.rootOf(file)) ?? this.all;
  }

  /** Whether the callable builds a chain (its DSL calls are configuration, not checks). */
  declaredIn(callableId: string): boolean {
    return this.all.declaredIn(callableId);
  }

  /** Notes on shadowed or unread rules, and on source roots where several chains apply to every request. */
  notes(): string[] {
    return [
      ...new Set([...this.all.ruleNotes(), ...[...this.byRoot.values()].flatMap((c) => c.overlapNotes())]),
    ];
  }

  private rootOf(file: string): string {
    return this.rootOfFile.get(file) ?? '';
  }
}

/**
 * The source root of a file: its folder without the trailing package folders
 * (`a/src/main/java/com/x/Y.java` in package `com.x` → `a/src/main/java`); the folder itself
 * when the path does not end with the package.
 */
export function sourceRoot(file: FileModel): string {
  const slash = file.path.lastIndexOf('/');
  const folder = slash < 0 ? '' : file.path.slice(0, slash);
  const packagePath = file.package.split('.').join('/');
  if (packagePath === '') return folder;
  if (folder === packagePath) return '';
  return folder.endsWith(`/${packagePath}`) ? folder.slice(0, -packagePath.length - 1) : folder;
}
