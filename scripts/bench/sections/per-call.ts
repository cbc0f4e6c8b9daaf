/** Section 1: per-call CPU over a stub fetch, bytes and fetch-API objects per call. */
import { bundleWorkload, runWorkload } from '../lib/child.js';
import { fmt, type GoalCheck, type SectionResult } from '../lib/table.js';

type Row = { opsPerSec: number; medianOpsPerSec: number; rounds: number[]; bytesPerCall: number; perCall: Record<string, number> } | { error: string };

const BASELINE = 'openapi-fetch';
const DEFAULT = 'Tether (default, validate strict)';
const AUTH = 'Tether (bearer auth)';

export async function perCall(): Promise<SectionResult> {
  const file = await bundleWorkload('per-call.ts');
  // A large young generation keeps scavenges out of most 200-call heap chunks.
  const results = await runWorkload<Record<string, Row>>(file, [], { nodeFlags: ['--expose-gc', '--max-semi-space-size=64'], timeoutMs: 180_000 });
  const ops = (name: string) => {
    const r = results[name];
    return r && 'opsPerSec' in r ? r.opsPerSec : Number.NaN;
  };
  const base = ops(BASELINE);
  const kinds = ['Request', 'Response', 'Headers', 'AbortController', 'ReadableStream'];
  const rows = Object.entries(results).map(([name, r]) => {
    if ('error' in r) return [name, 'failed', '', '', '', '', ...kinds.map(() => ''), r.error.split('\n')[0] ?? ''];
    return [name, fmt.int(r.opsPerSec), fmt.ratio(r.opsPerSec / base), fmt.int(r.medianOpsPerSec), `${fmt.int(Math.min(...r.rounds))}–${fmt.int(Math.max(...r.rounds))}`, fmt.bytes(r.bytesPerCall), ...kinds.map((k) => String(r.perCall[k] ?? '')), ''];
  });
  const ratio = (name: string) => ops(name) / base;
  const goals: GoalCheck[] = [
    { goal: 'per-call CPU, default stack (validate strict) ≥ 0.8× openapi-fetch', measured: fmt.ratio(ratio(DEFAULT)), met: ratio(DEFAULT) >= 0.8 },
    {
      goal: 'default stack ahead of ky and axios',
      measured: `Tether ${fmt.ratio(ratio(DEFAULT))} vs ky ${fmt.ratio(ratio('ky'))}, axios ${fmt.ratio(ratio('axios'))}`,
      met: ops(DEFAULT) > ops('ky') && ops(DEFAULT) > ops('axios'),
    },
    { goal: 'per-call CPU with bearer auth ≥ 0.7× openapi-fetch', measured: fmt.ratio(ratio(AUTH)), met: ratio(AUTH) >= 0.7 },
  ];
  return {
    tables: [
      {
        title: 'Per-call overhead, stub fetch (one GET /users/{userId}, awaited one at a time)',
        head: ['client', 'calls/s (best round)', `vs ${BASELINE}`, 'median round', 'round range', 'heap bytes/call', 'Request', 'Response', 'Headers', 'AbortController', 'ReadableStream', 'error'],
        rows,
      },
    ],
    goals,
    notes: [
      'Each client runs in one child process (bundled with esbuild, plain node, --expose-gc); clients take turns in short rounds; the best round is the figure (other load only slows a round down), with the median and range of rounds beside it. Tether is called through `createSdk(…).users.getUser` (the all-in-one form; the tree-shakable form runs the same call path). The stub is installed as the process’s `globalThis.fetch` and handed to every client, so Tether recognises it as the platform fetch and calls it as `fetch(url, init)`, as it calls undici’s in an app; the “custom fetch wrapper” row passes `(request) => stub(request)` instead, which gets one Request per attempt (the documented contract of a custom fetch).',
      'Object counts are constructions through the globals per call, the stub’s own Response (and the ReadableStream undici makes for its body) included, so 1 Response + 1 ReadableStream is the floor. Heap bytes/call is the median heap growth over chunks of 200 calls (approximate: V8 may collect inside a chunk).',
    ],
  };
}
