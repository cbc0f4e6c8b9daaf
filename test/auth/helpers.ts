/** Shared setup for the auth suites: the reference server and SDKs signed in through login. */
import { createSdk, memoryTokenStore, type LogFields, type Logger, type Sdk, type SdkOptions, type TokenStore } from '../../generated/v1/index.js';
import type { TestServer } from '../server/index.js';

export const ALICE = { email: 'alice@example.com', password: 'password123' } as const;

/** Retries without waiting, so refresh retries (503, resets) run in test time. */
export const instantClock = { sleep: async () => {}, random: () => 0.5 } as const;

/** An SDK over `server` with `auth` on the given store (a fresh one by default). */
export function authSdk(server: TestServer, extra: Partial<SdkOptions> & { tokenStore?: TokenStore; authExtra?: Partial<NonNullable<SdkOptions['auth']>> } = {}) {
  const { tokenStore = memoryTokenStore(), authExtra, ...rest } = extra;
  const sdk: Sdk = createSdk({ baseUrl: server.url, auth: { tokenStore, ...authExtra }, logLevel: 'off', clock: instantClock, ...rest });
  return { sdk, tokenStore };
}

/** Requests the server saw for `path` (query ignored). */
export function hits(server: TestServer, method: string, path: string) {
  return server.requests.filter((r) => r.method === method && r.path === path);
}

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
