import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { NameScope, camelCase, pascalCase } from '../../scripts/codegen/names.js';

const cases: Array<[input: string, camel: string, pascal: string]> = [
  ['get-order', 'getOrder', 'GetOrder'],
  ['listOrders', 'listOrders', 'ListOrders'],
  ['GetOrderByID', 'getOrderById', 'GetOrderById'],
  ['Order Items', 'orderItems', 'OrderItems'],
  ['2fa', '_2fa', '_2fa'],
  ['delete', 'delete_', 'Delete'],
  ['class', 'class_', 'Class'],
  ['repos/get-content', 'reposGetContent', 'ReposGetContent'],
  ['HTMLParser', 'htmlParser', 'HtmlParser'],
  ['café_list', 'cafeList', 'CafeList'],
  ['getUser_v2', 'getUserV2', 'GetUserV2'],
  ['---', 'operation', 'Type'],
];

for (const [input, camel, pascal] of cases) {
  test(`names: ${JSON.stringify(input)} → ${camel} / ${pascal}`, () => {
    assert.is(camelCase(input), camel);
    assert.is(pascalCase(input), pascal);
  });
}

test('NameScope numbers collisions deterministically and honours reserved names', () => {
  const scope = new NameScope(['meta']);
  assert.equal(['list', 'list', 'meta', 'list'].map((n) => scope.claim(n)), ['list', 'list2', 'meta2', 'list3']);
});

test.run();
