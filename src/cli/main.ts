/**
 * Entry point of `bin/csqa.js`: runs the program on the process's arguments and streams and
 * sets the exit code. An unexpected error is printed as one line and exits 1.
 */
import { runCli } from './program.js';

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    // Loaded on use, so that `--help` and usage errors do not load the parser and its grammar.
    analyze: async (root, options, onProgress) =>
      (await import('../analyze.js')).analyzeRepository(root, options, onProgress),
    handleSignals: true,
  });
} catch (error) {
  process.stderr.write(`csqa: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
