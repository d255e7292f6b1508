/**
 * `extractFile`: one Java source in, one `FileModel` out (metrics.md §1.3–§1.14). This is the
 * only entry point of `src/java/` besides the parser's loader; the syntax tree never leaves it.
 */
import type { FileModel } from '../model/types.js';
import { analyseCallableBody } from './callable-body.js';
import { readDeclarations } from './declarations.js';
import { parseJava } from './parser.js';
import { SourceText } from './syntax-tree.js';

export { loadJavaParser } from './parser.js';

/** Per-file options injected by the pipeline. */
export interface ExtractOptions {
  /** The file is test code (decided on its path by `src/source/`, metrics.md §1.2). */
  isTest: boolean;
  /** Whether an identifier names a secret (from the security catalogue, metrics.md §2 C3). */
  isSecretName: (identifier: string) => boolean;
}

/**
 * Extracts the code model of one file. `path` is repo-relative with `/`. Malformed Java does not
 * throw: the model holds what could be read, `parseErrors` counts ERROR and MISSING nodes, and
 * callables are marked `lowConfidence` (as is a callable whose code nests too deep to analyse).
 * Throws only when the parser is not loaded (`await loadJavaParser()` first).
 */
export function extractFile(source: string, path: string, options: ExtractOptions): FileModel {
  const { root, parseErrors } = parseJava(source);
  const src = new SourceText(source);
  const declarations = readDeclarations(root, {
    src,
    path,
    isTest: options.isTest,
    lowConfidence: parseErrors > 0,
  });
  const model: FileModel = {
    path,
    package: declarations.package,
    imports: declarations.imports,
    types: declarations.types.map((t) => t.decl),
    callables: declarations.callables.map((c) => c.callable),
    catches: [],
    httpSecurity: [],
    functionalRoutes: [],
    isTest: options.isTest,
    parseErrors,
    lines: src.lineCount,
    bytes: Buffer.byteLength(source, 'utf8'),
  };
  const context = {
    src,
    file: path,
    constants: declarations.constants,
    isSecretName: memoised(options.isSecretName),
  };
  for (const unit of declarations.callables) {
    let found: ReturnType<typeof analyseCallableBody>;
    try {
      found = analyseCallableBody(unit, context);
    } catch (error) {
      // Code nested deeper than the call stack (long binary chains are handled iteratively; other
      // shapes this deep are pathological): keep the declaration, with lower confidence.
      if (!(error instanceof RangeError)) throw error;
      unit.callable.lowConfidence = true;
      continue;
    }
    model.catches.push(...found.catches);
    if (found.httpSecurity) model.httpSecurity.push(found.httpSecurity);
    model.functionalRoutes.push(...found.functionalRoutes);
  }
  model.catches.sort(
    (a, b) => a.span.startLine - b.span.startLine || a.span.startColumn - b.span.startColumn,
  );
  return model;
}

/** The predicate with its answers kept for the file: the same names recur on many lines. */
function memoised(predicate: (identifier: string) => boolean): (identifier: string) => boolean {
  const answers = new Map<string, boolean>();
  return (identifier) => {
    let answer = answers.get(identifier);
    if (answer === undefined) {
      answer = predicate(identifier);
      answers.set(identifier, answer);
    }
    return answer;
  };
}
