/**
 * The web service's settings, read once from the environment and `csqa serve`'s flags
 * (system.md "Environment"). Every value is checked here, so a mistake stops the service at
 * start with one line saying which variable is wrong, never halfway through a job.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { outBaseFrom } from '../runner/out-dir.js';
import type { JobLimits, RunnerChoice } from '../runner/types.js';
import { isAllowableHost } from './repository-url.js';

/** A setting that cannot be used; the message names the variable or flag. */
export class WebConfigError extends Error {
  override readonly name = 'WebConfigError';
}

/**
 * The test-only switch that lets `file://` repositories from one folder through. Its name says
 * what it is; production compose files never set it (a deployment test checks that).
 */
export const TEST_ONLY_FILE_REPOS_VARIABLE = 'CSQA_TEST_ONLY_UNSAFE_FILE_REPOS_DIR';

/** Everything the service needs to know about its surroundings. */
export interface WebConfig {
  /** Address to listen on; loopback unless a token was given. */
  host: string;
  port: number;
  /** The access token: the first path segment after the base path. */
  token: string;
  /** Whether the token was generated at start (no `CSA_WEB_TOKEN`): then the URL is printed once. */
  tokenGenerated: boolean;
  /** `CSA_BASE_PATH` normalised to `''` or `/segment[/segment…]` without a trailing slash. */
  basePath: string;
  /** Absolute `CSQA_OUT_DIR`: job directories, `.work/` and `csqa.db`. */
  outBase: string;
  /** `CSQA_HOST_OUT_DIR`: the out base as the Docker daemon sees it, when it differs. */
  hostOutDir: string | undefined;
  runner: RunnerChoice;
  maxConcurrentJobs: number;
  queueLimit: number;
  jobTimeoutSeconds: number;
  retentionDays: number;
  allowedGitHosts: string[];
  limits: JobLimits;
  /** Test-only folder of `file://` repositories (`CSQA_TEST_ONLY_UNSAFE_FILE_REPOS_DIR`); undefined in production. */
  fileRepositoryRoot: string | undefined;
}

/** `csqa serve`'s flags, which win over the environment. */
export interface ServeFlags {
  host?: string;
  port?: number;
}

/** Shortest token accepted: 128 bits of base64url are 22 characters; anything shorter is guessable. */
export const MIN_TOKEN_LENGTH = 22;

/**
 * Reads the settings from `env` (and `flags`), relative to `cwd`; `generateToken` supplies a
 * token when `CSA_WEB_TOKEN` is empty.
 *
 * @throws WebConfigError for a value out of range, a token that is too short or not URL-safe,
 *   a non-loopback address without a token, or a bad allowed host or test-only folder.
 */
