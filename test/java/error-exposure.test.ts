import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { ErrorExposure, FileModel } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('error-detail exposure', () => {
  let model: FileModel;
  const inCatchOf = (signature: string): ErrorExposure[] =>
    model.catches
      .filter((c) => c.callableId === `org.acme.billing.ErrorReplies#${signature}`)
      .flatMap((c) => c.exposures);
  const ofHandler = (signature: string): ErrorExposure[] =>
    callable(model, `org.acme.billing.ErrorReplies#${signature}`).exposures;
  before(async () => {
    model = await extractFixture('ErrorReplies.java');
  });

  test('the message in a response body is a message, not a stack trace', () => {
    assert.deepEqual(inCatchOf('find(long)'), [{ detail: 'message', via: 'response-body', line: 33 }]);
  });

  test('logging the message is not exposure', () => {
    assert.deepEqual(inCatchOf('submit(String)'), []);
  });

  test('an exception handler returning e.toString() exposes the exception', () => {
    assert.deepEqual(ofHandler('badInput(IllegalArgumentException)'), [
      { detail: 'exception', via: 'response-body', line: 49 },
    ]);
  });

  test('a stack trace printed into a StringWriter that reaches the body is a stack trace', () => {
    assert.deepEqual(ofHandler('crash(Exception)'), [
      { detail: 'stack-trace', via: 'response-body', line: 56 },
    ]);
  });

  test('model attributes, the response writer and sendError through a local', () => {
    assert.deepEqual(inCatchOf('page(Model)'), [{ detail: 'message', via: 'model', line: 63 }]);
    assert.deepEqual(inCatchOf('raw(HttpServletResponse)'), [
      { detail: 'exception', via: 'response-writer', line: 72 },
      { detail: 'message', via: 'response-writer', line: 74 },
    ]);
  });

  test('a returned string built from the message', () => {
    assert.deepEqual(inCatchOf('echo()'), [{ detail: 'message', via: 'return', line: 83 }]);
  });

  test('the cause, and printStackTrace() to stderr is not exposure', () => {
    assert.deepEqual(ofHandler('why(RuntimeException)'), [
      { detail: 'cause', via: 'response-body', line: 89 },
    ]);
    assert.deepEqual(ofHandler('quiet(Error)'), []);
  });

  test("an outbound request's body is not a response; a JAX-RS entity is", () => {
    assert.deepEqual(inCatchOf('forward(org.springframework.web.reactive.function.client.WebClient)'), []);
    assert.deepEqual(inCatchOf('jaxrs()'), [{ detail: 'message', via: 'response-body', line: 116 }]);
  });

  test('callables without an exception parameter have no exposures of their own', () => {
    assert.deepEqual(ofHandler('find(long)'), []);
  });
});
