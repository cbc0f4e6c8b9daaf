/**
 * A cheap reachability probe for failureAwareConnectivity: one HEAD (by default) to a URL of
 * the app's backend. Any HTTP answer, even a 404 or a 503, proves the network path works, which
 * is all the probe is asked; only a failure to get an answer in time means unreachable.
 */

/** Options of httpProbe. */
export interface HttpProbeOptions {
  /** [HEAD] */
  readonly method?: 'HEAD' | 'GET' | undefined;
  /** Give up (unreachable) after this long [5000 ms]. */
  readonly timeoutMs?: number | undefined;
  /** The fetch to use [globalThis.fetch, looked up per probe]. */
  readonly fetch?: ((input: string, init: RequestInit) => Promise<Response>) | undefined;
}

/** A probe that resolves true when `url` answers with any HTTP status within the timeout. */
export function httpProbe(url: string, options: HttpProbeOptions = {}): () => Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async () => {
    const fetcher = options.fetch ?? globalThis.fetch;
    const controller = new AbortController();
    const timer = globalThis.setTimeout(() => controller.abort(), timeoutMs);
    try {
      // no-store: a cached answer would prove nothing about the network.
      // Asserted: `cache` is in the DOM's RequestInit but not in @types/node's (a no-DOM consumer).
      const response = await fetcher(url, { method: options.method ?? 'HEAD', cache: 'no-store', signal: controller.signal } as RequestInit);
      // Release the connection; the body (if any) is not needed.
      await response.body?.cancel().catch(() => undefined);
      return true;
    } catch {
      // No answer (refused, reset, DNS, timeout) is exactly what "unreachable" means here.
      return false;
    } finally {
      globalThis.clearTimeout(timer);
    }
  };
}
