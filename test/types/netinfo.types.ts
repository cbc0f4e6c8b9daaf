/**
 * Type test (checked by `tsc --noEmit`): the published NetInfo default export and its state type
 * fit netInfoConnectivity's structural parameter, so an app passes `NetInfo` as is.
 */
import NetInfo, { type NetInfoState } from '@react-native-community/netinfo';
import { netInfoConnectivity, type NetInfoLike, type NetInfoStateLike } from '../../src/platform/connectivity/netinfo.js';

const asLike: NetInfoLike = NetInfo;
export const connectivity = netInfoConnectivity(NetInfo);
export const state = (value: NetInfoState): NetInfoStateLike => value;
export const online: boolean = connectivity.isOnline();
export const reachable: boolean | null = connectivity.isInternetReachable();
void asLike;

// @ts-expect-error a bare listener registry without fetch is not NetInfo-compatible
netInfoConnectivity({ addEventListener: () => () => undefined });
