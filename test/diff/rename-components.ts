/**
 * Builds a copy of a spec that says the same thing in other words: every schema component `X` is
 * renamed `Renamed_X`, and every `$ref` to a whole component goes through an extra alias
 * component (`Alias_X: { $ref: Renamed_X }`); refs into a component's inside and discriminator
 * mappings follow the rename. The breaking-change report must find nothing between the two.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const PREFIX = '#/components/schemas/';

/** The renamed copy, and how many components it renamed. */
export function renameComponents(document: Obj): { document: Obj; renamed: number } {
  const copy = structuredClone(document);
  const components = isObj(copy.components) ? copy.components : undefined;
  const schemas = components && isObj(components.schemas) ? components.schemas : undefined;
  if (!components || !schemas) return { document: copy, renamed: 0 };
  const names = new Set(Object.keys(schemas));
  // Names are JSON-pointer escaped in refs; a prefix without `/` or `~` escapes as itself.
  const escape = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');
  const unescape = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

  const reroute = (ref: string, viaAlias: boolean): string => {
    if (!ref.startsWith(PREFIX)) return ref;
    const [segment = '', ...rest] = ref.slice(PREFIX.length).split('/');
    if (!names.has(unescape(segment))) return ref;
    if (rest.length === 0 && viaAlias) return `${PREFIX}Alias_${segment}`;
    return [`${PREFIX}Renamed_${segment}`, ...rest].join('/');
  };

  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObj(node)) return;
    if (typeof node.$ref === 'string') node.$ref = reroute(node.$ref, true);
    if (isObj(node.discriminator) && isObj(node.discriminator.mapping)) {
      const mapping = node.discriminator.mapping;
      for (const [key, value] of Object.entries(mapping)) {
        if (typeof value !== 'string') continue;
        // A mapping value is a ref or a bare component name.
        mapping[key] = value.startsWith('#') ? reroute(value, false) : names.has(value) ? `Renamed_${value}` : value;
      }
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(copy);

  const next: Obj = {};
  for (const name of names) {
    next[`Renamed_${name}`] = schemas[name];
    next[`Alias_${name}`] = { $ref: `${PREFIX}Renamed_${escape(name)}` };
  }
  components.schemas = next;
  return { document: copy, renamed: names.size };
}
