/**
 * `csqa render <report.json|combined.json> [-o report.html] [--max-graph-nodes N]`: the
 * self-contained HTML report of a finished analysis (system.md "Command line"). Exit 0 when the
 * page was written, 1 when the input is missing, not JSON or not a CSQA report, 2 on a usage error.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { renderReportFile } from '../render/render-file.js';
import type { CliContext } from './analyze-command.js';

/** Adds the `render` command to `program`; its action stores the exit code through `setExitCode`. */
export function addRenderCommand(
  program: Command,
  context: Pick<CliContext, 'stdout' | 'stderr'>,
  setExitCode: (code: number) => void,
): void {
  program
    .command('render')
    .description('render report.html from report.json or combined.json')
    .argument('<input>', 'report.json or combined.json')
    .option('-o, --output <file>', 'the HTML file to write', 'report.html')
    .addOption(
      new Option('--max-graph-nodes <n>', 'most call-graph nodes drawn').argParser(parseNodes).default(500),
    )
    .action(async (input: string, flags: { output: string; maxGraphNodes: number }) => {
      try {
        const summary = await renderReportFile(input, flags.output, { maxGraphNodes: flags.maxGraphNodes });
        if (summary.warning !== null) context.stderr.write(`csqa: ${summary.warning}\n`);
        context.stdout.write(
          `wrote ${summary.outputPath} (${summary.bytes} bytes): ${summary.findings} findings, ` +
            `metrics ${summary.metricsAvailable}/${summary.metricsTotal} available\n`,
        );
        setExitCode(0);
      } catch (error) {
        context.stderr.write(`csqa: ${error instanceof Error ? error.message : String(error)}\n`);
        setExitCode(1);
      }
    });
}

function parseNodes(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100_000)
    throw new InvalidArgumentError('expected a whole number from 1 to 100000.');
  return n;
}
