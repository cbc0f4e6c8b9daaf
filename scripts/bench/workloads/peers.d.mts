/** Types of peers.mjs, written here so tsc never needs the peers' own packages. */
export type Call = () => Promise<unknown>;
export type PeerFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
export type PeerFactory = (fetch: PeerFetch, baseUrl: string, userId: string) => Call;
export interface PeerFactories {
  readonly ky: PeerFactory;
  readonly axios: PeerFactory;
  readonly ofetch: PeerFactory;
}
export declare const peers: PeerFactories;
