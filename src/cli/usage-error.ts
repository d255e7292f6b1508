/**
 * A mistake in how the tool was called — a bad option value, an invalid configuration file —
 * as opposed to a failure of the analysis. The command line prints its one-line message and
 * exits with 2 (system.md "Command line").
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
