/**
 * `x-tether-batch` in the generator (scripts/codegen/collect-batch.ts): the relation is emitted
 * compactly, and every mistake is a SpecError naming the file and the pointer of the bad key.
 */
import * as assert from 'uvu/assert';
import { suite } from '../helpers/timed-suite.js';
import { collectOperations } from '../../scripts/codegen/collect-operations.js';
import { collectBatch } from '../../scripts/codegen/collect-batch.js';
import { SpecError } from '../../scripts/codegen/spec-error.js';

const test = suite('batch: x-tether-batch in the generator');

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const user = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, name: { type: 'string' } } };

function spec(ext: unknown, batchBody: object = { type: 'object', properties: { ids: { type: 'array', maxItems: 50, items: { type: 'string' } } } }) {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    components: { schemas: { User: user } },
    paths: {
      '/users/{userId}': {
        get: {
          operationId: 'getUser', tags: ['users'], 'x-tether-batch': ext,
          parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok', ...json({ $ref: '#/components/schemas/User' }) } },
        },
      },
      '/users/batch-get': {
        post: {
          operationId: 'batchGetUsers', tags: ['users'],
          requestBody: { required: true, ...json(batchBody) },
          responses: { '200': { description: 'ok', ...json({ type: 'object', properties: { users: { type: 'array', items: { $ref: '#/components/schemas/User' } } } }) } },
        },
      },
    },
  } as Record<string, unknown>;
}

function run(document: Record<string, unknown>) {
  const { operations } = collectOperations(document, { warn: () => undefined });
  collectBatch(document, operations, 'api.yaml');
  return operations;
}

const good = { operation: 'batchGetUsers', idParam: 'userId', requestField: 'ids', responseField: 'users', itemKey: 'id' };
const AT = '#/paths/~1users~1{userId}/get/x-tether-batch';

test('a valid declaration becomes meta.batch with the batch operation\'s SDK id and the spec\'s maxItems', () => {
  const [getUser, batch] = run(spec(good));
  assert.equal(getUser!.batch, { operation: 'users.batchGetUsers', idParam: 'userId', idIn: 'path', requestField: 'ids', responseField: 'users', itemKey: 'id', maxItems: 50 });
  assert.is(batch!.batch, undefined);
});

const bad: Array<[string, unknown, string, object?]> = [
  ['not an object', 'batchGetUsers', AT],
  ['unknown operationId', { ...good, operation: 'nope' }, `${AT}/operation`],
  ['missing idParam', { ...good, idParam: 'id' }, `${AT}/idParam`],
  ['request field absent', { ...good, requestField: 'userIds' }, `${AT}/requestField`],
  ['response field absent', { ...good, responseField: 'items' }, `${AT}/responseField`],
  ['item key absent', { ...good, itemKey: 'uuid' }, `${AT}/itemKey`],
  ['unknown key', { ...good, idField: 'x' }, `${AT}/idField`],
  ['request field not a list', good, `${AT}/requestField`, { type: 'object', properties: { ids: { type: 'string' } } }],
];
for (const [what, ext, pointer, body] of bad) {
  test(`${what} → SpecError at ${pointer}`, () => {
    try {
      run(spec(ext, body));
      assert.unreachable('no error');
    } catch (error) {
      assert.instance(error, SpecError);
      assert.is((error as SpecError).where, pointer);
      assert.is((error as SpecError).file, 'api.yaml');
    }
  });
}

test('a spec without the extension (v2 drops batchGetUsers) has no batch metadata', () => {
  const document = spec(undefined);
  const operations = run(document);
  assert.ok(operations.every((op) => op.batch === undefined));
});

test.run();
