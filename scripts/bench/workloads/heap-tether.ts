/** Heap workload entry: Tether's default stack over the stub fetch (loaded by heap-probe). */
import { createSdk } from '../../../generated/v1/index.js';
import { BASE_URL, USER_ID, stubFetch } from './stub.js';

export function make(): () => Promise<unknown> {
  const sdk = createSdk({ baseUrl: BASE_URL, fetch: stubFetch });
  const init = { params: { path: { userId: USER_ID } } };
  return () => sdk.users.getUser(init);
}
