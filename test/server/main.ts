/**
 * Runs the reference server on its own, for the demo and manual poking:
 *
 *   npx tsx test/server/main.ts --port 8787 [--host 127.0.0.1] [--seed-orders 5]
 *
 * Prints the URL and the seeded credentials; Ctrl-C closes it cleanly.
 */
import { parseArgs } from 'node:util';
import { CATALOG, startServer } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'seed-orders': { type: 'string', default: '5' },
  },
});

const server = await startServer({
  port: Number(values.port),
  host: values.host,
  seedOrders: Number(values['seed-orders']),
});

const { seed } = server;
console.log(`Shop API reference server listening on ${server.url}`);
console.log('');
console.log('Seeded users (password for all: %s):', seed.password);
for (const u of [seed.alice, seed.bob, seed.carol]) console.log(`  ${u.email.padEnd(20)} ${u.role.padEnd(9)} ${u.id}`);
console.log('');
console.log(`Catalogue SKUs: ${CATALOG.map((p) => p.sku).join(', ')}`);
console.log(`Control: POST ${server.url}/__control/faults, POST ${server.url}/__control/reset, GET ${server.url}/__control/ledger`);
console.log('');
console.log(`  curl -s -X POST ${server.url}/auth/login -H 'content-type: application/json' \\`);
console.log(`    -d '{"email":"${seed.alice.email}","password":"${seed.password}"}'`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: closing…`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
