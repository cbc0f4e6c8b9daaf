/** Minimal `--flag value` parsing for the repo's scripts (node:util parseArgs underneath). */
import { parseArgs } from 'node:util';

/** Parses string flags; unknown flags are an error that names them. */
export function flags<const K extends string>(names: readonly K[], argv = process.argv.slice(2)): Partial<Record<K, string>> {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
    strict: true,
    allowPositionals: false,
  });
  return values as Partial<Record<K, string>>;
}
