/**
 * Which public form a generated SDK offers, found by loading it (the bench runs under tsx):
 * `createSdk` (one object, every operation) always; the tree-shakable form when the module
 * also exports `createClient` plus one standalone function per operation. The standalone
 * function of `sdk.<tag>.<method>` is the export whose `meta.id` is `"<tag>.<method>"` (names
 * alone mislead: on GitHub the export `get` is `emojis.get`, `repos.get` is `reposGet`); an SDK
 * whose functions carry no `meta` falls back to names: `method`, then `<tag><Method>`, then any
 * export ending in the method name. The bench measures whichever exists, and says which.
 */
import { pathToFileURL } from 'node:url';

export interface Operation {
  readonly tag: string;
  readonly method: string;
  /** Name of the standalone export, when the tree-shakable form exists. */
  readonly standalone: string | undefined;
}

export interface SdkForms {
  readonly treeShakable: boolean;
  readonly operations: readonly Operation[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function inspectSdk(indexFile: string): Promise<SdkForms> {
  const mod = (await import(pathToFileURL(indexFile).href)) as Record<string, unknown>;
  const createSdk = mod.createSdk;
  if (typeof createSdk !== 'function') throw new Error(`${indexFile} exports no createSdk`);
  const sdk = createSdk({ baseUrl: 'https://api.example.com' }) as Record<string, Record<string, unknown>>;
  const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
  const treeShakable = typeof mod.createClient === 'function';
  const byId = new Map<string, string>();
  for (const name of exported) {
    const id = (mod[name] as { meta?: { id?: unknown } }).meta?.id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, name);
  }
  const operations: Operation[] = [];
  for (const [tag, service] of Object.entries(sdk)) {
    if (!service || typeof service !== 'object') continue;
    for (const [method, fn] of Object.entries(service)) {
      // Operations carry their meta; other members (sdk.cache.clear, …) are not operations.
      if (typeof fn !== 'function' || (fn as { meta?: unknown }).meta === undefined) continue;
      const standalone = !treeShakable
        ? undefined
        : byId.size > 0
          ? byId.get(`${tag}.${method}`)
          : [method, `${tag}${cap(method)}`, `${method}_`].find((n) => exported.includes(n)) ??
            exported.find((n) => n.toLowerCase().endsWith(method.toLowerCase()) && n !== 'createClient' && n !== 'createSdk');
      operations.push({ tag, method, standalone });
    }
  }
  return { treeShakable: treeShakable && operations.every((o) => o.standalone !== undefined), operations };
}
