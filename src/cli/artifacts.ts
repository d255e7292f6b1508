/**
 * Writing the artifacts of `csqa analyze` into its out dir: `report.json`, `report.sarif` and
 * `report.html` (system.md "Artifacts"), each atomically.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressListener } from '../progress.js';
import type { Report } from '../report/types.js';
import { toJsonText, writeFileAtomic } from '../report/write.js';

/** `--format` values. */
export const ARTIFACT_FORMATS = ['json', 'sarif', 'html'] as const;
export type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

/** File name of each format in the out dir. */
export const ARTIFACT_FILE_NAMES: Readonly<Record<ArtifactFormat, string>> = {
  json: 'report.json',
  sarif: 'report.sarif',
  html: 'report.html',
};

/** The SARIF writer's module (`src/report/sarif.ts`): SARIF 2.1.0 log of a report. */
interface SarifWriter {
  toSarif(report: Report): unknown;
}
/** The renderer's module (`src/render/html.ts`): one self-contained HTML page of a report. */
interface HtmlRenderer {
  renderHtml(report: Report): string | Promise<string>;
}

/*
 * The writers of the other formats are loaded when asked for: a run that writes JSON only
 * does not load the renderer and its bundled assets.
 */
const SARIF_WRITER_MODULE = '../report/sarif.js';
const HTML_RENDERER_MODULE = '../render/html.js';

/**
 * Writes `report` in each of `formats` into `outDir` (created when missing) and returns the
 * paths written, in `ARTIFACT_FORMATS` order. JSON is written first, so a failing renderer
 * still leaves the report. Emits `report` and `render` progress events.
 *
 * @throws the file system error of a failed write, or the renderer's error.
 */
export async function writeArtifacts(
  report: Report,
  outDir: string,
  formats: readonly ArtifactFormat[],
  onProgress: ProgressListener,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const write = async (format: ArtifactFormat, text: string): Promise<void> => {
    const file = path.join(outDir, ARTIFACT_FILE_NAMES[format]);
    await writeFileAtomic(file, text);
    written.push(file);
  };
  const wanted = ARTIFACT_FORMATS.filter((format) => formats.includes(format));
  onProgress({ stage: 'report', done: 0, total: wanted.length, message: `writing to ${outDir}` });
  if (wanted.includes('json')) await write('json', toJsonText(report));
  if (wanted.includes('sarif')) {
    const { toSarif } = (await import(SARIF_WRITER_MODULE)) as SarifWriter;
    await write('sarif', toJsonText(toSarif(report)));
  }
  if (wanted.includes('html')) {
    onProgress({ stage: 'render', done: 0, total: 1, message: 'rendering report.html' });
    const { renderHtml } = (await import(HTML_RENDERER_MODULE)) as HtmlRenderer;
    await write('html', await renderHtml(report));
    onProgress({ stage: 'render', done: 1, total: 1, message: 'report.html' });
  }
  return written;
}
