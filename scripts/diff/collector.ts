/**
 * Gathers findings. A shared schema (`Order`) changed once is reached through every operation
 * that uses it; the collector reports it once, listing all of those operations.
 */
import type { Change, Finding } from './model.js';

/** Receives one finding, on behalf of one SDK method (or none, for document-wide changes). */
export type Report = (finding: Finding) => void;

export class ChangeCollector {
  private readonly byKey = new Map<string, { finding: Finding; operations: Set<string> }>();

  /** A report function that files findings under `operation`. */
  reporter(operation: string | undefined): Report {
    return (finding) => this.add(finding, operation);
  }

  add(finding: Finding, operation: string | undefined): void {
    const key = [finding.rule, finding.direction, finding.oldPointer, finding.newPointer, finding.subject, finding.message].join('\u0000');
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { finding, operations: new Set() };
      this.byKey.set(key, entry);
    }
    if (operation !== undefined) entry.operations.add(operation);
  }

  /** Breaking first, then by subject and message, so reports are stable across runs. */
  changes(): Change[] {
    return [...this.byKey.values()]
      .map(({ finding, operations }) => ({ ...finding, operations: [...operations].sort() }))
      .sort((a, b) => Number(b.breaking) - Number(a.breaking) || a.subject.localeCompare(b.subject, 'en') || a.message.localeCompare(b.message, 'en'));
  }
}
