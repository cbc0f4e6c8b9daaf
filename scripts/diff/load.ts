/**
 * Loads one side of a comparison: a version name under `openapi/` (`v1`) or a spec file (YAML or
 * JSON), checked by the generator's own loader, with the operations named as the generated SDK
 * names them (`sdk.<service>.<method>`), so the report speaks the app's language.
 */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { collectOperations } from '../codegen/collect-operations.js';
import { loadSpec } from '../codegen/load-spec.js';
import type { OperationModel } from '../codegen/model.js';
import { listVersions } from '../codegen/versions.js';
import { CommandError } from '../cli/errors.js';

/** One spec, ready to compare. */
export interface DiffSide {
  /** The file, as given or as found for a version name. */
  readonly source: string;
  readonly document: Record<string, unknown>;
  readonly operations: readonly OperationModel[];
}

/** The SDK name of an operation: `sdk.orders.getOrder`. */
export const sdkName = (operation: OperationModel): string => `sdk.${operation.service}.${operation.name}`;

/**
 * Finds the spec for `arg`: an existing file wins; otherwise a version folder under
 * `<root>/openapi/`. Throws CommandError when neither exists.
 */
export async function locateSpec(arg: string, root: string): Promise<string> {
  const asFile = resolve(root, arg);
  if (existsSync(asFile) && statSync(asFile).isFile()) return arg;
  const version = (await listVersions(root)).find((v) => v.name === arg);
  if (version) return relative(root, version.spec);
  const known = (await listVersions(root)).map((v) => v.name);
  throw new CommandError(arg, `no such spec file, and no version openapi/${arg}/ (versions: ${known.join(', ') || 'none'})`);
}

/** Loads and models one side; SpecError on a spec that cannot be read. */
export async function loadSide(arg: string, root: string): Promise<DiffSide> {
  const file = await locateSpec(arg, root);
  // Warnings matter to the generator, not to the comparison: the diff reports changes only.
  const loaded = await loadSpec(resolve(root, file), { warn: () => undefined });
  return sideOf(loaded.document, file);
}

/** Models an already parsed and checked document (see loadSpec). */
export function sideOf(document: Record<string, unknown>, source: string): DiffSide {
  const { operations } = collectOperations(document, { warn: () => undefined });
  return { source, document, operations };
}
