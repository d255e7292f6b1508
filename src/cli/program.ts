/**
 * The `csqa` program: commander setup shared by every command, and the mapping of commander's
 * own errors to exit codes (a usage error is 2, system.md "Command line").
 */
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { addAnalyzeCommand, EXIT, type CliContext } from './analyze-command.js';
import { addRenderCommand } from './render-command.js';
import { addRunCommand } from './run-command.js';
import { addServeCommand } from './serve-command.js';

/**
 * Parses `args` (without `node` and the script) and runs the command they name; returns the exit
 * code. Help and version exit 0; a missing or unknown command, an unknown option or a bad option
 * value exit 2 after commander's message.
 *
 * @throws only what a command throws unexpectedly (commands turn their known failures into codes).
 */
export async function runCli(args: readonly string[], context: CliContext): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('csqa')
    .description('Architectural security metrics for Java repositories, computed from source')
    .version(TOOL_VERSION)
    // Settings made before `command()` are inherited by every subcommand.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)');
  addAnalyzeCommand(program, context, (code) => {
    exitCode = code;
  });
  addRunCommand(program, context, (code) => {
    exitCode = code;
  });
  addRenderCommand(program, context, (code) => {
    exitCode = code;
  });
  addServeCommand(program, context, (code) => (exitCode = code));
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usageError;
    throw error;
  }
  return exitCode;
}
