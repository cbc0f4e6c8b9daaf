/**
 * Every client the call benchmarks compare, as `() => Promise<body>` doing one
 * GET /users/{userId} through the given fetch. Tether is built through its public API
 * (`createSdk` from generated/v1), with default options unless the variant says otherwise.
 */
import createOpenApiClient from 'openapi-fetch';
import { createSdk, memoryTokenStore, type paths } from '../../../generated/v1/index.js';
import { peers, type Call, type PeerFetch } from './peers.mjs';
import { USER_ID } from './stub.js';

export type ClientFactory = (fetch: PeerFetch, baseUrl: string) => Call;

const tether = (extra: Record<string, unknown>): ClientFactory => (fetch, baseUrl) => {
  const sdk = createSdk({ baseUrl, fetch, ...extra });
  const init = { params: { path: { userId: USER_ID } } };
  return () => sdk.users.getUser(init);
};

export const clients: Readonly<Record<string, ClientFactory>> = {
  'raw fetch': (fetch, baseUrl) => {
    const url = `${baseUrl}/users/${USER_ID}`;
    return async () => {
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.json() as Promise<unknown>;
    };
  },
  'openapi-fetch': (fetch, baseUrl) => {
    const client = createOpenApiClient<paths>({ baseUrl, fetch: (request: Request) => fetch(request) });
    const init = { params: { path: { userId: USER_ID } } };
    return async () => {
      const { data, error } = await client.GET('/users/{userId}', init);
      if (error !== undefined) throw new Error('openapi-fetch: error response');
      return data;
    };
  },
  'Tether (default, validate strict)': tether({}),
  "Tether (validate 'off')": tether({ validate: 'off' }),
  // A fetch option that is not the platform's own gets one Request built by Tether (the
  // documented contract for custom fetches); the rows above pass the platform's fetch.
  'Tether (custom fetch wrapper)': (fetch, baseUrl) => tether({})((request) => fetch(request), baseUrl),
  'Tether (bearer auth)': tether({
    auth: { tokenStore: memoryTokenStore({ accessToken: 'bench-access-token', refreshToken: 'bench-refresh', expiresAt: Date.now() + 365 * 864e5 }) },
  }),
  ky: (fetch, baseUrl) => peers.ky(fetch, baseUrl, USER_ID),
  axios: (fetch, baseUrl) => peers.axios(fetch, baseUrl, USER_ID),
  ofetch: (fetch, baseUrl) => peers.ofetch(fetch, baseUrl, USER_ID),
};
