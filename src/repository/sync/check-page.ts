/**
 * Turns one untrusted feed page into the batch `apply` receives: each record sanitised
 * (sanitize.ts), given an id, checked against the schema when there is one; each delete id a
 * non-empty string. A bad record is reported and left out; the others go on.
 */
import type { StandardSchemaV1 } from '../../contract/standard-schema.js';
import { isRecordObject, sanitizeRecord } from './sanitize.js';
import type { RejectedRecord } from './types.js';

/** The records and deletes of a page that passed, and what was refused. */
export interface CheckedPage<R> {
  readonly upserts: R[];
  readonly deletes: string[];
  readonly rejected: RejectedRecord[];
}

/** How a page is checked. */
export interface PageChecks<R> {
  readonly recordId: (record: R) => string | undefined;
  readonly schema: StandardSchemaV1 | undefined;
}

/** The default record id: an `id` property that is a non-empty string. */
export function defaultRecordId(record: unknown): string | undefined {
  const id = isRecordObject(record) ? record['id'] : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const pathOf = (issue: StandardSchemaV1.Issue): Array<string | number> =>
  (issue.path ?? []).map((p) => {
    const key = typeof p === 'object' && p !== null ? p.key : p;
    return typeof key === 'number' ? key : String(key);
  });

/** Checks one record; resolves with the clean copy or the reason it was refused. */
export async function checkRecord<R>(raw: unknown, checks: PageChecks<R>): Promise<{ ok: true; record: R; id: string } | { ok: false; rejected: RejectedRecord }> {
  const rawId = defaultRecordId(raw);
  if (!isRecordObject(raw)) return { ok: false, rejected: { reason: 'not-an-object', path: [], message: 'a record must be an object', id: undefined } };
  const clean = sanitizeRecord(raw, rawId);
  if (!clean.ok) return { ok: false, rejected: clean.rejected };
  let record = clean.value as R;
  if (checks.schema) {
    const result = await checks.schema['~standard'].validate(record);
    if (result.issues) {
      const first = result.issues[0];
      return { ok: false, rejected: { reason: 'schema', path: first ? pathOf(first) : [], message: first?.message ?? 'does not match the schema', id: rawId } };
    }
  }
  const id = checks.recordId(record);
  if (id === undefined) return { ok: false, rejected: { reason: 'missing-id', path: [], message: 'the record has no usable id', id: undefined } };
  return { ok: true, record, id };
}

/** Checks every record and delete of a page; never throws for a bad record. */
export async function checkPage<R>(upserts: unknown, deletes: unknown, checks: PageChecks<R>): Promise<CheckedPage<R>> {
  const out: CheckedPage<R> = { upserts: [], deletes: [], rejected: [] };
  const list = Array.isArray(upserts) ? upserts : [];
  if (!Array.isArray(upserts) && upserts !== undefined) out.rejected.push({ reason: 'not-an-object', path: ['upserts'], message: 'upserts must be a list', id: undefined });
  for (const raw of list) {
    const checked = await checkRecord(raw, checks);
    if (checked.ok) out.upserts.push(checked.record);
    else out.rejected.push(checked.rejected);
  }
  const ids = Array.isArray(deletes) ? deletes : [];
  if (!Array.isArray(deletes) && deletes !== undefined) out.rejected.push({ reason: 'bad-delete', path: ['deletes'], message: 'deletes must be a list', id: undefined });
  ids.forEach((id, index) => {
    if (typeof id === 'string' && id !== '') out.deletes.push(id);
    else out.rejected.push({ reason: 'bad-delete', path: ['deletes', index], message: 'a deleted id must be a non-empty string', id: undefined });
  });
  return out;
}
