/** The review as JSON for tools: every finding with all its operations and pointers. */
import type { ServiceReport } from './types.js';

/** Serialises the reports as `{ "reviews": [...] }` (two-space indented, trailing newline). */
export function formatJson(reports: ReadonlyArray<ServiceReport>): string {
  return `${JSON.stringify({ reviews: reports }, null, 2)}\n`;
}
