import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseProject } from '../helpers/project.js';

describe('error handlers (metrics.md §1.13)', () => {
  it('@ExceptionHandler methods of an advice class and JAX-RS ExceptionMapper.toResponse, nothing else', async () => {
    const { security } = await analyseProject('error-handlers');
    assert.deepEqual(security.errorHandlers, [
      'com.acme.errors.GlobalErrors#conflict(IllegalStateException)',
      'com.acme.errors.NotFoundMapper#toResponse(IllegalArgumentException)',
    ]);
  });
});
