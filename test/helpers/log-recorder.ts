/** A console-shaped logger that records every line, for asserting what logs hold (and never hold). */
import type { LogFields, Logger } from '../../src/index.js';

interface Line {
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields | undefined;
}

/** A console-shaped logger recording every line. */
export function recorder(): Logger & { lines: Line[]; text(): string } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => {
    lines.push({ level, message, fields });
  };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields, replacer)}`).join('\n'),
  };
}

// Errors in fields serialise through their toJSON (NetworkError) or name + message + stack.
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }
  return value;
}
