import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineScriptText } from './escape.js';

const require = createRequire(import.meta.url);

/** The page's own scripts, in load order: helpers first, views next, the shell that starts the page last. */
export const CLIENT_SCRIPTS = [
  'core.js',
  'i18n.js',
  'overview.js',
  'maps.js',
  'graph.js',
  'entrypoints.js',
  'findings.js',
  'about.js',
  'app.js',
] as const;

/** Everything the page inlines besides its data. */
export interface PageAssets {
  /** Chart.js UMD build (sets `window.Chart`). */
  chartJs: string;
  /** Cytoscape.js UMD build (sets `window.cytoscape`). */
  cytoscapeJs: string;
  /** The page's own code, one script. */
  clientJs: string;
  /** The page's style sheet with the JetBrains Mono faces as data URIs. */
  css: string;
}

/**
 * Folder of the client sources. They are plain browser scripts that tsc does not emit, so they are read
 * from `src/render/client/` of the package (three levels above `dist/src/render/`), or from a `client/`
 * folder next to this module when a build copies them there.
 */
function clientDirectory(): string {
  const candidates = [
    new URL('./client/', import.meta.url),
    new URL('../../../src/render/client/', import.meta.url),
  ];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(path.join(dir, 'core.js'))) return dir;
  }
  throw new Error('report client scripts not found (expected src/render/client/ in the package)');
}

/**
 * Joins the client scripts into one: each file runs in its own function scope and they share only the
 * `CSQA` namespace object, so no name leaks to `window` and no file can shadow another's helpers.
 */
function bundleClient(dir: string): string {
  const parts = CLIENT_SCRIPTS.map((name) => {
    const source = readFileSync(path.join(dir, name), 'utf8');
    return `// ---- ${name}\n(function () {\n'use strict';\n${source}\n})();`;
  });
  return `(function () {\n'use strict';\nconst CSQA = {};\n${parts.join('\n')}\n})();\n`;
}

/** JetBrains Mono, regular and bold, Latin and Cyrillic subsets, as `@font-face` rules with data URIs. */
function fontFaces(): string {
  const ranges: Record<string, string> = {
    latin:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
    cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  };
  const faces: string[] = [];
  for (const weight of [400, 700]) {
    for (const [subset, range] of Object.entries(ranges)) {
      const file = require.resolve(
        `@fontsource/jetbrains-mono/files/jetbrains-mono-${subset}-${weight}-normal.woff2`,
      );
      const data = readFileSync(file).toString('base64');
      faces.push(
        `@font-face{font-family:'JetBrains Mono';font-style:normal;font-weight:${weight};font-display:swap;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`,
      );
    }
  }
  return faces.join('\n');
}

let cached: PageAssets | null = null;

/** Reads the inlined libraries, fonts and client code once per process. */
export function pageAssets(): PageAssets {
  if (cached) return cached;
  const dir = clientDirectory();
  // Chart.js exports only its module builds; the UMD file sits next to the CommonJS entry.
  const chartUmd = path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  cached = {
    chartJs: inlineScriptText(readFileSync(chartUmd, 'utf8')),
    cytoscapeJs: inlineScriptText(readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8')),
    clientJs: inlineScriptText(bundleClient(dir)),
    css: `${fontFaces()}\n${readFileSync(path.join(dir, 'styles.css'), 'utf8')}`,
  };
  return cached;
}
