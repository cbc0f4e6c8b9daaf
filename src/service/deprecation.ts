/**
 * Surfaces a server's deprecation signals to the app: RFC 9745 `Deprecation` and RFC 8594
 * `Sunset` response headers (with the `Link rel="deprecation"`/`"sunset"` pointing at migration
 * notes). Once per operation per SDK instance, because a warning on every call would drown the
 * log and the app only needs to learn it once per run.
 */
import type { OperationMeta } from '../contract/operation.js';
import type { Logger } from '../network/types.js';

/** What the server said about one deprecated operation. */
export interface DeprecationNotice {
  /** The operation, as the SDK names it: `users.getUser` (`sdk.users.getUser`). */
  readonly operation: string;
  readonly method: string;
  /** Path template, e.g. `/users/{userId}`. */
  readonly path: string;
  /** When it was (or will be) deprecated; undefined when the header gave no date (`true`). */
  readonly deprecatedAt: Date | undefined;
  /** When it stops working (RFC 8594); undefined when the server gave no Sunset. */
  readonly sunset: Date | undefined;
  /** The `Link` target with rel `deprecation` or `sunset`: where the migration is described. */
  readonly link: string | undefined;
}

/** Receives each notice once per operation per SDK instance. */
export type DeprecationHandler = (notice: DeprecationNotice) => void;

/** Looks at one response; cheap when the headers are absent (two lookups). */
export type DeprecationWatch = (meta: OperationMeta, response: Response) => void;

/**
 * The watch for one runtime. Without a handler the notice is one `warn` line on the SDK's
 * logger (the documented default): visible in development, never an error.
 */
export function createDeprecationWatch(handler: DeprecationHandler | undefined, log: Logger): DeprecationWatch {
  const told = new Set<string>();
  return (meta, response) => {
    const deprecation = response.headers.get('deprecation');
    const sunsetHeader = response.headers.get('sunset');
    if (deprecation === null && sunsetHeader === null) return;
    if (told.has(meta.id)) return;
    told.add(meta.id);
    const notice: DeprecationNotice = {
      operation: meta.id,
      method: meta.method.toUpperCase(),
      path: meta.path,
      deprecatedAt: deprecation === null ? undefined : parseDeprecation(deprecation),
      sunset: sunsetHeader === null ? undefined : validDate(Date.parse(sunsetHeader)),
      link: linkOf(response.headers.get('link')),
    };
    if (!handler) return log.warn(describeNotice(notice), { operation: notice.operation });
    try {
      handler(notice);
    } catch (error) {
      // The app's callback failing must not fail the call the server answered; it is reported.
      log.warn(`onDeprecation threw for ${notice.operation}: ${error instanceof Error ? error.message : String(error)}`, { error });
    }
  };
}

/** The default warning line, e.g. `sdk.users.getUser (GET /users/{userId}) is deprecated since … ; sunset …; see …`. */
export function describeNotice(notice: DeprecationNotice): string {
  const since = notice.deprecatedAt ? ` since ${notice.deprecatedAt.toISOString()}` : '';
  const sunset = notice.sunset ? `; it stops working at ${notice.sunset.toISOString()} (Sunset)` : '';
  const see = notice.link ? `; see ${notice.link}` : '';
  return `sdk.${notice.operation} (${notice.method} ${notice.path}) is deprecated by the server${since}${sunset}${see}`;
}

/**
 * RFC 9745 sends a structured-field date, `@<epoch seconds>`; earlier drafts sent `true` or an
 * HTTP-date, which servers still send, so both are read.
 */
function parseDeprecation(value: string): Date | undefined {
  const trimmed = value.trim();
  const epoch = /^@(-?\d{1,15})$/.exec(trimmed);
  if (epoch) return validDate(Number(epoch[1]) * 1000);
  if (trimmed === 'true' || trimmed === '?1') return undefined;
  return validDate(Date.parse(trimmed));
}

const validDate = (ms: number): Date | undefined => (Number.isFinite(ms) ? new Date(ms) : undefined);

/** The first `Link` target whose rel is `deprecation` (RFC 9745 §3) or `sunset` (RFC 8594 §6). */
function linkOf(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel\s*=\s*"?[^";]*\b(deprecation|sunset)\b/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}
