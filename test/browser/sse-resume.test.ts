/**
 * Real Chromium, scenario 4: the SSE stream resumes after the network returns. The page keeps
 * sdk.events.streamEvents open (fetch streaming, the browser's own); the network is cut with
 * the DevTools protocol's offline emulation (the SDK cuts the stream's connection itself on the
 * browser's offline event) while the server keeps producing changes; reconnecting fails while offline; when the
 * network returns the stream reconnects with Last-Event-ID and the page receives exactly the
 * changes it missed, in order, none twice.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { browserSuite, openApp } from './harness/browser-suite.js';
import { eventually } from './harness/poll.js';

const test = browserSuite('browser: SSE resumes after the network returns');

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

const orderIdsSeen = async (page: Page) => (await page.evaluate(() => window.tether!.streamState())).events.map((e) => e.orderId);

test('a stream cut by the offline network resumes from its last event id and misses nothing', async (ctx) => {
  const alice = ctx.server.seed.alice.id;
  const newOrder = () => ctx.server.store.createOrder(alice, { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address }).id;
  const page = await openApp(ctx);
  assert.ok((await page.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'))).ok);

  await page.evaluate(() => window.tether!.openStream());
  await eventually(async () => ctx.server.sse.size === 1, 'the stream connecting');
  const first = newOrder();
  await eventually(async () => (await orderIdsSeen(page)).includes(first), 'the first event reaching the page');
  const before = await page.evaluate(() => window.tether!.streamState());
  const resumeFrom = before.lastEventId;
  assert.ok(resumeFrom, 'the server ids its events');

  // DevTools' offline emulation stops new requests but leaves an open connection alone, as a
  // real outage often does (the socket just goes quiet): the SDK hears the browser's `offline`
  // event and cuts the stream itself (docs/sse.md), which the server sees as it closing.
  await ctx.browser.setOffline(true);
  await eventually(async () => ctx.server.sse.size === 0, 'the SDK cutting the open stream when the browser went offline');
  const streamsBefore = ctx.server.requests.filter((r) => r.path === '/events').length;
  const missed = [newOrder(), newOrder()];

  await ctx.browser.setOffline(false);
  await eventually(async () => (await orderIdsSeen(page)).length === 3, 'the missed events arriving after the network returned');
  const after = await page.evaluate(() => window.tether!.streamState());
  assert.equal(after.events.map((e) => e.orderId), [first, ...missed], 'every change once, in order');
  assert.ok(after.events.every((e) => e.event === 'order.created'));
  assert.is(after.error, undefined, 'the stream never failed');
  assert.ok(after.connections >= 2, 'it reconnected');

  const reconnects = ctx.server.requests.filter((r) => r.path === '/events').slice(streamsBefore);
  assert.ok(reconnects.length >= 1, 'it reconnected once the network returned');
  assert.ok(reconnects.every((r) => r.headers['last-event-id'] === resumeFrom), 'resuming after the last event seen');
  assert.ok(reconnects.every((r) => typeof r.headers['authorization'] === 'string'), 'with the session');
  const live = newOrder();
  await eventually(async () => (await orderIdsSeen(page)).includes(live), 'a live event after the resume');
  await page.evaluate(() => window.tether!.closeStream());
});

test.run();
