import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkRef,
  checkRepositoryUrl,
  isAllowableHost,
  type RepositoryRejection,
} from '../../src/web/repository-url.js';

const rules = { allowedHosts: ['github.com'] };

/** Inputs the service accepts, with the canonical URL and name it stores. */
const ACCEPTED: [input: string, url: string, name: string][] = [
  ['https://github.com/owner/repo', 'https://github.com/owner/repo.git', 'owner/repo'],
  ['https://github.com/owner/repo.git', 'https://github.com/owner/repo.git', 'owner/repo'],
  ['https://github.com/owner/repo/', 'https://github.com/owner/repo.git', 'owner/repo'],
  ['https://github.com/owner/repo.git/', 'https://github.com/owner/repo.git', 'owner/repo'],
  ['  https://github.com/owner/repo  ', 'https://github.com/owner/repo.git', 'owner/repo'],
  // A final newline is surrounding whitespace, trimmed like the rest (§2.4: Python's `$` let it through).
  ['https://github.com/owner/repo\n', 'https://github.com/owner/repo.git', 'owner/repo'],
  // §2.4: scheme and host are case-insensitive; the path's case is kept.
  ['HTTPS://GITHUB.COM/Owner/Repo', 'https://github.com/Owner/Repo.git', 'Owner/Repo'],
  [
    'https://github.com/spring-projects/spring-petclinic',
    'https://github.com/spring-projects/spring-petclinic.git',
    'spring-projects/spring-petclinic',
  ],
  ['https://github.com/WebGoat/WebGoat', 'https://github.com/WebGoat/WebGoat.git', 'WebGoat/WebGoat'],
  ['https://github.com/a_b/c.d-e_f', 'https://github.com/a_b/c.d-e_f.git', 'a_b/c.d-e_f'],
  ['https://github.com/owner/.github', 'https://github.com/owner/.github.git', 'owner/.github'],
];

/** Inputs refused, with the reason (reference §2.4's lists included, several now refused). */
const REJECTED: [input: string, reason: RepositoryRejection][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  [`https://github.com/owner/${'r'.repeat(300)}`, 'too_long'],
  // §2.4 accepted these; they are refused now.
  ['http://github.com/owner/repo', 'http'],
  ['https://github.com/owner/repo/tree/main/src', 'path_shape'],
  ['https://github.com/../..', 'name'],
  ['https://github.com/owner/repo/ --upload-pack=touch /tmp/x', 'whitespace'],
  ['https://github.com/владелец/репо', 'name'],
  ['https://github.com/owner/repo/?x=1', 'query'],
  // §2.4 refused these; still refused, each with its own reason.
  ['https://github.com/owner', 'path_shape'],
  ['www.github.com/owner/repo', 'not_url'],
  ['github.com/owner/repo', 'not_url'],
  ['git@github.com:owner/repo.git', 'ssh'],
  ['ssh://git@github.com/owner/repo.git', 'ssh'],
  ['git+ssh://github.com/owner/repo', 'ssh'],
  ['https://github.com.evil.com/owner/repo', 'host_not_allowed'],
  ['https://evil.com/owner/repo', 'host_not_allowed'],
  ['https://gіthub.com/owner/repo', 'host_not_allowed'],
  ['https://user:pw@github.com/owner/repo', 'userinfo'],
  ['https://token@github.com/owner/repo', 'userinfo'],
  ['https://github.com:443/owner/repo', 'port'],
  ['https://github.com:/owner/repo', 'port'],
  ['https://github.com/owner/repo?x=1', 'query'],
  ['https://github.com/owner/repo#frag', 'fragment'],
  ['https://github.com/owner/repo\nhttps://github.com/x/y', 'whitespace'],
  ['https://github.com/owner/re%2Fpo', 'encoded'],
  ['https://github.com/owner%2Frepo', 'encoded'],
  ['file:///etc/passwd', 'file'],
  ['FILE:///tmp/repo.git', 'file'],
  ['ftp://github.com/owner/repo', 'scheme'],
  ['git://github.com/owner/repo', 'scheme'],
  ['javascript:alert(1)', 'scheme'],
  ['https:github.com/owner/repo', 'not_url'],
  ['https://127.0.0.1/owner/repo', 'address'],
  ['https://2130706433/owner/repo', 'address'],
  ['https://0x7f.0.0.1/owner/repo', 'address'],
  ['https://[::1]/owner/repo', 'address'],
  ['https://localhost/owner/repo', 'address'],
  ['https://metadata.internal/owner/repo', 'address'],
  ['https://10.0.0.1/owner/repo', 'address'],
  ['https://github.com/-owner/repo', 'name'],
  ['https://github.com/owner/..', 'name'],
  ['https://github.com/owner/.', 'name'],
  ['https://github.com/owner/<script>', 'name'],
  ['https://github.com//owner/repo', 'path_shape'],
  ['https://github.com/owner/repo/extra', 'path_shape'],
];

