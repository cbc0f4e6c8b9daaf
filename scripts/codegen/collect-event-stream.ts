/**
 * Event-stream operations: those whose success answer the SDK reads is `text/event-stream`.
 * They are generated as typed, reconnecting streams (`runtime.eventStream`), and this finds the
 * schema of each event's `data`, which OpenAPI 3.0/3.1 cannot say on a `type: string` body:
 *   - `x-tether-event-data: <schema>` on the media type object (any version), or
 *   - OpenAPI 3.2's `itemSchema` describing one event: its `data` property's `contentSchema`
 *     (with `contentMediaType: application/json`), or the `data` schema itself when it is not
 *     a plain string.
 * Without either, events are yielded with their data as text.
 *
 * @see https://spec.openapis.org/oas/v3.2.0#sequential-media-types (itemSchema)
 */
import type { EventStreamModel, ResponseModel } from './model.js';
import { resolvePointer } from './refs.js';
import { joinPointer } from './spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

/** The event-stream shape of an operation, or undefined when its success answer is not an event stream. */
export function collectEventStream(document: Obj, responses: readonly ResponseModel[]): EventStreamModel | undefined {
  const body = responses.filter((r) => isSuccess(r.status)).map((r) => r.body).find((b) => b !== undefined);
  if (!body || body.contentType.toLowerCase() !== 'text/event-stream') return undefined;
  const mediaPointer = body.schema === undefined ? body.pointer : body.pointer.replace(/\/schema$/, '');
  const media = resolvePointer(document, mediaPointer);
  if (!isObj(media)) return { data: undefined };
  const explicit = media['x-tether-event-data'];
  if (isObj(explicit)) return { data: dataModel(explicit, joinPointer(mediaPointer, 'x-tether-event-data')) };
  const item = media['itemSchema'];
  const data = isObj(item) && isObj(item['properties']) ? (item['properties'] as Obj)['data'] : undefined;
  if (!isObj(data)) return { data: undefined };
  const dataPointer = joinPointer(mediaPointer, 'itemSchema', 'properties', 'data');
  if (isObj(data['contentSchema']) && /json/i.test(String(data['contentMediaType'] ?? 'application/json'))) {
    return { data: dataModel(data['contentSchema'] as Obj, joinPointer(dataPointer, 'contentSchema')) };
  }
  return { data: data['type'] === 'string' || data['type'] === undefined ? undefined : dataModel(data, dataPointer) };
}

function dataModel(schema: Obj, pointer: string): NonNullable<EventStreamModel['data']> {
  const ref = typeof schema['$ref'] === 'string' ? schema['$ref'] : undefined;
  const match = ref === undefined ? null : /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  const component = match ? decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
  return { schema, pointer, component };
}
