import { readFileSync } from 'node:fs';

/** The tool's version from package.json (read once at start-up). */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Version of the `report.json` shape; bumped on any incompatible change (docs/report-format.md). */
export const SCHEMA_VERSION = '1.0.0';
