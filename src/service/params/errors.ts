/**
 * The one error a parameter serializer throws: the app gave a value that cannot be put on the
 * wire as its parameter declares. The call runner turns it into a VALIDATION NetworkError
 * (source client, never sent), keeping this as `cause`; `code` says why, never the message.
 */

/** Why a parameter value could not be serialised. */
export type ParameterErrorCode =
  /** A string with a lone UTF-16 surrogate: it has no UTF-8 form to percent-encode. */
  | 'malformed_unicode'
  /** A value that is not a string, number, boolean, bigint, Date, array or plain object. */
  | 'unsupported_value'
  /** A path value that would become a `.`/`..` segment and move the request. */
  | 'dot_segment'
  /** A Cookie header this platform's fetch refuses to send (browsers). */
  | 'cookie_forbidden';

/** A parameter value that cannot be sent as declared. */
export class ParameterSerializationError extends Error {
  override readonly name = 'ParameterSerializationError';
  constructor(
    readonly code: ParameterErrorCode,
    readonly location: 'path' | 'query' | 'header' | 'cookie',
    readonly parameter: string,
    message: string,
  ) {
    super(`${location} parameter ${JSON.stringify(parameter)}: ${message}`);
  }
}
