/**
 * JSON types and the keywords that constrain them. In JSON Schema a keyword constrains only the
 * instance types it applies to: `items` says nothing about an object, `minLength` nothing about a
 * number. So when `type` is absent, `{ items: … }` is "an array of … or anything that is not an
 * array", never `v.array(…)` (Slack sends objects where such schemas sit).
 *
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#section-6
 */
import { f, id, str, ts, type Expr } from '../ast.js';
import { arrow, binary, prop, vc } from './emit.js';
import { formatAction } from './formats.js';
import { ARRAY_KEYWORDS, hasValidation, NUMBER_KEYWORDS, OBJECT_KEYWORDS, STRING_KEYWORDS } from './keywords.js';

/** Instance types a keyword family applies to (`number` covers `integer`). */
export type Family = 'object' | 'array' | 'string' | 'number';

const FAMILIES: ReadonlyArray<readonly [Family, readonly string[]]> = [
  ['object', OBJECT_KEYWORDS],
  ['array', ARRAY_KEYWORDS],
  ['string', STRING_KEYWORDS],
  ['number', NUMBER_KEYWORDS],
];

/**
 * Families whose keywords constrain something in `node`. Keywords that accept everything
 * (`additionalProperties: true`, `uniqueItems: false`, `minLength: 0`) and formats that are not
 * checked constrain nothing, so they add no guard.
 */
export function constrainedFamilies(node: Record<string, unknown>): Family[] {
  const constraining = (key: string): boolean => {
    if (!(key in node)) return false;
    const value = node[key];
    if (key === 'additionalProperties') return !(value === true || (isObject(value) && !hasValidation(value)));
    if (key === 'uniqueItems') return value === true;
    if (key === 'minLength' || key === 'minItems' || key === 'minProperties') return typeof value === 'number' && value > 0;
    return true;
  };
  const out = FAMILIES.filter(([, keywords]) => keywords.some(constraining)).map(([family]) => family);
  const format = node['format'];
  if (!out.includes('string') && typeof format === 'string' && formatAction(format).kind === 'check') out.push('string');
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const input = (): Expr => id('input');
const not = (expr: Expr): Expr => f.createPrefixUnaryExpression(ts.SyntaxKind.ExclamationToken, expr);
const typeOfIsNot = (type: string): Expr =>
  binary(f.createTypeOfExpression(input()), ts.SyntaxKind.ExclamationEqualsEqualsToken, str(type));
const isArray = (): Expr => f.createCallExpression(prop(id('Array'), 'isArray'), undefined, [input()]);

/** `input` is not of `family` (arrays and null are not objects, as in JSON). */
function notOf(family: Family): Expr {
  switch (family) {
    case 'array':
      return not(isArray());
    case 'object': {
      const isNull = binary(input(), ts.SyntaxKind.EqualsEqualsEqualsToken, f.createNull());
      const either = binary(binary(typeOfIsNot('object'), ts.SyntaxKind.BarBarToken, isNull), ts.SyntaxKind.BarBarToken, isArray());
      return f.createParenthesizedExpression(either);
    }
    case 'string':
    case 'number':
      return typeOfIsNot(family);
  }
}

/** A readable name for the guard: `notArray`, `notObjectOrString`. */
export const otherThanHint = (families: readonly Family[]): string =>
  `not${families.map((family) => family.charAt(0).toUpperCase() + family.slice(1)).join('Or')}`;

/**
 * `v.custom((input) => !Array.isArray(input) && …, 'Invalid type')`: any JSON value outside the
 * given families. It is the union member that lets such values through unconstrained.
 */
export function otherThan(families: readonly Family[]): Expr {
  const test = families.map(notOf).reduce((left, right) => binary(left, ts.SyntaxKind.AmpersandAmpersandToken, right));
  return vc('custom', arrow('input', test), str('Invalid type'));
}
