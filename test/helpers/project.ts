import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCallGraph } from '../../src/graph/resolve.js';
import type { CallGraph } from '../../src/graph/types.js';
import { extractFile, loadJavaParser } from '../../src/java/extract.js';
import { buildCodeModel, type CodeModel } from '../../src/model/code-model.js';
import { TypeIndex } from '../../src/model/type-index.js';
import { buildSecurityModel, isSecretName, type SecurityOptions } from '../../src/security/index.js';
import type { Entrypoint, SecurityModel } from '../../src/security/types.js';
import { isTestPath } from '../../src/source/test-code.js';
import { fixturePath } from './paths.js';

/** A fixture project parsed with the real extractor, with its security model. */
export interface AnalysedProject {
  model: CodeModel;
  index: TypeIndex;
  graph: CallGraph;
  security: SecurityModel;
}

const NO_OPTIONS: SecurityOptions = { extraEntrypointAnnotations: [], extraSinkApis: [] };

/** `analyseFolder` on `test/fixtures/security/<name>/`. */
export async function analyseProject(
  name: string,
  options: SecurityOptions = NO_OPTIONS,
): Promise<AnalysedProject> {
  return analyseFolder(fixturePath('security', name), options);
}

/**
 * Parses every `.java` file under `root` (paths relative to it, test code decided on the path
 * as the pipeline does) and runs the pipeline up to the security model.
 */
export async function analyseFolder(
  root: string,
  options: SecurityOptions = NO_OPTIONS,
): Promise<AnalysedProject> {
  await loadJavaParser();
  const files = javaFiles(root).map((relative) =>
    extractFile(readFileSync(path.join(root, relative), 'utf8'), relative, {
      isTest: isTestPath(relative),
      isSecretName,
    }),
  );
  const model = buildCodeModel(files);
  const index = new TypeIndex(model);
  const graph = buildCallGraph(model, index);
  return { model, index, graph, security: buildSecurityModel(model, index, graph, options) };
}

/** Repo-relative paths of the Java files under `root`, sorted, with `/`. */
function javaFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...javaFiles(root, relative));
    else if (entry.name.endsWith('.java')) out.push(relative);
  }
  return out.sort();
}

/** The entrypoint of a callable; throws with the ids present when missing. */
export function entrypoint(security: SecurityModel, callableId: string): Entrypoint {
  const found = security.entrypoints.find((e) => e.callableId === callableId);
  if (!found)
    throw new Error(
      `no entrypoint ${callableId}; have ${security.entrypoints.map((e) => e.callableId).join(', ')}`,
    );
  return found;
}

/** Entrypoints reduced to the fields a route table shows: `id verbs routes`, one string each. */
export function routeTable(security: SecurityModel): string[] {
  return security.entrypoints.map((e) =>
    `${e.callableId} ${e.kind} ${e.verbs.join(',') || '*'} ${e.routes.join(' ')}`.trim(),
  );
}
