/**
 * Why a goal of issue 10 is missed, in plain words, for docs/benchmarks.md: the report prints
 * the entry of every goal the run found missed (matched by the goal's opening words). Causes
 * were found by profiling (`node --cpu-prof` of the per-call and loopback workloads) and by
 * esbuild's metafile; keep them in step with the code.
 */
export const WHY_BEHIND: ReadonlyArray<readonly [goalStart: string, why: string]> = [
  [
    'per-call CPU, default stack',
    'Per call the default stack still does work openapi-fetch does not: one AbortController per attempt for the timeout (Node 20 makes each AbortSignal a transferable object, several % of a call), a timer armed and cleared, a request id (randomUUID plus a Headers write), strict valibot validation of the params and the response, and the retry, redirect and logging layers. The platform fetch is called as fetch(url, init), so no Request is built by Tether (0 in the table); a custom fetch option costs one Request plus a second AbortController (the “custom fetch wrapper” row).',
  ],
  [
    'default stack ahead of ky and axios',
    'See the per-call row above: the stub-fetch figures of all clients move together with the load on the machine, so compare the ratios of one run.',
  ],
  [
    'loopback throughput',
    'Client and server share two cores, so every microsecond of client CPU per request (the CPU column) costs throughput; the remaining per-call work is listed under per-call CPU. On a loaded machine the rounds vary more than the clients differ.',
  ],
  [
    'loopback p99',
    'Same cause as throughput: with 64 callers on two shared cores, extra client CPU per request queues behind itself and shows in the tail first.',
  ],
  [
    'an app calling one v1 operation',
    'The floor is what the default options enable for every call: retry with its budget and backoff, redirect handling (credentials stripped cross-origin), the per-attempt timeout over the body, logging with redaction, the call runner (JSON bodies and the default parameter styles; form, multipart, text and binary bodies, and label/matrix/delimited/deepObject/content/cookie parameters, come only with the operations that declare them), option checks for every layer the client always composes (their options arrive at run time, so no bundler can drop a check), the error model with 422 mapping (kept for every call: docs/errors.md promises the same VALIDATION shape, and the 400 VALIDATION/CLIENT split, for any 400/422 whether the spec declares it or not), and valibot’s core for strict validation. The auth layer, the HTTP cache (with http-cache-semantics) and batching are not in it unless the app opts in with withAuth (about 5 kB gz), withCache (about 8 kB gz) or withBatch. Getting to 8 kB would mean layers an app must opt into (retry, redirect, logging), which the design makes defaults.',
  ],
  ['an app calling one GitHub operation', 'The same floor as the v1 app plus the operation’s own metadata and validators.'],
  [
    'each extra operation',
    'The mean includes each operation’s own validators and metadata (GitHub-sized schemas are large); the second operation also brings valibot functions and pagers the first did not use.',
  ],
  [
    '`generate` on GitHub',
    'openapi-typescript’s types are emitted in a worker thread while the main thread builds the valibot validators and prints every file with TypeScript’s printer; on two shared cores the two halves compete for the same CPUs.',
  ],
  [
    'tsc of a consumer',
    'Validators and operation metadata ship as .js + .d.ts, so tsc skips them; what remains over openapi-typescript’s types is services.ts, functions.ts and index.ts (one generic signature per operation, 1,223 of them for GitHub, each resolving OperationArgs/OperationData over the schema types), which tsc checks as source. Shipping those as .d.ts too would take them out of the check, as was done for the validators.',
  ],
];
