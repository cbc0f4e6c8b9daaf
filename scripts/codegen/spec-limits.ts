/**
 * Limits that keep hostile specs from exhausting the generator's stack, time or memory. Each is
 * far above what real specs use (the deepest vendored spec, digitalocean.json, nests 30 levels;
 * none has a `$ref` chain longer than a few hops), and each is enforced up front by the loader
 * with a SpecError naming the place, so no emitter ever sees input it cannot handle.
 */

/**
 * Deepest nesting of objects/arrays in the document, counted from its root. TypeScript's printer
 * and openapi-typescript recurse per level and overflow the default stack somewhere past ~400
 * levels; 160 leaves room for the caller's own stack and for every emitter in between.
 */
export const MAX_NESTING_DEPTH = 160;

/**
 * Longest chain of `$ref` → `$ref` → … hops without a schema in between. A legitimate alias
 * chain is a handful of hops; the limit stops pathological chains that downstream tools follow
 * recursively.
 */
export const MAX_REF_CHAIN = 64;

/**
 * YAML aliases may expand to at most this many nodes (yaml's `maxAliasCount` measure). A "billion
 * laughs" document expands exponentially; a real spec reuses a few anchors a few times.
 */
export const MAX_YAML_ALIAS_COUNT = 10_000;
