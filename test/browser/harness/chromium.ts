/**
 * Launches Debian's Chromium through playwright-core for the browser suite. A missing browser
 * is a failure with a clear message, never a skip: CI installs chromium (.ci/run), and a suite
 * that passed by not running would prove nothing.
 */
import { access, constants } from 'node:fs/promises';
import { chromium, type BrowserContext } from 'playwright-core';
import { scratch } from '../../helpers/paths.js';

/** Where the browser is; TETHER_CHROMIUM overrides it (another distro's path). */
export const CHROMIUM_PATH = process.env['TETHER_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Flags: headless without a sandbox (containers have no user namespaces), no GPU, and none of
 * the background traffic (updates, sync, QUIC probes) that would reach the network behind the
 * test's back or slow the launch.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Thrown when the Chromium binary is not there (or not executable). */
export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
}

/**
 * A browser with a fresh profile (its own IndexedDB, service workers, Web Locks), kept across
 * page reloads and tabs of this context. Close it with `context.close()`.
 */
export async function launchChromium(): Promise<BrowserContext> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(
      `Chromium is not installed at ${CHROMIUM_PATH}; the browser suite (test/browser/) needs it: ` +
        '`apt-get install -y chromium` (Debian), or set TETHER_CHROMIUM to the binary.',
    );
  }
  const profile = await scratch('browser-profile');
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
