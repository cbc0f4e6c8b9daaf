/**
 * Connectivity from @react-native-community/netinfo for the offline queue: NetInfo's default
 * export is passed as it is; unknown reachability (null) counts as online, a send will tell.
 */
import NetInfo from '@react-native-community/netinfo';
import { createSdk, netInfoConnectivity } from '@tether/sdk/v1';

export const connectivity = netInfoConnectivity(NetInfo);

export const sdk = createSdk({ baseUrl: 'https://api.example.com/v1', connectivity, offline: {} });

/** A banner's state: offline, or online on a metered connection. */
export function networkLabel(): 'offline' | 'metered' | 'online' {
  if (!connectivity.isOnline()) return 'offline';
  return connectivity.isConnectionExpensive() === true ? 'metered' : 'online';
}

// Stop listening when the SDK is torn down (sign-out, tests).
export const stop = (): void => connectivity.close();
