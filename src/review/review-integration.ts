/**
 * `reviewIntegration(sdk)`: the integration review for the SDK an app really built, with the
 * options it really passed and the operations it knows.
 */
import { analyse } from './analyse.js';
import { reviewPlatform, reviewedOptions } from './options-facts.js';
import { operationFromMeta, schemesFromApi, sdkContextOf, sdkMethods } from './sdk-facts.js';
import type { ReviewInput, ReviewPlatform, ServiceReport, TokenStorage } from './types.js';

/** What the SDK cannot tell about the app's environment. */
export interface ReviewHints {
  /** Where the token store keeps tokens (a store may also carry a `tokenStorage` property). */
  readonly tokenStorage?: TokenStorage | undefined;
  /** The platform the app runs on; default `mobile`. */
  readonly platform?: ReviewPlatform | undefined;
}

/** Thrown when the argument is not an SDK made by a generated `createSdk`. */
export class NotAnSdkError extends TypeError {
  override readonly name = 'NotAnSdkError';
}

/** Builds the review's facts from a live SDK. */
export function sdkReviewInput(sdk: object, hints: ReviewHints = {}): ReviewInput {
  const methods = sdkMethods(sdk);
  const first = methods[0];
  if (first === undefined) throw new NotAnSdkError('reviewIntegration(sdk) needs the object createSdk() returned (it found no operations on it)');
  const context = sdkContextOf(first.method);
  const title = typeof context?.api?.title === 'string' ? `${context.api.title} ${String(context.api.version ?? '')}`.trim() : 'API';
  return {
    file: `live SDK: ${title} (${methods.length} operations)`,
    servers: undefined,
    securitySchemes: schemesFromApi(context?.api),
    operations: methods.map(({ service, name, method }) => operationFromMeta(service, name, method.meta)),
    // Missing only for an SDK from an older runtime; the rules then assume the defaults.
    options: context === undefined ? undefined : reviewedOptions(context.options, hints.tokenStorage),
    platform: reviewPlatform(hints.platform),
  };
}

/** Reviews a live SDK: one report per service, as `npm run review` prints them. */
export function reviewIntegration(sdk: object, hints: ReviewHints = {}): ServiceReport[] {
  return analyse(sdkReviewInput(sdk, hints));
}
