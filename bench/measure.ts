/**
 * Running one fresh process and measuring it: wall seconds from spawn to exit (taken here), CPU
 * seconds and peak RSS (reported by the child itself through `rusage-hook.ts`).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildUsage } from './rusage-hook.js';

/** Folder of the compiled harness (`dist/bench`). */
export const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** Root of the project checkout (`dist/bench/../..`). */
export const projectRoot = path.resolve(benchDir, '..', '..');

/** One measured process. */
export interface Sample {
  wallSec: number;
  userSec: number;
  sysSec: number;
  cpuSec: number;
  maxRssMb: number;
  /** The process's stdout. */
  stdout: string;
}

/**
 * Runs `node <args>` with the rusage hook preloaded and `env` added to this process's
 * environment. Rejects, with the end of stderr, when the process fails.
 */
export async function measureNode(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Sample> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'csqa-bench-usage-'));
  const usageFile = path.join(scratch, 'usage.json');
  try {
    const hook = new URL('./rusage-hook.js', import.meta.url).href;
    const started = process.hrtime.bigint();
    const { code, signal, stdout, stderr } = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', hook, ...args], {
        cwd: projectRoot,
        env: { ...process.env, ...env, CSQA_BENCH_RUSAGE: usageFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (exitCode, exitSignal) =>
        resolve({
          code: exitCode,
          signal: exitSignal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });
    const wallSec = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) {
      throw new Error(
        `node ${args.join(' ')} failed (${signal ?? `exit code ${code}`}): ${stderr.slice(-2000).trim()}`,
      );
    }
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as ChildUsage;
    const userSec = usage.userCPUTime / 1e6;
    const sysSec = usage.systemCPUTime / 1e6;
    return { wallSec, userSec, sysSec, cpuSec: userSec + sysSec, maxRssMb: usage.maxRSS / 1024, stdout };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
