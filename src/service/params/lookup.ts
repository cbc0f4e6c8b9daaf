/**
 * An operation's non-default parameter descriptors (`OperationMeta.params`) indexed once per
 * operation, so a call finds each of its parameters' style in a map instead of a list scan.
 */
import type { OperationMeta, ParameterMeta } from '../../contract/operation.js';

type Location = ParameterMeta['in'];

/** A location's descriptors by parameter name; undefined when all of them are default. */
export type LocationParams = ReadonlyMap<string, ParameterMeta> | undefined;

const indexed = new WeakMap<OperationMeta, Readonly<Record<Location, LocationParams>>>();

/** The descriptors of `meta`'s parameters in `location` that are not serialised the default way. */
export function paramsIn(meta: OperationMeta, location: Location): LocationParams {
  const list = meta.params;
  if (list === undefined || list.length === 0) return undefined;
  let byLocation = indexed.get(meta);
  if (byLocation === undefined) {
    const maps: Record<Location, Map<string, ParameterMeta> | undefined> = { path: undefined, query: undefined, header: undefined, cookie: undefined };
    for (const param of list) (maps[param.in] ??= new Map()).set(param.name, param);
    byLocation = maps;
    indexed.set(meta, byLocation);
  }
  return byLocation[location];
}
