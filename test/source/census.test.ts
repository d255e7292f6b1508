import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  countLines,
  fileExtension,
  languageCensus,
  languageOf,
  technicalSection,
  unmodelledLanguageNotes,
} from '../../src/source/census.js';
import type { SourceFile } from '../../src/source/types.js';
import { walkRepository } from '../../src/source/walk.js';
import { makeTree, removeTree } from './temp-tree.js';
import path from 'node:path';

const made: string[] = [];
async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await makeTree(files);
  made.push(root);
  return root;
}
after(async () => {
  for (const root of made) await removeTree(root);
});

const file = (p: string): SourceFile => ({ path: p, bytes: 0, isTest: false });

describe('fileExtension (pathlib suffix, lower-cased)', () => {
  const cases: [string, string][] = [
    ['src/App.java', '.java'],
    ['README.MD', '.md'],
    ['x.tar.gz', '.gz'],
    ['.gitignore', '<none>'],
    ['a/.env.local', '.local'],
    ['Makefile', '<none>'],
    ['weird.', '<none>'],
    ['dir.d/file', '<none>'],
  ];
  for (const [p, ext] of cases) it(`${p} → ${ext}`, () => assert.equal(fileExtension(p), ext));
});

describe('languageOf (metrics.md §2 D1)', () => {
  const cases: [path: string, language: string | null, why: string][] = [
    ['src/main/java/App.java', 'java', 'Java source'],
    ['src/main/kotlin/App.kt', 'kotlin', 'Kotlin source'],
    ['scripts/release.main.kts', 'kotlin', 'a Kotlin script that is not a build script'],
    ['build.gradle.kts', null, 'Gradle Kotlin build script'],
    ['module/settings.gradle.kts', null, 'Gradle Kotlin settings script'],
    ['build.gradle', null, 'Gradle Groovy build script'],
    ['src/main/groovy/Job.groovy', 'groovy', 'Groovy source'],
    ['src/main/scala/App.scala', 'scala', 'Scala source'],
    ['web/app.js', 'js', 'JavaScript'],
    ['web/App.jsx', 'js', 'JSX'],
    ['web/app.ts', 'ts', 'TypeScript'],
    ['web/types/api.d.ts', null, 'declarations only'],
    ['web/webpack.config.js', null, 'bundler configuration'],
    ['web/.eslintrc.js', null, 'linter configuration'],
    ['web/gulpfile.js', null, 'task runner'],
    ['src/main/resources/static/js/jquery.min.js', null, 'minified'],
    ['web/dist/main.bundle.js', null, 'bundled'],
    ['src/main/resources/static/js/app.js', 'js', "the project's own script among static assets"],
    ['src/main/resources/static/lib/chart.js', null, 'a library folder among static assets'],
    ['src/main/webapp/resources/js/jquery-3.7.1.js', null, 'a versioned library among web assets'],
    ['tools/app-1.0.js', 'js', 'a versioned name outside web assets'],
    ['src/main/resources/META-INF/resources/webjars/x/x.js', null, 'WebJars'],
    ['vendor/github.com/x/y.go', null, 'Go vendoring'],
    ['native/third_party/zlib/inflate.c', null, 'vendored C'],
    ['native/src/codec.cpp', 'c/c++', 'C++'],
    ['native/include/codec.h', 'c/c++', 'C/C++ header'],
    ['tools/gen.py', 'python', 'Python'],
    ['setup.py', null, 'Python packaging'],
    ['cmd/main.go', 'go', 'Go'],
    ['src/lib.rs', 'rust', 'Rust'],
    ['build.rs', null, 'Cargo build script'],
    ['Client.cs', 'csharp', 'C#'],
    ['index.php', 'php', 'PHP'],
    ['lib/task.rb', 'ruby', 'Ruby'],
    ['pom.xml', null, 'not a language of D1'],
    ['README.md', null, 'not source'],
  ];
  for (const [p, language, why] of cases) {
    it(`${p} → ${language ?? 'not counted'} (${why})`, () => assert.equal(languageOf(p), language));
  }
});

describe('languageCensus', () => {
  it('counts files per language, sorted by name, leaving out what does not count', () => {
    const census = languageCensus(
      ['build.gradle.kts', 'src/A.java', 'src/B.java', 'web/a.ts', 'web/b.tsx', 'x.py', 'jquery.min.js'].map(
        file,
      ),
    );
    assert.deepEqual(census, [
      { language: 'java', files: 2 },
      { language: 'python', files: 1 },
      { language: 'ts', files: 2 },
    ]);
  });

  it('does not see Kotlin in a Java project built with Gradle Kotlin DSL (reference §3.11 ⚠)', () => {
    const census = languageCensus(
      ['build.gradle.kts', 'settings.gradle.kts', 'src/main/java/A.java'].map(file),
    );
    assert.deepEqual(census, [{ language: 'java', files: 1 }]);
  });
});

describe('unmodelledLanguageNotes (metrics.md §1.14)', () => {
  it('says how many Kotlin, Scala and Groovy sources were seen and not analysed', () => {
    const notes = unmodelledLanguageNotes([
      { language: 'groovy', files: 1 },
      { language: 'java', files: 10 },
      { language: 'kotlin', files: 3 },
      { language: 'ts', files: 4 },
    ]);
    assert.deepEqual(notes, [
      { code: 'unmodelled_language', message: '1 Groovy source file seen and not analysed', count: 1 },
      { code: 'unmodelled_language', message: '3 Kotlin source files seen and not analysed', count: 3 },
    ]);
  });
});

describe('technicalSection (reference §1.5)', () => {
  it('counts files, bytes, lines of the listed extensions, extensions by count, and root manifests', async () => {
    const root = await tree({
      'pom.xml': '<project/>\n',
      'src/main/java/A.java': 'class A {\n}\n',
      'src/main/java/B.java': 'class B {}', // last line without newline counts
      'src/main/resources/app.yml': 'a: 1\nb: 2\n',
      'web/x.js': 'one\ntwo\nthree\n', // .js lines are not counted
      '.gitignore': 'target/\n',
      'module/build.gradle': '', // not at the root
    });
    const { files } = await walkRepository(root);
    const technical = await technicalSection(root, files);
    assert.deepEqual(technical, {
      size_bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      files_total: 7,
      lines_estimate: 1 + 2 + 1 + 2,
      file_counts_by_ext: { '.java': 2, '.gradle': 1, '.js': 1, '.xml': 1, '.yml': 1, '<none>': 1 },
      build_system: { maven: true, gradle: false },
      deps: {},
    });
    assert.deepEqual(Object.keys(technical.file_counts_by_ext), [
      '.java',
      '.gradle',
      '.js',
      '.xml',
      '.yml',
      '<none>',
    ]);
  });

  it('sees a Gradle build from build.gradle.kts at the root', async () => {
    const technical = await technicalSection('/nonexistent', [file('build.gradle.kts')]);
    assert.deepEqual(technical.build_system, { maven: false, gradle: true });
  });
});

describe('countLines', () => {
  it('counts like Python iterating a binary file', async () => {
    const root = await tree({ empty: '', one: 'x', two: 'x\ny', crlf: 'a\r\nb\r\n', blank: '\n\n' });
    const counts = [];
    for (const name of ['empty', 'one', 'two', 'crlf', 'blank', 'missing'])
      counts.push(await countLines(path.join(root, name)));
    assert.deepEqual(counts, [0, 1, 2, 2, 2, 0]);
  });
});
