import { createHash } from 'node:crypto';
import type { Report } from '../report/types.js';
import { pageAssets } from './assets.js';
import { keysOnlyCatalogue, type MetricCatalogue } from './catalogue.js';
import { escapeHtml, scriptSafeJson } from './escape.js';
import { DEFAULT_MAX_GRAPH_NODES } from './graph-view.js';
import { completeReport, preparePageData } from './page-data.js';

/** Options of {@link renderHtml}. */
export interface RenderOptions {
  /** Most graph nodes drawn (`--max-graph-nodes`), default 500. */
  maxGraphNodes?: number;
  /**
   * Metric names, descriptions and finding-rule texts (see `catalogueFromMetrics`, `loadMetricCatalogue`).
   * Without it the page shows metric keys instead of names and findings in English only.
   */
  catalogue?: MetricCatalogue;
  /** The orchestrator section of `combined.json`, shown on the About tab. */
  orchestrator?: Record<string, unknown> | null;
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Renders a report as one self-contained HTML page: data, scripts (Chart.js, Cytoscape.js, the page's own
 * code), styles and fonts are inlined, and a Content-Security-Policy allows exactly those inline scripts
 * and that style sheet (by hash), images and fonts from `data:` only, and nothing over the network.
 * Deterministic: the same report and options give the same bytes.
 */
export function renderHtml(report: Report, options: RenderOptions = {}): string {
  const complete = completeReport(report as unknown as Record<string, unknown>);
  const data = preparePageData(complete, {
    catalogue: options.catalogue ?? keysOnlyCatalogue(),
    maxGraphNodes: options.maxGraphNodes ?? DEFAULT_MAX_GRAPH_NODES,
    orchestrator: options.orchestrator ?? null,
  });
  const assets = pageAssets();
  const scripts = [assets.chartJs, assets.cytoscapeJs, assets.clientJs];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    `style-src ${sha256(assets.css)}`,
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `CSQA report — ${data.meta.repo_name}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    // Cytoscape.js injects a <style> with this id unless one exists; the CSP would block it, so the page's
    // own (hashed) style sheet carries the id and the container rule instead.
    `<style id="__________cytoscape_stylesheet">${assets.css}</style>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript>This report needs JavaScript to display its data.</noscript></div>',
    `<script type="application/json" id="csqa-data">${scriptSafeJson(data)}</script>`,
    ...scripts.map((script) => `<script>${script}</script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
