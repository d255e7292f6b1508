/**
 * Generates the JSON Schema of `report.json` from the `Report` type (src/report/types.ts).
 * `npm run schema` writes `schema/report.schema.json`; a test checks the checked-in file is current.
 */
import { createGenerator } from 'ts-json-schema-generator';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this module runs compiled, from `dist/scripts/`). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The schema of `Report`, with `$id` and a title, as a JSON string with a trailing newline. */
export function reportSchemaText(): string {
  const schema = createGenerator({
    path: path.join(root, 'src/report/types.ts'),
    tsconfig: path.join(root, 'tsconfig.json'),
    type: 'Report',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: true,
    skipTypeCheck: true,
  }).createSchema('Report');
  const titled = {
    $id: 'https://csqa-metrics/report.schema.json',
    title: 'CSQA Metrics report.json',
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  writeFileSync(path.join(root, 'schema/report.schema.json'), reportSchemaText());
}
