/**
 * The spec's own example values for a schema const: schema-level `example` / `examples` (3.1 list)
 * and, for a body or response, the media type's `example` and `examples.*.value` (through `$ref`s
 * to `#/components/examples`).
 */
type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Example {
  where: string;
  value: unknown;
}

/** Examples for the schema at `pointer` (`…/schema` of a media type gets the media type's too). */
export function examplesFor(schema: unknown, pointer: string, resolve: (ref: string) => unknown): Example[] {
  const out: Example[] = [];
  const deref = (node: unknown): unknown => {
    for (let hops = 0; hops < 10 && isObj(node) && typeof node['$ref'] === 'string'; hops++) node = resolve(node['$ref']);
    return node;
  };
  const own = deref(schema);
  if (isObj(own)) {
    if ('example' in own) out.push({ where: `${pointer}/example`, value: own['example'] });
    if (Array.isArray(own['examples'])) own['examples'].forEach((value, i) => out.push({ where: `${pointer}/examples/${i}`, value }));
  }
  if (pointer.endsWith('/schema')) {
    const mediaPointer = pointer.slice(0, -'/schema'.length);
    const media = resolve(mediaPointer);
    if (isObj(media)) {
      if ('example' in media) out.push({ where: `${mediaPointer}/example`, value: media['example'] });
      if (isObj(media['examples'])) {
        for (const [name, entry] of Object.entries(media['examples'])) {
          const example = deref(entry);
          if (isObj(example) && 'value' in example) out.push({ where: `${mediaPointer}/examples/${name}`, value: example['value'] });
        }
      }
    }
  }
  return out;
}
