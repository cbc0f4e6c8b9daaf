/**
 * The stub fetch every client gets in the per-call and heap workloads: it ignores the request
 * and answers with a fresh Response over one prebuilt body, so what is measured is the
 * client's own work. The body is a valid `User` (openapi/v1), so 'strict' validation passes.
 */
export const USER_ID = '3f1c7f2e-8d4b-4c55-9a0e-2b6f1d9e7c10';
export const BASE_URL = 'https://api.example.com';

export const USER_JSON = JSON.stringify({
  id: USER_ID,
  email: 'alice@example.com',
  name: 'Alice Example',
  avatarUrl: null,
  role: 'customer',
  createdAt: '2026-01-15T12:00:00Z',
});

const body = new TextEncoder().encode(USER_JSON);
const headers: [string, string][] = [['content-type', 'application/json']];

export type StubFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export const stubFetch: StubFetch = () => Promise.resolve(new Response(body, { status: 200, headers }));
