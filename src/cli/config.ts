/**
 * Loading `.csqa.yml` (given with `--config`, or found at the root of the analysed repository)
 * and validating it against `CONFIG_SCHEMA`; every problem is a `UsageError` (exit 2).
 */
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { CONFIG_SCHEMA, type CsqaConfig } from './config-schema.js';
import { UsageError } from './usage-error.js';

/** Name of the configuration file looked for at the repository root. */
export const REPOSITORY_CONFIG_NAME = '.csqa.yml';

/** Larger configuration files are refused; a real one is a few hundred bytes. */
const MAX_CONFIG_BYTES = 256 * 1024;

const validate = new Ajv({ allErrors: true }).compile<CsqaConfig>(CONFIG_SCHEMA);

/**
 * Reads and validates the configuration file at `file` (as given by the user, shown as such in
 * messages).
 *
 * @throws UsageError when the file is missing, unreadable, too large, not YAML, or not valid
 *   against the schema; the message lists every problem on one line.
 */
export async function loadConfigFile(file: string): Promise<CsqaConfig> {
  let text: string;
  try {
    const info = await lstat(file);
    if (info.size > MAX_CONFIG_BYTES)
      throw new UsageError(`config ${file}: larger than ${MAX_CONFIG_BYTES} bytes`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `config file not found: ${file}` : `config ${file}: cannot be read (${code})`,
    );
  }
  return parseConfig(text, file);
}

/**
 * The configuration of the repository at `root`: its `.csqa.yml` when present as a regular
 * file, else an empty configuration. A symbolic link is refused, so a cloned repository cannot
 * make the tool read (and echo in error messages) a file outside it.
 *
 * @throws UsageError as `loadConfigFile`, and for a `.csqa.yml` that is not a regular file.
 */
export async function loadRepositoryConfig(root: string): Promise<CsqaConfig> {
  const file = path.join(root, REPOSITORY_CONFIG_NAME);
  const info = await lstat(file).catch(() => undefined);
  if (info === undefined) return {};
  if (!info.isFile())
    throw new UsageError(`config ${REPOSITORY_CONFIG_NAME} in the repository is not a regular file`);
  return loadConfigFile(file);
}

/**
 * Parses and validates configuration text; an empty document is an empty configuration.
 *
 * @throws UsageError naming `source`, the YAML error with its line and column, or each schema violation.
 */
export function parseConfig(text: string, source: string): CsqaConfig {
  const document = parseDocument(text);
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    const firstLine = yamlError.message.split('\n')[0]?.replace(/:$/, '') ?? yamlError.code;
    throw new UsageError(`config ${source}: not valid YAML: ${firstLine}`);
  }
  const value: unknown = document.toJS() ?? {};
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describeSchemaError);
    throw new UsageError(`config ${source}: ${problems.join('; ')}`);
  }
  return value;
}

/** One schema violation in words: where (`sink_apis[0].category`) and what is wrong. */
function describeSchemaError(error: ErrorObject): string {
  const where =
    error.instancePath === ''
      ? 'the file'
      : error.instancePath
          .slice(1)
          .split('/')
          .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
          .join('');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${String(params.additionalProperty)}"`;
    case 'required':
      return `${where}: missing key "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return error.schemaPath.endsWith('/methods/items/pattern')
        ? `${where} must be a Java method name`
        : `${where} must be a Java name (identifiers joined by dots, e.g. com.acme.Endpoint)`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}
