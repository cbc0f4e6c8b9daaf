/**
 * /__control: the test harness's remote control, for tests that run the server in another
 * process (browser, packed-tarball consumer). Never logged, never faulted, no auth.
 *
 *   POST   /__control/faults          add a rule (JSON, see faults.ts ruleFromJson) → 201 { id }
 *   GET    /__control/faults          → { rules }
 *   DELETE /__control/faults          remove all rules → 204
 *   DELETE /__control/faults/{id}     remove one rule → 204 | 404
 *   POST   /__control/reset           TestServer.reset() → 204
 *   GET    /__control/ledger          → { entries, counts, refreshCount }
 *   GET    /__control/requests        → { requests }
 *   POST   /__control/tokens/expire   { accessToken? } expire one, or all → 204
 *   POST   /__control/tokens/revoke   forget every token → 204
 *   POST   /__control/tokens/issue    { user: email | id } → Tokens
 *   POST   /__control/orders/seed     { count, owner?: email | id (default alice) } → 201 { ids }
 *   GET    /__control/health          → { ok, epoch }
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../context.js';
import { ruleFromJson } from '../faults.js';
import { HttpError, isRecord, json, parseJsonBody, problem, readBody, toWire, writeWire, type Reply } from '../http.js';

export async function handleControl(req: IncomingMessage, res: ServerResponse, method: string, path: string, deps: Deps): Promise<void> {
  let reply: Reply;
  try {
    const body = parseJsonBody(req, await readBody(req));
    reply = route(method, path.slice('/__control'.length), body, deps);
  } catch (error) {
    reply = error instanceof HttpError
      ? error.reply
      : problem(400, 'bad-control-request', 'Bad control request.', error instanceof Error ? error.message : String(error));
  }
  writeWire(res, toWire(reply, path));
}

const NO_CONTENT: Reply = { status: 204 };

function route(method: string, path: string, body: unknown, deps: Deps): Reply {
  const b = isRecord(body) ? body : {};
  const key = `${method} ${path}`;
  switch (key) {
    case 'POST /faults':
      return json(201, { id: deps.faults.add(ruleFromJson(body)) });
    case 'GET /faults':
      return json(200, { rules: deps.faults.list().map((r) => ({ ...r, remaining: Number.isFinite(r.remaining) ? r.remaining : 'Infinity' })) });
    case 'DELETE /faults':
      deps.faults.clear();
      return NO_CONTENT;
    case 'POST /reset':
      deps.reset();
      return NO_CONTENT;
    case 'GET /ledger':
      return json(200, { entries: deps.ledger.entries(), counts: deps.ledger.counts(), refreshCount: deps.tokens.refreshCount });
    case 'GET /requests':
      return json(200, { requests: deps.requests });
    case 'POST /tokens/expire':
      if (typeof b.accessToken === 'string') deps.tokens.expire(b.accessToken);
      else deps.tokens.expireAll();
      return NO_CONTENT;
    case 'POST /tokens/revoke':
      deps.tokens.revokeAll();
      return NO_CONTENT;
    case 'POST /tokens/issue': {
      const user = typeof b.user === 'string' ? deps.store.userById(b.user) ?? deps.store.userByEmail(b.user) : undefined;
      if (!user) return problem(404, 'not-found', 'No such user.', 'Send { "user": "<email or id>" }.');
      return json(200, deps.tokens.issue(user.id));
    }
    case 'POST /orders/seed': {
      const count = typeof b.count === 'number' && Number.isInteger(b.count) && b.count >= 0 ? b.count : 1;
      const owner = typeof b.owner === 'string' ? b.owner : 'alice@example.com';
      return json(201, { ids: deps.store.seedOrders(count, owner).map((o) => o.id) });
    }
    case 'GET /health':
      return json(200, { ok: true, epoch: deps.store.epoch });
  }
  const one = /^\/faults\/([^/]+)$/.exec(path);
  if (method === 'DELETE' && one) {
    return deps.faults.remove(decodeURIComponent(one[1]!)) ? NO_CONTENT : problem(404, 'not-found', 'No such fault rule.');
  }
  return problem(404, 'not-found', 'No such control endpoint.', key);
}
