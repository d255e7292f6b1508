/**
 * Worker thread of the parse stage (src/analyze.ts): reads one `.java` file per job, extracts its
 * `FileModel` and sends it back (or the note that says why the file was skipped). The syntax tree
 * and the source text stay in the worker; only the model crosses to the main thread.
 */
import { workerData } from 'node:worker_threads';
import type { FileModel } from '../model/types.js';
import { memoisedAcrossFiles, serveJobs } from '../parse-pool.js';
import { SharedValues } from '../parse-pool-share.js';
import type { ReportNote } from '../report/types.js';
import { isSecretName } from '../security/secret-names.js';
import { readJavaSource } from '../source/read.js';
import { extractFile, loadJavaParser } from './extract.js';

/** `workerData` of a parse worker. */
export interface ParseWorkerData {
  /** Absolute path of the repository folder. */
  root: string;
}

/** The result of one file: its model, or the note of a file that could not be read. */
export type ParsedFile = { kind: 'model'; model: FileModel } | { kind: 'skipped'; note: ReportNote };

const { root } = workerData as ParseWorkerData;

/** `isSecretName` with its answers kept across files: the same identifiers recur in most files. */
const isSecret = memoisedAcrossFiles(isSecretName);

/** Equal small values of the models sent in one message become one object (src/parse-pool-share.ts). */
const sharing = new SharedValues({ strings: false, objects: true });

serveJobs(
  loadJavaParser(),
  (job) => readJavaSource(root, job.path),
  (job, read): ParsedFile =>
    read.kind === 'skipped'
      ? { kind: 'skipped', note: read.note }
      : {
          kind: 'model',
          model: sharing.share(
            extractFile(read.text, job.path, { isTest: job.isTest, isSecretName: isSecret }),
          ),
        },
);
