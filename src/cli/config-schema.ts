/**
 * The project configuration file `.csqa.yml`: its shape and the JSON Schema it is validated
 * against (ajv), so that a typo is an error with its location instead of a silently ignored key.
 */
import type { Severity } from '../report/types.js';

/** A library API whose calls the project wants treated as sinks (metrics.md §1.10). */
export interface ConfiguredSinkApi {
  /** Simple or qualified type name of the receiver, e.g. `com.acme.LegacyDb`. */
  type: string;
  /** Method names on that type. */
  methods: string[];
  /** Sink category of metrics.md §1.10. */
  category: 'db' | 'fs' | 'exec' | 'http' | 'code' | 'other';
}

/** The contents of `.csqa.yml`; every key is optional. */
export interface CsqaConfig {
  /** Exclude globs, added to `--exclude` (see `createExcludeRule` for their syntax). */
  exclude?: string[];
  /** Annotations that make a method an entrypoint, simple or qualified names, `@` optional. */
  entrypoint_annotations?: string[];
  sink_apis?: ConfiguredSinkApi[];
  /** Quality gate: fail when the aggregate score is at least this (0–1); `--fail-on-score` wins. */
  fail_on_score?: number;
  /** Quality gate: fail on any finding of this severity or worse; `--fail-on-severity` wins. */
  fail_on_severity?: Severity;
}

/** A Java name: identifiers joined by dots (`Endpoint`, `com.acme.Endpoint`), optionally after `@`. */
const JAVA_NAME = '^@?[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$';
const JAVA_IDENTIFIER = '^[A-Za-z_$][A-Za-z0-9_$]*$';

/**
 * JSON Schema (draft-07) of `CsqaConfig`. Lengths and counts are bounded because the file may
 * come from the analysed repository: exclude globs become regular expressions.
 */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'CSQA Metrics configuration (.csqa.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    exclude: {
      type: 'array',
      maxItems: 200,
      items: { type: 'string', minLength: 1, maxLength: 300 },
    },
    entrypoint_annotations: {
      type: 'array',
      maxItems: 200,
      items: { type: 'string', maxLength: 300, pattern: JAVA_NAME },
    },
    sink_apis: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'methods', 'category'],
        properties: {
          type: { type: 'string', maxLength: 300, pattern: JAVA_NAME },
          methods: {
            type: 'array',
            minItems: 1,
            maxItems: 200,
            items: { type: 'string', maxLength: 200, pattern: JAVA_IDENTIFIER },
          },
          category: { enum: ['db', 'fs', 'exec', 'http', 'code', 'other'] },
        },
      },
    },
    fail_on_score: { type: 'number', minimum: 0, maximum: 1 },
    fail_on_severity: { enum: ['critical', 'high', 'medium', 'low'] },
  },
} as const;
