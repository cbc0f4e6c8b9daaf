/**
 * Walks OpenAPI 3.1 `webhooks` into the webhook model: one entry per (webhook, method) that
 * carries a request body, i.e. a payload the API sends to the app.
 *
 * Names: the webhook's key is the name the spec gives the event (`order.shipped`, `newPet`),
 * so it is what the parser is called (`webhooks.orderShipped`), camelCased by the same rules as
 * operations (names.ts); a key with several methods adds the method (`orderShippedPut`). The
 * top-level export adds `Webhook` (`orderShippedWebhook`) and is unique across the SDK.
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields (`webhooks`)
 */
import { pickMediaType } from './collect-operations.js';
import type { BodyModel, Diagnostics, HttpMethod, SchemaNode, WebhookModel } from './model.js';
import { NameScope, camelProperty, memberHazard, safeIdentifier, safeMember } from './names.js';
import { deref } from './refs.js';
import { joinPointer } from './spec-error.js';

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Names generated webhooks.ts and index.ts declare themselves. */
export const WEBHOOK_RESERVED_EXPORTS = ['webhooks', 'WebhookPayloads', 'defineWebhook'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function payloadOf(document: Obj, requestBody: unknown, pointer: string): (BodyModel & { required: boolean }) | undefined {
  const { node, pointer: target } = deref(document, requestBody, pointer);
  if (!isObj(node) || !isObj(node.content)) return undefined;
  const contentType = pickMediaType(node.content);
  if (!contentType) return undefined;
  const mediaPointer = joinPointer(target, 'content', contentType);
  const media = node.content[contentType];
  const schema = isObj(media) && (isObj(media.schema) || typeof media.schema === 'boolean') ? (media.schema as SchemaNode) : undefined;
  return {
    contentType,
    schema,
    pointer: schema === undefined ? mediaPointer : joinPointer(mediaPointer, 'schema'),
    required: node.required === true,
  };
}

/**
 * Collects the document's webhooks. `takenExports` are top-level names already used (the
 * operations' export names), so validator and export names never clash with them.
 */
export function collectWebhooks(document: Obj, diagnostics: Diagnostics, takenExports: Iterable<string> = []): WebhookModel[] {
  const hooks = isObj(document.webhooks) ? document.webhooks : {};
  const names = new NameScope();
  const exportNames = new NameScope([...WEBHOOK_RESERVED_EXPORTS, ...takenExports]);
  const out: WebhookModel[] = [];
  for (const key of Object.keys(hooks)) {
    const itemPointer = joinPointer('#/webhooks', key);
    // A path item may be a `$ref` (to `#/components/pathItems/…`); pointers name where it lives.
    const { node: item, pointer: target } = deref(document, hooks[key], itemPointer);
    if (!isObj(item)) continue;
    const methods = METHODS.filter((m) => isObj(item[m]));
    for (const method of methods) {
      const operation = item[method] as Obj;
      const pointer = joinPointer(target, method);
      const body = payloadOf(document, operation.requestBody, joinPointer(pointer, 'requestBody'));
      if (!body) {
        diagnostics.warn(pointer, 'webhook declares no request body (payload); no parser is generated for it');
        continue;
      }
      // `webhooks.<name>` is a member of a plain object: `then` would make it a thenable and
      // `__proto__` would replace its prototype, so the member rules apply, with a warning.
      const wanted = camelProperty(methods.length > 1 ? `${key} ${method}` : key, 'webhook');
      const hazard = memberHazard(wanted);
      if (hazard) diagnostics.warn(pointer, `webhook "${key}" is generated as \`${safeMember(wanted)}\` (\`webhooks.${wanted}\` ${hazard})`);
      const name = names.claim(safeMember(wanted));
      if (name !== safeMember(wanted)) diagnostics.warn(pointer, `webhook "${key}" collides with another webhook after camelCase; generated as \`webhooks.${name}\``);
      out.push({
        name,
        exportName: exportNames.claim(safeIdentifier(`${name}Webhook`)),
        key,
        method,
        operationId: typeof operation.operationId === 'string' ? operation.operationId : undefined,
        pointer,
        summary: typeof operation.summary === 'string' ? operation.summary : undefined,
        description: typeof operation.description === 'string' ? operation.description : undefined,
        deprecated: operation.deprecated === true,
        body,
      });
    }
  }
  return out;
}
