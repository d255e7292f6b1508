/**
 * Writing the artifacts of `csqa analyze` into its out dir: `report.json`, `report.sarif` and
 * `report.html` (system.md "Artifacts"), each atomically.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressListener } from '../progress.js';
import type { Report } from '../report/types.js';
import { writeFileAtomic, writeJsonAtomic } from '../report/write.js';

/** `--format` values. */
export const ARTIFACT_FORMATS = ['json', 'sarif', 'html'] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** File name of each format in the out dir. */
export const ARTIFACT_FILE_NAMES: Readonly<Record<ArtifactFormat, string>> = {
  json: 'report.json',
  sarif: 'report.sarif',
  html: 'report.html',
};

/** Producers of the formats other than JSON; injectable so that tests need not render. */
export interface ArtifactWriters {
  /** SARIF 2.1.0 log of a report (`toSarif` of src/report/sarif.ts). */
  toSarif(report: Report): unknown;
  /** One self-contained HTML page of a report (`renderHtml` of src/render/html.ts). */
  renderHtml(report: Report): string | Promise<string>;
}

/**
 * The project's SARIF writer and HTML renderer, each given the metric registry's texts (rule
 * titles and descriptions, metric names in English and Russian). Loaded when asked for, so that
 * a run writing JSON only does not load the renderer and its bundled assets.
 */
export const DEFAULT_ARTIFACT_WRITERS: ArtifactWriters = {
  toSarif: async (report) => {
    const [{ toSarif }, { METRICS }] = await Promise.all([
      import('../report/sarif.js'),
      import('../metrics/registry.js'),
    ]);
    return toSarif(report, { rules: METRICS.flatMap((metric) => Object.values(metric.meta.findings)) });
  },
  renderHtml: async (report) => {
    const [{ renderHtml }, { catalogueFromMetrics }, { METRICS }] = await Promise.all([
      import('../render/html.js'),
      import('../render/catalogue.js'),
      import('../metrics/registry.js'),
    ]);
    return renderHtml(report, { catalogue: catalogueFromMetrics(METRICS) });
  },
};

/**
 * Writes `report` in each of `formats` into `outDir` (created when missing) and returns the
 * paths written, in `ARTIFACT_FORMATS` order. JSON is written first, so a failing renderer
 * still leaves the report. Emits `report` and `render` progress events. `writers` produce SARIF
 * and HTML (default: the project's own).
 *
 * @throws the file system error of a failed write, or the renderer's error.
 */
export async function writeArtifacts(
  report: Report,
  outDir: string,
  formats: readonly ArtifactFormat[],
  onProgress: ProgressListener,
  writers: ArtifactWriters = DEFAULT_ARTIFACT_WRITERS,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const write = async (format: ArtifactFormat, text: string): Promise<void> => {
    const file = path.join(outDir, ARTIFACT_FILE_NAMES[format]);
    await writeFileAtomic(file, text);
    written.push(file);
  };
  // JSON and SARIF are the `report` stage, HTML the `render` stage (src/progress.ts order).
  const reportFormats = ARTIFACT_FORMATS.filter((format) => format !== 'html' && formats.includes(format));
  for (const [done, format] of reportFormats.entries()) {
    onProgress({ stage: 'report', done, total: reportFormats.length, message: ARTIFACT_FILE_NAMES[format] });
    // Written in pieces: a large repository's report is tens of megabytes of JSON.
    const file = path.join(outDir, ARTIFACT_FILE_NAMES[format]);
    await writeJsonAtomic(file, format === 'json' ? report : await writers.toSarif(report));
    written.push(file);
  }
  if (formats.includes('html')) {
    onProgress({ stage: 'render', done: 0, total: 1, message: ARTIFACT_FILE_NAMES.html });
    await write('html', await writers.renderHtml(report));
  }
  return written;
}
