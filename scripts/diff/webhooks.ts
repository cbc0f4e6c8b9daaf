/**
 * OpenAPI 3.1 webhooks: requests the API sends to the app, parsed by the generated
 * `webhooks.<name>` parsers. The app is the reader of a payload, so payload changes are judged
 * as responses are: a new field or enum value it may not handle breaks, a field it no longer gets
 * breaks.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields (`webhooks`)
 */
import { collectWebhooks } from '../codegen/collect-webhooks.js';
import type { WebhookModel } from '../codegen/model.js';
import type { Report } from './collector.js';
import type { Docs } from './operations.js';
import { compareSchemas } from './schema-walk.js';

const keyOf = (hook: WebhookModel): string => `${hook.method} ${hook.key}`;
const sdkName = (hook: WebhookModel): string => `webhooks.${hook.name}`;

/** Compares the webhooks of both documents; `reporter` files findings under `webhooks.<name>`. */
export function compareWebhooks(docs: Docs, reporter: (subject: string) => Report): void {
  const quiet = { warn: () => undefined };
  const before = new Map(collectWebhooks(docs.oldDoc, quiet).map((h) => [keyOf(h), h]));
  const after = new Map(collectWebhooks(docs.newDoc, quiet).map((h) => [keyOf(h), h]));
  for (const [key, a] of before) {
    const b = after.get(key);
    const report = reporter(sdkName(b ?? a));
    if (!b) {
      report({ rule: 'webhook-removed', breaking: true, subject: sdkName(a), message: `webhook ${a.key} (${a.method.toUpperCase()}) removed: the app's ${sdkName(a)} parser no longer exists and the event stops coming`, oldPointer: a.pointer, newPointer: undefined, direction: 'response' });
      continue;
    }
    if (a.body.contentType !== b.body.contentType) {
      report({ rule: 'content-type', breaking: true, subject: sdkName(b), message: `webhook payload content type changed (${a.body.contentType} → ${b.body.contentType})`, oldPointer: a.body.pointer, newPointer: b.body.pointer, direction: 'response' });
      continue;
    }
    if (a.body.schema !== undefined && b.body.schema !== undefined) {
      compareSchemas({ ...docs, direction: 'response', report, seen: new Set() }, { node: a.body.schema, pointer: a.body.pointer }, { node: b.body.schema, pointer: b.body.pointer }, `${sdkName(b)} payload`);
    }
  }
  for (const [key, b] of after) {
    if (!before.has(key)) reporter(sdkName(b))({ rule: 'webhook-added', breaking: false, subject: sdkName(b), message: `webhook ${b.key} (${b.method.toUpperCase()}) added`, oldPointer: undefined, newPointer: b.pointer, direction: 'response' });
  }
}
