/**
 * Which JSON Schema keywords constrain a value, by family. A node with none of them is
 * annotation-only (`description`, `example`, `x-…`) and accepts anything.
 *
 * @see https://json-schema.org/draft/2020-12/json-schema-validation
 */

export const OBJECT_KEYWORDS = ['properties', 'additionalProperties', 'patternProperties', 'required', 'minProperties', 'maxProperties'];
export const ARRAY_KEYWORDS = ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'];
export const STRING_KEYWORDS = ['pattern', 'minLength', 'maxLength'];
export const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

export const VALIDATION_KEYWORDS: ReadonlySet<string> = new Set([
  '$ref', 'type', 'enum', 'const', 'nullable', 'allOf', 'anyOf', 'oneOf', 'not', 'format',
  ...OBJECT_KEYWORDS, ...ARRAY_KEYWORDS, ...STRING_KEYWORDS, ...NUMBER_KEYWORDS,
]);

export const hasValidation = (node: Record<string, unknown>): boolean =>
  Object.keys(node).some((key) => VALIDATION_KEYWORDS.has(key));

/** `additionalProperties` as an object shape: keep unknown keys, refuse them, or check them. */
export function additionalMode(node: Record<string, unknown>): 'loose' | 'strict' | 'rest' {
  // Keys matching patternProperties are exempt from additionalProperties; not checked, so loose.
  if (node['patternProperties'] !== undefined) return 'loose';
  const additional = node['additionalProperties'];
  if (additional === false) return 'strict';
  if (additional === undefined || additional === true) return 'loose';
  if (typeof additional === 'object' && additional !== null && !Array.isArray(additional) && !hasValidation(additional as Record<string, unknown>)) {
    return 'loose';
  }
  return 'rest';
}
