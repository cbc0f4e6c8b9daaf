/** reviewIntegration(sdk) against a real SDK from generated/v1: the options the app passed, the operations it knows. */
import * as assert from 'uvu/assert';
import { suite } from '../helpers/timed-suite.js';
import { createSdk, memoryTokenStore } from '../../generated/v1/index.js';
import { NotAnSdkError, formatText, reviewIntegration } from '../../src/review/index.js';

const test = suite('reviewIntegration');
const issues = (reports: ReturnType<typeof reviewIntegration>, service: string) => reports.find((r) => r.service === service)!.issues.map((f) => f.rule);

test('reads the operations the SDK knows (services, names, pointers) and the options it was created with', () => {
  const sdk = createSdk({ baseUrl: 'https://api.shop.example.com/v1', auth: { tokenStore: memoryTokenStore() }, retry: false, timeoutMs: 90_000 });
  const reports = reviewIntegration(sdk, { tokenStorage: 'secure' });
  assert.equal(reports.map((r) => r.service), ['auth', 'users', 'orders', 'sync', 'events']);
  const orders = reports.find((r) => r.service === 'orders')!;
  const idem = orders.issues.find((f) => f.rule === 'idempotency-key')!;
  assert.equal(idem.operations, ['sdk.orders.updateOrder']);
  assert.equal(idem.pointers, ['#/paths/~1orders~1{orderId}/patch']);
  // The options the app really passed.
  for (const rule of ['retry-disabled', 'timeout-patience']) assert.ok(issues(reports, 'orders').includes(rule), rule);
  assert.is(orders.reliability.retryLogic, 'NO');
  assert.is(orders.reliability.timeoutConfigured, 'NO');
  assert.match(orders.file, /^live SDK: Shop API 1\.0\.0/);
  assert.match(formatText(reports), /SERVICE: orders\n/);
});

test('validators are read for list shapes: listOrders is a cursor page whose items have no maxItems', () => {
  const sdk = createSdk({ baseUrl: 'https://api.shop.example.com/v1', auth: { tokenStore: memoryTokenStore() } });
  const reports = reviewIntegration(sdk, { tokenStorage: 'secure' });
  const unbounded = reports.find((r) => r.service === 'orders')!.issues.find((f) => f.rule === 'unbounded-response');
  assert.equal(unbounded?.operations, ['sdk.orders.listOrders']);
  // The sync feed (`since`) is found from the params validator: no sync-feed finding.
  assert.not.ok(reports.some((r) => r.issues.some((f) => f.rule === 'sync-feed')));
});

test('token storage: unknown → not assessed (HIGH); a memory store on mobile → finding; secure → none', () => {
  const base = { baseUrl: 'https://api.shop.example.com/v1', auth: { tokenStore: memoryTokenStore() } };
  const unknown = reviewIntegration(createSdk(base));
  assert.ok(unknown.every((r) => r.notAssessed.some((n) => n.rule === 'token-storage')));
  assert.ok(unknown.every((r) => r.risk.productionRisk === 'HIGH'));
  const memory = reviewIntegration(createSdk(base), { tokenStorage: 'memory' });
  assert.ok(issues(memory, 'users').includes('token-storage'));
  assert.is(memory[0]!.security.tokenManagement, 'INSECURE');
  const secure = reviewIntegration(createSdk(base), { tokenStorage: 'secure' });
  assert.not.ok(issues(secure, 'users').includes('token-storage'));
  // A store may say where it keeps tokens itself.
  const tagged = reviewIntegration(createSdk({ ...base, auth: { tokenStore: Object.assign(memoryTokenStore(), { tokenStorage: 'secure' }) } }));
  assert.not.ok(tagged[0]!.notAssessed.some((n) => n.rule === 'token-storage'));
});

test("an insecure baseUrl and validate: 'off' show in the verdicts", () => {
  const sdk = createSdk({ baseUrl: 'http://10.1.2.3:8080', allowInsecureHttp: true, validate: 'off', auth: { tokenStore: memoryTokenStore() } });
  const [auth] = reviewIntegration(sdk, { tokenStorage: 'secure' });
  assert.is(auth!.security.dataInTransit, 'EXPOSED');
  assert.is(auth!.architecture.errorHandling, 'NEEDS WORK');
});

test('anything but an SDK is refused with a typed error', () => {
  assert.throws(() => reviewIntegration({}), (error: unknown) => error instanceof NotAnSdkError);
});

test.run();
