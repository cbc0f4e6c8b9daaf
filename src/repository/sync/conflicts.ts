/**
 * Which records have local writes still waiting in the offline queue, and what the app's
 * conflict hook decides for a server change to one of them.
 */
import type { OfflineEntry } from '../offline/types.js';
import { isRecordObject } from './sanitize.js';

/**
 * The record a queued write targets: a path parameter named `id` or ending in `Id`
 * (`/orders/{orderId}`), else the last segment of its scope (the resource path by default).
 */
export function defaultPendingRecordId(entry: OfflineEntry): string | undefined {
  const init = entry.init;
  const params = isRecordObject(init) ? init['params'] : undefined;
  const path = isRecordObject(params) ? params['path'] : undefined;
  if (isRecordObject(path)) {
    for (const [name, value] of Object.entries(path)) {
      if ((name === 'id' || name.endsWith('Id')) && (typeof value === 'string' || typeof value === 'number')) return String(value);
    }
  }
  const segments = entry.scope.split('/').filter(Boolean);
  const segment = segments[segments.length - 1];
  return segment === undefined ? undefined : decodeURIComponent(segment);
}

/** Groups pending entries by the record they write, oldest first. */
export function pendingByRecord(entries: ReadonlyArray<OfflineEntry>, recordIdOf: (entry: OfflineEntry) => string | undefined): Map<string, OfflineEntry[]> {
  const byId = new Map<string, OfflineEntry[]>();
  for (const entry of entries) {
    const id = recordIdOf(entry);
    if (id === undefined) continue;
    const list = byId.get(id);
    if (list) list.push(entry);
    else byId.set(id, [entry]);
  }
  return byId;
}
