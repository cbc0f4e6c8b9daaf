/**
 * Type tests for the logging and redirect options: checked by `tsc --noEmit` in `npm test`,
 * never run. Each `@ts-expect-error` line must not compile.
 */
import { createSdk, DEFAULTS, type Logger, type LogLevel } from '../../generated/v1/index.js';

const baseUrl = 'https://api.example.com';

export function options(): void {
  // console is a Logger as it is; so is any object with the four methods.
  createSdk({ baseUrl, logger: console, logLevel: 'debug' });
  const mine: Logger = { debug() {}, info() {}, warn() {}, error: (message: string, fields?: Readonly<Record<string, unknown>>) => void [message, fields] };
  createSdk({ baseUrl, logger: mine, logLevel: 'off', redactHeaders: ['X-Partner-Key'], redactQueryParams: ['session'], maxRedirects: 0 });
  const level: LogLevel = DEFAULTS.logLevel;
  void level;

  // @ts-expect-error a level that does not exist
  createSdk({ baseUrl, logLevel: 'verbose' });
  // @ts-expect-error a logger must have all four methods
  createSdk({ baseUrl, logger: { debug() {}, info() {} } });
  // @ts-expect-error header names are strings
  createSdk({ baseUrl, redactHeaders: [42] });
  // @ts-expect-error maxRedirects is a number
  createSdk({ baseUrl, maxRedirects: '5' });
}
