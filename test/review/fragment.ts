/** Reviews a small spec written to a scratch file, through the real loader, for rule tests. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratch } from '../helpers/paths.js';
import { specFacts } from '../../scripts/review/spec-facts.js';
import { analyse } from '../../src/review/analyse.js';
import { reviewedOptions } from '../../src/review/options-facts.js';
import type { ReviewPlatform, ServiceReport } from '../../src/review/types.js';

let counter = 0;

/** A minimal 3.1 document around `paths` (and optional extra root keys). */
export function spec(paths: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 'Fragment', version: '1.0.0' }, servers: [{ url: 'https://api.example.com' }], paths, ...extra };
}

/** A JSON response with `schema` and the given headers. */
export const json = (schema: unknown, headers: Record<string, unknown> = {}) => ({ description: 'ok', headers, content: { 'application/json': { schema } } });
export const problem = { description: 'problem', content: { 'application/problem+json': { schema: { type: 'object', properties: { title: { type: 'string' } } } } } };
/** Error responses a well-behaved operation declares. */
export const errors = { '400': problem, '422': problem, '429': { ...problem, headers: { 'Retry-After': { schema: { type: 'integer' } } } } };

/** Reviews `document` (and options as an app would describe them) and returns every report. */
export async function review(document: Record<string, unknown>, options?: Record<string, unknown>, platform: ReviewPlatform = 'mobile'): Promise<ServiceReport[]> {
  const dir = await scratch('review');
  const file = join(dir, `fragment-${process.pid}-${counter++}.json`);
  await writeFile(file, JSON.stringify(document));
  return analyse(await specFacts(file, 'fragment.json', options === undefined ? undefined : reviewedOptions(options), platform));
}

/** Rule ids with a finding in any service. */
export const fired = (reports: ServiceReport[]): Set<string> => new Set(reports.flatMap((r) => r.issues.map((f) => f.rule)));
/** Rule ids that reported something they could not assess. */
export const unassessed = (reports: ServiceReport[]): Set<string> => new Set(reports.flatMap((r) => r.notAssessed.map((n) => n.rule)));