describe('repository URL rules', () => {
  for (const [input, url, name] of ACCEPTED) {
    it(`accepts ${JSON.stringify(input)} as ${url}`, () => {
      assert.deepEqual(checkRepositoryUrl(input, rules), { ok: true, value: { url, name } });
    });
  }
  for (const [input, reason] of REJECTED) {
    it(`refuses ${JSON.stringify(input.length > 80 ? `${input.slice(0, 60)}…` : input)}: ${reason}`, () => {
      assert.deepEqual(checkRepositoryUrl(input, rules), { ok: false, reason });
    });
  }

  it('names the hosts an administrator allows, and only those', () => {
    const gitlab = { allowedHosts: ['github.com', 'gitlab.com'] };
    assert.equal(checkRepositoryUrl('https://gitlab.com/group/project', gitlab).ok, true);
    assert.deepEqual(checkRepositoryUrl('https://gitlab.com/group/project', rules), {
      ok: false,
      reason: 'host_not_allowed',
    });
  });

  it('refuses addresses and local names even when an administrator lists them', () => {
    for (const host of ['localhost', '127.0.0.1', '10.1.2.3', 'intranet', 'git.local', 'db.internal']) {
      assert.equal(isAllowableHost(host), false, host);
      assert.deepEqual(checkRepositoryUrl(`https://${host}/o/r`, { allowedHosts: [host] }), {
        ok: false,
        reason: 'address',
      });
    }
    assert.equal(isAllowableHost('github.com'), true);
    assert.equal(isAllowableHost('git.example.org'), true);
  });
});

describe('test-only file:// repositories', () => {
  const testRules = { allowedHosts: ['github.com'], fileRepositoryRoot: '/srv/repos' };

  it('accepts a repository directly inside the configured folder', () => {
    assert.deepEqual(checkRepositoryUrl('file:///srv/repos/shop.git', testRules), {
      ok: true,
      value: { url: 'file:///srv/repos/shop.git', name: 'shop' },
    });
  });

  it('refuses file:// outside the folder, through .., nested, or encoded', () => {
    for (const input of [
      'file:///srv/other/shop.git',
      'file:///srv/repos/../secret.git',
      'file:///srv/repos/a/b.git',
      'file:///srv/repos/./shop.git',
      'file:///srv/repos',
      'file:///srv/repos/sh%6Fp.git',
      'file://host/srv/repos/shop.git',
    ]) {
      assert.deepEqual(checkRepositoryUrl(input, testRules), { ok: false, reason: 'file' }, input);
    }
  });

  it('refuses every file:// URL when no folder is configured', () => {
    assert.deepEqual(checkRepositoryUrl('file:///srv/repos/shop.git', rules), { ok: false, reason: 'file' });
  });
});

describe('refs', () => {
  for (const ref of [
    '',
    'main',
    'release/1.2',
    'v1.2.0',
    'a1b2c3d',
    'feature/JIRA-12_x',
    '0123456789abcdef0123456789abcdef01234567',
  ]) {
    it(`accepts ${JSON.stringify(ref)}`, () => assert.deepEqual(checkRef(ref), { ok: true, value: ref }));
  }
  for (const [ref, reason] of [
    ['--upload-pack=x', 'ref_chars'],
    ['--upload-pack', 'ref_shape'],
    ['-b', 'ref_shape'],
    ['main..dev', 'ref_shape'],
    ['a//b', 'ref_shape'],
    ['/main', 'ref_shape'],
    ['main/', 'ref_shape'],
    ['x.lock', 'ref_shape'],
    ['.hidden', 'ref_shape'],
    ['a/.b', 'ref_shape'],
    ['main branch', 'ref_chars'],
    ['main;rm -rf /', 'ref_chars'],
    ['$(id)', 'ref_chars'],
    ['ветка', 'ref_chars'],
    ['x'.repeat(201), 'ref_too_long'],
  ] as const) {
    it(`refuses ${JSON.stringify(ref.length > 40 ? `${ref.slice(0, 20)}…` : ref)}: ${reason}`, () => {
      assert.deepEqual(checkRef(ref), { ok: false, reason });
    });
  }
});