export function webConfigFrom(
  env: NodeJS.ProcessEnv,
  flags: ServeFlags,
  cwd: string,
  generateToken: () => string,
): WebConfig {
  const givenToken = env.CSA_WEB_TOKEN?.trim() ?? '';
  if (givenToken !== '' && !new RegExp(`^[A-Za-z0-9_-]{${MIN_TOKEN_LENGTH},256}$`).test(givenToken)) {
    throw new WebConfigError(
      `CSA_WEB_TOKEN must be at least ${MIN_TOKEN_LENGTH} URL-safe characters (A-Z a-z 0-9 _ -); see .env.example`,
    );
  }
  const host = flags.host ?? '127.0.0.1';
  if (givenToken === '' && !isLoopback(host)) {
    throw new WebConfigError(
      `CSA_WEB_TOKEN is required to listen on ${host}; without it only loopback is allowed`,
    );
  }
  const allowedGitHosts = (env.CSQA_ALLOWED_GIT_HOSTS ?? 'github.com')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  for (const allowed of allowedGitHosts) {
    if (!isAllowableHost(allowed)) {
      throw new WebConfigError(`CSQA_ALLOWED_GIT_HOSTS: "${allowed}" is not a public host name`);
    }
  }
  if (allowedGitHosts.length === 0) throw new WebConfigError('CSQA_ALLOWED_GIT_HOSTS names no host');
  const hostOutDir = env.CSQA_HOST_OUT_DIR?.trim() || undefined;
  if (hostOutDir !== undefined && !path.isAbsolute(hostOutDir)) {
    throw new WebConfigError('CSQA_HOST_OUT_DIR must be an absolute path');
  }
  return {
    host,
    port: flags.port ?? integer(env, 'PORT', 8080, 0, 65535),
    token: givenToken === '' ? generateToken() : givenToken,
    tokenGenerated: givenToken === '',
    basePath: basePathFrom(env.CSA_BASE_PATH ?? ''),
    outBase: outBaseFrom(env, cwd),
    hostOutDir,
    runner: runnerChoice(env.CSQA_RUNNER),
    maxConcurrentJobs: integer(env, 'CSQA_MAX_CONCURRENT_JOBS', 2, 1, 64),
    queueLimit: integer(env, 'CSQA_QUEUE_LIMIT', 50, 0, 10_000),
    jobTimeoutSeconds: integer(env, 'CSQA_JOB_TIMEOUT_SEC', 900, 1, 7 * 86_400),
    retentionDays: integer(env, 'CSQA_RETENTION_DAYS', 30, 1, 36_500),
    allowedGitHosts,
    limits: {
      cpus: decimal(env, 'CSQA_JOB_CPUS', 1),
      memoryBytes: byteSize(env, 'CSQA_JOB_MEMORY', '2g'),
      pids: integer(env, 'CSQA_JOB_PIDS', 512, 16, 1_000_000),
    },
    fileRepositoryRoot: fileRepositoryRootFrom(env[TEST_ONLY_FILE_REPOS_VARIABLE]),
  };
}

/** Whether `host` is a loopback address or `localhost`. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * `CSA_BASE_PATH` → `''` or `/a/b`: surrounding slashes are dropped and one leading slash added,
 * so `csqa`, `/csqa` and `/csqa/` mean the same prefix and `/` or empty mean none.
 *
 * @throws WebConfigError for characters a proxy path should not carry.
 */
export function basePathFrom(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  if (
    !/^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/.test(trimmed) ||
    trimmed.split('/').some((s) => /^\.+$/.test(s))
  ) {
    throw new WebConfigError(`CSA_BASE_PATH must be path segments of letters, digits, "._~-": ${value}`);
  }
  return `/${trimmed}`;
}

function runnerChoice(value: string | undefined): RunnerChoice {
  const choice = (value ?? '').trim() || 'auto';
  if (choice === 'auto' || choice === 'local' || choice === 'docker') return choice;
  throw new WebConfigError(`CSQA_RUNNER must be auto, local or docker: ${choice}`);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim() ?? '';
  if (text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new WebConfigError(`${name} must be a whole number from ${min} to ${max}: ${text}`);
  }
  return value;
}

function decimal(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim() ?? '';
  if (text === '') return fallback;
  const value = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text) || value <= 0 || value > 256) {
    throw new WebConfigError(`${name} must be a positive number: ${text}`);
  }
  return value;
}

/** `512m`, `2g`, `1073741824` → bytes (binary units, as Docker reads them). */
function byteSize(env: NodeJS.ProcessEnv, name: string, fallback: string): number {
  const text = (env[name]?.trim() || fallback).toLowerCase();
  const match = /^(\d+)([kmg]?)b?$/.exec(text);
  const units: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
  const value = match === null ? NaN : Number(match[1]) * (units[match[2] ?? ''] ?? NaN);
  if (!(value >= 64 * 1024 ** 2)) throw new WebConfigError(`${name} must be a size of at least 64m: ${text}`);
  return value;
}

/**
 * The test-only folder, resolved through symbolic links so the `file://` check compares real
 * paths. It must be an absolute path of an existing folder and may not be `/`.
 */
function fileRepositoryRootFrom(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  const problem = `${TEST_ONLY_FILE_REPOS_VARIABLE} (test only) must name an existing folder other than /: ${text}`;
  if (!path.isAbsolute(text) || !existsSync(text) || !statSync(text).isDirectory()) {
    throw new WebConfigError(problem);
  }
  const real = realpathSync(text);
  if (real === '/') throw new WebConfigError(problem);
  return real;
}
