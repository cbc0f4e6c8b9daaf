/**
 * How a success answer is read: by the Content-Type it actually has, checked against the
 * media types the operation declares (its `Accept`). A JSON operation answered with an HTML
 * page (a captive portal, a proxy's error page) is a typed failure naming both types, instead
 * of a JSON parse error; an operation declaring text and JSON reads whichever came.
 *
 * Metadata without `accept` (hand-written, or from an older generator) keeps the declared
 * `responseKind`, as does an answer without a Content-Type (the spec is the best guess then).
 */
import type { OperationMeta } from '../../contract/operation.js';
import { UnexpectedContentTypeError } from './errors.js';
import { essence, isDeclared, mediaClass } from './media-type.js';

/** The reader a success body needs. */
export type AnswerKind = OperationMeta['responseKind'];

const declared = new WeakMap<OperationMeta, ReadonlyArray<string>>();

/** The success media types an operation declares, from its Accept header (q-values dropped). */
export function declaredAnswerTypes(meta: OperationMeta): ReadonlyArray<string> {
  if (meta.accept === undefined) return [];
  let types = declared.get(meta);
  if (types === undefined) {
    types = meta.accept.split(',').map(essence).filter((t) => t !== '');
    declared.set(meta, types);
  }
  return types;
}

/**
 * The reader for `response`; throws UnexpectedContentTypeError when it carries a body of a
 * type the operation does not declare.
 */
export function answerKind(meta: OperationMeta, response: Response): AnswerKind {
  if (meta.accept === undefined || meta.responseKind === 'none') return meta.responseKind;
  const header = response.headers.get('content-type');
  const actual = essence(header);
  if (actual === '') return meta.responseKind;
  const types = declaredAnswerTypes(meta);
  if (!isDeclared(actual, types)) throw new UnexpectedContentTypeError(actual, types, response.status);
  switch (mediaClass(actual)) {
    case 'json':
      return 'json';
    case 'stream':
      return 'stream';
    case 'text':
    case 'urlencoded':
      return 'text';
    default:
      return 'blob';
  }
}
