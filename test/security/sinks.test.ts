import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecurityModel } from '../../src/security/types.js';
import { analyseProject } from '../helpers/project.js';

/** `callable category api confidence` for each sink call. */
function sinkTable(security: SecurityModel): string[] {
  return security.sinkCalls.map(
    (s) =>
      `${s.callableId.split('.').pop()} ${s.category}${s.privileged ? '!' : ''} ${s.api} ${s.confidence}`,
  );
}

describe('sinks: parameterised JDBC and name-only look-alikes (case C17)', () => {
  it('JdbcTemplate calls are db sinks by receiver type; Executor.execute, List.remove, Map.merge and comments are not', async () => {
    const { security } = await analyseProject('parameterised-jdbc');
    assert.deepEqual(sinkTable(security), [
      'AlertDao#byAccount(long) db! JdbcTemplate.query high',
      'AlertDao#deleteByLabel(String) db! JdbcTemplate.update high',
    ]);
    assert.deepEqual(
      [...security.sinks],
      [
        ['com.acme.alerts.AlertDao#byAccount(long)', ['db']],
        ['com.acme.alerts.AlertDao#deleteByLabel(String)', ['db']],
      ],
    );
  });

  it('a controller calling a DAO method with a body is not itself a sink: the sink is inside the DAO', async () => {
    const { security } = await analyseProject('parameterised-jdbc');
    assert.equal(security.sinks.has('com.acme.alerts.AlertController#list(long)'), false);
  });

  it('records the receiver type and call site of a high-confidence sink', async () => {
    const { security } = await analyseProject('parameterised-jdbc');
    const [byAccount] = security.sinkCalls;
    assert.equal(byAccount?.receiverType, 'org.springframework.jdbc.core.JdbcTemplate');
    assert.equal(byAccount?.file, 'src/main/java/com/acme/alerts/AlertDao.java');
    assert.equal(byAccount?.line, 24);
  });
});

describe('sinks: Spring Data repositories at distance 0 (case C03)', () => {
  it('calls on a repository interface extending JpaRepository are db sinks of the calling controller', async () => {
    const { security } = await analyseProject('interface-mapping');
    assert.deepEqual(sinkTable(security), [
      'TicketController#fetch(Long) db! JpaRepository.findById high',
      'TicketController#open(Ticket) db! JpaRepository.save high',
    ]);
  });
});

describe('sinks: the catalogue by category', () => {
  it('resolves repositories, mappers, JDBC, files, processes, HTTP clients and deserialisation by type', async () => {
    const { security } = await analyseProject('sink-apis');
    assert.deepEqual(sinkTable(security), [
      // HistoryMapper lives in a package named by @MapperScan.
      'HistoryService#remember(String) db! HistoryMapper.insert (@MapperScan) high',
      // `var secretRepository = provider.get()`: a repository-named receiver of unknown type.
      'LegacySecretDao#cleanup(Supplier<SecretRepository>) db! secretRepository.deleteAll low',
      // getJdbcTemplate() of the JdbcDaoSupport base returns a JdbcTemplate.
      'LegacySecretDao#touch(long) db! JdbcTemplate.update high',
      // `var jdbcTemplate = templates.get()`: type unknown, decided by the receiver's name.
      'LegacySecretDao#wipe(Supplier<JdbcTemplate>,String) db! JdbcTemplate.update low',
      'VaultService#expire(long) db! SecretMapper.purgeExpired (@Mapper) high',
      'VaultService#export(Path,byte[]) fs! Files.write high',
      'VaultService#export(Path,byte[]) fs! new FileOutputStream high',
      'VaultService#forget(Secret) db! CrudRepository.delete high',
      'VaultService#lookup(String) db! SecretRepository.search (@Query) high',
      'VaultService#notifyPeer(String) http RestTemplate.getForObject high',
      'VaultService#owned(String) db! CrudRepository.findByOwner high',
      // Class.forName with a constant class name is not reflection by name.
      'VaultService#plugin(String) code! Class.forName high',
      'VaultService#restore(ObjectInputStream) code! ObjectInputStream.readObject high',
      // Runtime.getRuntime().exec and new ProcessBuilder(…).redirectErrorStream(true).start() through library return types.
      'VaultService#rotate(String) exec! Runtime.exec high',
      'VaultService#rotate(String) exec! ProcessBuilder.start high',
    ]);
  });

  it('housekeeping with List.remove, Map.merge, Executor.execute and getters is no sink; test code never is', async () => {
    const { security } = await analyseProject('sink-apis');
    assert.equal(
      security.sinks.has(
        'com.acme.vault.VaultService#housekeeping(List<String>,Map<String,Integer>,Runnable)',
      ),
      false,
    );
    assert.equal(security.sinks.has('com.acme.vault.VaultService#ownerOf(Secret)'), false);
    assert.equal(
      security.sinkCalls.some((s) => s.callableId.includes('VaultServiceTest')),
      false,
    );
  });

  it('the response writer of a servlet is an unprivileged "other" sink', async () => {
    const { security } = await analyseProject('servlets');
    assert.deepEqual(sinkTable(security), [
      'UploadServlet#doPost(HttpServletRequest,HttpServletResponse) other HttpServletResponse.getWriter high',
    ]);
  });
});

describe('sinks: configured extra APIs', () => {
  it('adds a configured type (simple or qualified) with its methods and category; unknown categories are noted', async () => {
    const { security } = await analyseProject('sink-apis', {
      extraEntrypointAnnotations: [],
      extraSinkApis: [
        { type: 'java.util.concurrent.Executor', methods: ['execute'], category: 'exec' },
        { type: 'Secret', methods: [], category: 'other' },
        { type: 'Anything', methods: [], category: 'teleport' },
      ],
    });
    const extra = sinkTable(security).filter(
      (s) => s.startsWith('VaultService#housekeeping') || s.startsWith('VaultService#ownerOf'),
    );
    assert.deepEqual(extra, [
      'VaultService#housekeeping(List<String>,Map<String,Integer>,Runnable) exec! Executor.execute high',
      'VaultService#ownerOf(Secret) other Secret.getOwner high',
    ]);
    assert.deepEqual(security.notes, [
      'configured sink API Anything has unknown category "teleport" (expected one of db, fs, exec, http, code, other); ignored',
    ]);
  });
});
