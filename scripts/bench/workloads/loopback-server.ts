/**
 * Child process for section 2: the smallest node:http server that answers every request with
 * the same valid `User` JSON (keep-alive), so the clients, not the server, are compared.
 * Prints `{ "port": n }` once listening; exits when its parent closes stdin.
 */
import { createServer } from 'node:http';
import { USER_JSON } from './stub.js';

const body = Buffer.from(USER_JSON);
const server = createServer((req, res) => {
  // Drain any request body before answering, as a real server would.
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.on('close', () => process.exit(0));
