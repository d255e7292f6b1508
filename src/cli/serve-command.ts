/**
 * `csqa serve [--host H] [--port P]` (and `npm start`): the web service (system.md "Web
 * service"). It runs until SIGINT or SIGTERM, then stops taking requests, stops running jobs
 * (their containers are removed) and closes the job database. Exit codes: 0 after a signal,
 * 1 when it cannot start, 2 for a bad setting.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { CliContext } from './analyze-command.js';

/** Adds the `serve` command to `program`; its action stores the exit code through `setExitCode`. */
export function addServeCommand(
  program: Command,
  context: CliContext,
  setExitCode: (code: number) => void,
): void {
  program
    .command('serve')
    .description('start the web service: submit repositories, watch progress, read reports')
    .option('--host <address>', 'address to listen on (default 127.0.0.1; another needs CSA_WEB_TOKEN)')
    .option('--port <port>', 'port to listen on (default: PORT, else 8080)', parsePort)
    .action(async (flags: { host?: string; port?: number }) => {
      setExitCode(await runServe(flags, context));
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a port from 0 to 65535');
  return port;
}

/** Starts the service and resolves with the exit code once a signal has stopped it. */
async function runServe(flags: { host?: string; port?: number }, context: CliContext): Promise<number> {
  // Loaded on use, so that other commands never load the HTTP framework or SQLite.
  const [{ webConfigFrom, WebConfigError }, { startWebService }, { generateToken }] = await Promise.all([
    import('../web/config.js'),
    import('../web/service.js'),
    import('../web/token.js'),
  ]);
  let config;
  try {
    config = webConfigFrom(process.env, flags, process.cwd(), generateToken);
  } catch (error) {
    if (!(error instanceof WebConfigError)) throw error;
    context.stderr.write(`csqa serve: ${error.message}\n`);
    return 2;
  }
  let service;
  try {
    service = await startWebService(config, process.env, { stdout: context.stdout, log: context.stderr });
  } catch (error) {
    context.stderr.write(
      `csqa serve: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const running = service;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      running.close().then(resolve, (error: unknown) => {
        context.stderr.write(
          `csqa serve: stopping: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
