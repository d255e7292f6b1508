import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseProject, entrypoint } from '../helpers/project.js';

const CONTROLLER = 'com.acme.forms.FormController';

describe('client data: parameters bound from the request and their input levels (metrics.md §1.8)', () => {
  it('framework-injected parameters are never client data (by resolved type, not substring: ModelMap is no Map)', async () => {
    const { security } = await analyseProject('client-data');
    const none = entrypoint(
      security,
      `${CONTROLLER}#none(Model,ModelMap,BindingResult,Principal,UserDetails)`,
    );
    assert.deepEqual(none.clientParameters, []);
    assert.equal(none.inputLevel, null);
  });

  const levels: [signature: string, params: string[], level: string][] = [
    [
      'minimal(Colour,boolean,int)',
      ['colour:RequestParam:minimal', 'flag:RequestParam:minimal', 'page:RequestParam:minimal'],
      'minimal',
    ],
    [
      'low(long,UUID,LocalDate,List<UUID>,Address)',
      [
        'id:RequestParam:low',
        'ref:RequestParam:low',
        'day:RequestParam:low',
        'refs:RequestParam:low',
        'address:RequestBody:low',
      ],
      'low',
    ],
    ['medium(String,Note)', ['label:RequestHeader:medium', 'note:RequestBody:medium'], 'medium'],
    [
      'high(Map<String,Object>,JsonNode,HttpServletRequest)',
      ['fields:RequestBody:high', 'tree:RequestParam:high', 'request:raw-request:high'],
      'high',
    ],
    [
      'binary(MultipartFile,byte[],InputStream)',
      ['file:RequestParam:very_high', 'raw:RequestBody:very_high', 'stream:unannotated:very_high'],
      'very_high',
    ],
    ['mixed(int,Model,String)', ['count:RequestParam:low', 'text:RequestBody:medium'], 'medium'],
  ];
  for (const [signature, params, level] of levels) {
    it(`${signature}: ${level}`, async () => {
      const { security } = await analyseProject('client-data');
      const e = entrypoint(security, `${CONTROLLER}#${signature}`);
      assert.deepEqual(
        e.clientParameters.map((p) => `${p.name}:${p.binding}:${p.level}`),
        params,
      );
      assert.equal(e.inputLevel, level);
    });
  }

  it('a repository enum is minimal, a bounded int minimal, a DTO with constrained fields low, one without medium', async () => {
    const { security } = await analyseProject('client-data');
    const minimal = entrypoint(security, `${CONTROLLER}#minimal(Colour,boolean,int)`);
    assert.deepEqual(
      minimal.clientParameters.map((p) => p.type),
      ['Colour', 'boolean', 'int'],
    );
    const low = entrypoint(security, `${CONTROLLER}#low(long,UUID,LocalDate,List<UUID>,Address)`);
    assert.equal(low.clientParameters.find((p) => p.name === 'address')?.level, 'low');
    const medium = entrypoint(security, `${CONTROLLER}#medium(String,Note)`);
    assert.equal(medium.clientParameters.find((p) => p.name === 'note')?.level, 'medium');
  });
});
