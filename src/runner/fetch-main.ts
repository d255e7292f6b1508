/**
 * The fetch step as a program: `node fetch-main.js --repo-url U [--ref R] [--mode fast|full]
 * --dest D`. The docker runner makes it the entrypoint of the fetch container (D = `/work`), the
 * local runner starts it as a child process. Progress goes to stderr as JSON lines (the format
 * of `csqa analyze --progress jsonl`), log lines to stdout, a failure as one line on stderr.
 * Exit codes: 0 fetched, 1 failed, 2 bad arguments, 143 stopped by SIGTERM (130 by SIGINT).
 */
import { parseArgs } from 'node:util';
import { removeLiveClonesSync } from '../source/clone.js';
import { MAVEN_CENTRAL, runFetchStep } from './fetch-step.js';

const { values } = parseArgs({
  options: {
    'repo-url': { type: 'string' },
    ref: { type: 'string', default: '' },
    mode: { type: 'string', default: 'fast' },
    dest: { type: 'string' },
  },
  strict: true,
});
const repoUrl = values['repo-url'];
const dest = values.dest;
const mode = values.mode;
if (repoUrl === undefined || dest === undefined || (mode !== 'fast' && mode !== 'full')) {
  process.stderr.write('csqa fetch: usage: --repo-url U [--ref R] [--mode fast|full] --dest D\n');
  process.exit(2);
}

// The clone is made inside the checkout folder, so moving it into place is a rename.
process.env.TMPDIR = dest;
for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  process.once(signal, () => {
    removeLiveClonesSync();
    process.exit(code);
  });
}

try {
  await runFetchStep(
    {
      repoUrl,
      ref: values.ref ?? '',
      mode,
      dest,
      mavenRepositoryUrl: process.env.CSQA_MAVEN_REPO_URL?.trim() || MAVEN_CENTRAL,
    },
    ({ stage, done, total, message }) => {
      process.stderr.write(`${JSON.stringify({ stage, done, total, message })}\n`);
    },
    (line) => {
      process.stdout.write(`${line}\n`);
    },
  );
} catch (error) {
  process.stderr.write(`csqa fetch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
