/** Registers the app shell's service worker (app/service-worker.ts), as an offline-capable web app does at start. */

let registration: Promise<unknown> | undefined;

/** Registers /sw.js once; failures surface through `shellReady`. */
export function registerShell(): void {
  registration ??= navigator.serviceWorker.register('/sw.js');
}

/** Resolves true once the service worker controls this page (its `clients.claim()` ran). */
export async function shellReady(): Promise<boolean> {
  registerShell();
  await registration;
  if (navigator.serviceWorker.controller) return true;
  await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
  return navigator.serviceWorker.controller !== null;
}
