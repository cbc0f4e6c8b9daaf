/** Compares two loaded specs into one report of changes, each classified for SDK users. */
import { ChangeCollector } from './collector.js';
import { compareSecuritySchemes, compareServers } from './document.js';
import { sdkName, type DiffSide } from './load.js';
import type { DiffReport } from './model.js';
import { compareOperation, matchOperations } from './operations.js';
import { compareWebhooks } from './webhooks.js';

/** Every change from `before` to `after`. */
export function diffSpecs(before: DiffSide, after: DiffSide): DiffReport {
  const collector = new ChangeCollector();
  const docs = { oldDoc: before.document, newDoc: after.document };
  const { pairs, removed, added } = matchOperations(before.operations, after.operations);
  for (const op of removed) {
    collector.add({ rule: 'operation-removed', breaking: true, subject: sdkName(op), message: `removed (${op.method.toUpperCase()} ${op.path}): calls to it no longer compile`, oldPointer: op.pointer, newPointer: undefined, direction: undefined }, sdkName(op));
  }
  for (const op of added) {
    collector.add({ rule: 'operation-added', breaking: false, subject: sdkName(op), message: `added (${op.method.toUpperCase()} ${op.path})`, oldPointer: undefined, newPointer: op.pointer, direction: undefined }, sdkName(op));
  }
  for (const [a, b] of pairs) compareOperation(docs, a, b, collector.reporter(sdkName(b)));
  // Payload changes are listed with the webhook parser they reach, as operations are.
  compareWebhooks(docs, (subject) => collector.reporter(subject));
  compareServers(before.document, after.document, collector.reporter(undefined));
  compareSecuritySchemes(before.document, after.document, collector.reporter(undefined));
  const changes = collector.changes();
  const breaking = changes.filter((c) => c.breaking).length;
  return { oldSource: before.source, newSource: after.source, changes, breaking, nonBreaking: changes.length - breaking };
}
