/**
 * Full mode's addition to E1 (system.md "Modes"): E1 keeps its value over the declared
 * dependencies, and the dependencies the POM resolver reached transitively are added to its
 * details, each with its E1 class, so a security library pulled in transitively is visible.
 * The orchestrator applies it to the analyzer's report after the analysis step, from the
 * fetch step's `resolution.json`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { classifyDependency } from '../deps/classify.js';
import { RESOLUTION_FILE, type PomResolution } from '../deps/pom-resolver.js';
import type { MetricBlock, Report } from '../report/types.js';

/**
 * Adds `transitive_dependencies` (group, artifact, version, depth, via, class),
 * `transitive_counts` (per class) and `transitive_resolution` (POMs fetched, truncated,
 * problems) to the details of E1 in `report` (in place; details are keys of the metric block). Nothing changes when E1 is not
 * available or the resolution file is missing.
 */
export async function addTransitiveDependencies(report: Report, mavenDir: string): Promise<void> {
  const block = report.metrics?.E1 as MetricBlock | undefined;
  if (block === undefined || block.status !== 'ok') return;
  let resolution: PomResolution;
  try {
    resolution = JSON.parse(await readFile(path.join(mavenDir, RESOLUTION_FILE), 'utf8')) as PomResolution;
  } catch {
    return;
  }
  // The registry writes a metric's details as keys of its block, beside status and value.
  const prefix = typeof block.internal_prefix === 'string' ? block.internal_prefix : null;
  const listed = resolution.transitive.map((d) => ({
    group: d.group,
    artifact: d.artifact,
    version: d.version,
    depth: d.depth,
    via: d.via,
    class: classifyDependency(d.group, d.artifact, prefix),
  }));
  const counts: Record<string, number> = {};
  for (const d of listed) counts[d.class.toLowerCase()] = (counts[d.class.toLowerCase()] ?? 0) + 1;
  block.transitive_dependencies = listed;
  block.transitive_counts = counts;
  block.transitive_resolution = {
    poms_fetched: resolution.fetched,
    truncated: resolution.truncated,
    problems: resolution.problems,
  };
}
