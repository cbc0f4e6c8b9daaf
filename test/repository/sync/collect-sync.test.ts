/**
 * Which operations the generator treats as since/cursor changes feeds (scripts/codegen/
 * collect-sync.ts): given a GET's parameters and answer, want the feed's fields or nothing.
 */
import * as assert from 'uvu/assert';
import { test } from '../../helpers/timed-suite.js';
import { collectOperations } from '../../../scripts/codegen/collect-operations.js';
import { detectSyncFeed, syncFactoryName } from '../../../scripts/codegen/collect-sync.js';

type Props = Record<string, unknown>;

function spec(params: string[], props: Props, extra: Props = {}) {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/changes': {
        get: {
          operationId: 'getChanges', tags: ['feed'], ...extra,
          parameters: params.map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: props } } } } },
        },
      },
    },
    components: { schemas: { Note: { type: 'object', properties: { id: { type: 'string' } } } } },
  };
}

const feedShape = {
  upserts: { type: 'array', items: { $ref: '#/components/schemas/Note' } },
  deletes: { type: 'array', items: { type: 'string' } },
  nextCursor: { type: 'string' },
  hasMore: { type: 'boolean' },
};

function detect(document: ReturnType<typeof spec>) {
  const { services } = collectOperations(document, { warn: () => undefined });
  const service = services[0]!;
  return detectSyncFeed(document, service, service.operations[0]!);
}

const CASES: ReadonlyArray<readonly [string, ReturnType<typeof spec>, unknown]> = [
  ['the Shop API shape', spec(['since', 'limit'], feedShape), { cursorParam: 'since', nextCursor: 'nextCursor', hasMore: 'hasMore', upserts: 'upserts', deletes: 'deletes' }],
  ['snake_case, no deletes', spec(['sync_token'], { changes: feedShape.upserts, next_sync_token: { type: 'string' }, has_more: { type: 'boolean' } }), { cursorParam: 'sync_token', nextCursor: 'next_sync_token', hasMore: 'has_more', upserts: 'changes' }],
  ['a `cursor` parameter is pagination, not a feed', spec(['cursor'], feedShape), undefined],
  ['no has-more field', spec(['since'], { upserts: feedShape.upserts, nextCursor: feedShape.nextCursor }), undefined],
  ['has-more that is not a boolean', spec(['since'], { ...feedShape, hasMore: { type: 'string' } }), undefined],
  ['opted out with x-tether-sync: false', spec(['since'], feedShape, { 'x-tether-sync': false }), undefined],
];

for (const [name, document, want] of CASES) {
  test(`feed detection: ${name}`, () => {
    assert.equal(detect(document)?.fields, want);
  });
}

test('the record component and the factory name', () => {
  const feed = detect(spec(['since'], feedShape))!;
  assert.is(feed.recordComponent, 'Note');
  assert.is(syncFactoryName(feed), 'createSyncForGetChanges');
});

test.run();
