// The peer clients (ky, axios, ofetch), each configured as a team would use it, over the
// fetch and base URL the workload gives. Plain JS with a .d.mts beside it: the peers are
// installed in scripts/bench/node_modules only, and the root tsc must pass without them.
import axios from 'axios';
import ky from 'ky';
import { createFetch } from 'ofetch';

/** @type {import('./peers.d.mts').PeerFactories} */
export const peers = {
  ky(fetch, baseUrl, userId) {
    const api = ky.create({ prefixUrl: baseUrl, fetch });
    return () => api.get(`users/${userId}`).json();
  },
  axios(fetch, baseUrl, userId) {
    // The fetch adapter, so the same injected fetch serves axios too (env.fetch, axios ≥ 1.12).
    const api = axios.create({ baseURL: baseUrl, adapter: 'fetch', env: { fetch } });
    return () => api.get(`/users/${userId}`).then((r) => r.data);
  },
  ofetch(fetch, baseUrl, userId) {
    const api = createFetch({ fetch }).create({ baseURL: baseUrl });
    return () => api(`/users/${userId}`);
  },
};
