/** Heap workload entry: bare openapi-fetch over the stub fetch (loaded by heap-probe). */
import createClient from 'openapi-fetch';
import type { paths } from '../../../generated/v1/index.js';
import { BASE_URL, USER_ID, stubFetch } from './stub.js';

export function make(): () => Promise<unknown> {
  const client = createClient<paths>({ baseUrl: BASE_URL, fetch: (request: Request) => stubFetch(request) });
  const init = { params: { path: { userId: USER_ID } } };
  return async () => (await client.GET('/users/{userId}', init)).data;
}
