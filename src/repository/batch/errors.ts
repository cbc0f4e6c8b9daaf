/**
 * The cause a batched caller's NOT_FOUND NetworkError carries when the batch answer did not
 * include its item (the batch endpoint lists it as missing, or leaves it out). Typed, so an app
 * tells "the batch had no such item" from a real 404 by `cause`, never by message text.
 */
export class BatchItemMissingError extends Error {
  override readonly name = 'BatchItemMissingError';
  readonly code = 'BATCH_ITEM_MISSING';

  constructor(
    /** The key the answer lacked. */
    readonly key: unknown,
  ) {
    super('The batch answer has no item for this key');
  }
}

/** True for the cause of a batched NOT_FOUND (works across package copies by `code`). */
export function isBatchItemMissing(value: unknown): value is BatchItemMissingError {
  return value instanceof BatchItemMissingError || (value instanceof Error && (value as { code?: unknown }).code === 'BATCH_ITEM_MISSING');
}
