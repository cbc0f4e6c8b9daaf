/**
 * Typed failures of turning a body into bytes or reading an answer by its type. The call
 * runner maps them by class (never by message): a body error is the app's input (VALIDATION,
 * source client, never sent), an answer of an undeclared type is the server's (UNKNOWN).
 */

/** Why a request body could not be sent as the operation declares. */
export type BodyErrorReason = 'undeclared-content-type' | 'unsupported-value';

/** The app's body cannot be sent as any (or the chosen) declared media type. */
export class RequestBodyError extends Error {
  override readonly name = 'RequestBodyError';
  constructor(
    readonly reason: BodyErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The server answered a success in a media type the operation does not declare. */
export class UnexpectedContentTypeError extends Error {
  override readonly name = 'UnexpectedContentTypeError';
  constructor(
    /** The answer's Content-Type as sent (parameters dropped). */
    readonly actual: string,
    /** The success media types the spec declares. */
    readonly expected: ReadonlyArray<string>,
    status: number,
  ) {
    super(`The ${status} answer is ${actual || 'untyped'}, not ${expected.length === 1 ? expected[0] : `one of ${expected.join(', ')}`} as the spec declares (a proxy or gateway page?)`);
  }
}
