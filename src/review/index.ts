/**
 * `@tether/sdk/review`: the mobile backend integration review, at run time
 * (`reviewIntegration(sdk)`) and for `npm run review`. A separate entry the SDK never imports,
 * so apps that do not review ship none of it.
 */
export { reviewIntegration, sdkReviewInput, NotAnSdkError, type ReviewHints } from './review-integration.js';
export { analyse } from './analyse.js';
export { formatText, formatServiceText } from './format-text.js';
export { formatMarkdown, formatServiceMarkdown } from './format-markdown.js';
export { formatJson } from './format-json.js';
export { reviewedOptions, reviewPlatform, ReviewOptionsError } from './options-facts.js';
export { RULES } from './rules/index.js';
export type { Rule, RuleResult, OperationHit, GlobalHit } from './rule.js';
export type {
  Finding,
  FixScope,
  ListShape,
  NotAssessed,
  ReviewInput,
  ReviewOperation,
  ReviewPlatform,
  ReviewSecurityScheme,
  ReviewedOptions,
  ServiceReport,
  Severity,
  TokenStorage,
  VerdictKey,
} from './types.js';
