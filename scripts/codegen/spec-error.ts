/** One error type for a spec that cannot be generated: it names the file and the place. */
export class SpecError extends Error {
  override readonly name = 'SpecError';

  constructor(
    /** The spec file, as the user gave it. */
    readonly file: string,
    /** JSON pointer (`#/paths/~1orders/get`) or `line:col` for syntax errors. */
    readonly where: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${where.startsWith('#') ? where : `:${where}`}: ${detail}`, options);
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Unescapes one JSON pointer segment (RFC 6901). */
export const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** Appends segments to a pointer. */
export const joinPointer = (base: string, ...segments: ReadonlyArray<string | number>): string =>
  segments.reduce<string>((acc, s) => `${acc}/${escapePointer(String(s))}`, base);

/**
 * A generation failure the spec did not cause (the output folder cannot be written, or a bug in
 * the generator). It names the spec file, the stage and keeps the original as `cause`.
 */
export class GeneratorError extends Error {
  override readonly name = 'GeneratorError';

  constructor(
    readonly file: string,
    /** What the generator was doing, e.g. `generating validators`. */
    readonly stage: string,
    options: { cause: unknown },
  ) {
    const cause = options.cause;
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message.split('\n')[0]}` : String(cause);
    super(`${file}: ${stage} failed (${detail})`, options);
  }
}
