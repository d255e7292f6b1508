/** Temporary folders of the runner tests, removed when the test process exits. */
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];
process.once('exit', () => {
  for (const folder of created) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the system's temporary folder, named `<prefix>XXXXXX`. */
export async function tempFolder(prefix: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  created.push(folder);
  return folder;
}
