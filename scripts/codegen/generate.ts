/**
 * One spec in, one SDK folder out: load → model → emit every file → write to a temporary
 * folder → swap it in, so a failure midway leaves the previous output untouched.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { print } from './ast.js';
import { collectOperations } from './collect-operations.js';
import { collectWebhooks } from './collect-webhooks.js';
import { emitFunctions } from './emit-functions.js';
import { emitIndex } from './emit-index.js';
import { emitOperations } from './emit-operations.js';
import { emitSchemaTypes } from './emit-schema-types.js';
import { emitServices } from './emit-services.js';
import { emitWebhooks, webhookValidatorInputs } from './emit-webhooks.js';
import { guarded, trackStage, type Stage } from './guard.js';
import { header } from './header.js';
import { relativeRuntimeImports, type RuntimeImports } from './runtime-imports.js';
import { loadSpec } from './load-spec.js';
import type { ApiModel, Diagnostics } from './model.js';
import { emitValidators } from './validators/index.js';
import { declarationsOf, moduleJs, validatorsDts } from './validators/module-files.js';

export interface GenerateOptions {
  /** Spec file (YAML or JSON). */
  spec: string;
  /** Output folder; replaced as a whole. */
  out: string;
  /** Folder of the hand-written runtime (`src/`); imports are made relative to it unless `imports` is given. */
  runtimeDir?: string;
  /** Module specifiers for the runtime and valibot (e.g. the package's public exports). */
  imports?: RuntimeImports;
  /** The command the header tells a reader to run to regenerate this folder. */
  command?: string;
  /** Progress lines for long runs; silent when undefined. */
  progress?: (message: string) => void;
}

export interface Warning {
  pointer: string;
  message: string;
}

export interface GenerateResult {
  files: string[];
  warnings: Warning[];
  operations: number;
}

const posix = (path: string): string => path.split(sep).join('/');

/** Collects warnings, once per pointer. */
export function collectingDiagnostics(): Diagnostics & { warnings: Warning[] } {
  const seen = new Set<string>();
  const warnings: Warning[] = [];
  return {
    warnings,
    warn(pointer, message) {
      if (seen.has(pointer)) return;
      seen.add(pointer);
      warnings.push({ pointer, message });
    },
  };
}

/** Builds the model of a spec (no files written). */
export async function buildModel(spec: string, diagnostics: Diagnostics): Promise<ApiModel> {
  const loaded = await loadSpec(spec, diagnostics);
  const { services, operations } = collectOperations(loaded.document, diagnostics);
  const info = (loaded.document.info ?? {}) as Record<string, unknown>;
  const components = (loaded.document.components ?? {}) as Record<string, unknown>;
  return {
    ...loaded,
    title: typeof info.title === 'string' ? info.title : 'API',
    version: typeof info.version === 'string' ? info.version : '0.0.0',
    services,
    operations,
    webhooks: collectWebhooks(loaded.document, diagnostics, operations.map((op) => op.exportName)),
    securitySchemes: (components.securitySchemes ?? {}) as ApiModel['securitySchemes'],
  };
}

/** Generates the SDK for one spec into `options.out`; throws only SpecError or GeneratorError (guard.ts). */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  return guarded(options.spec, (stage) => generateUnguarded(options, stage));
}

async function generateUnguarded(options: GenerateOptions, stage: Stage): Promise<GenerateResult> {
  const out = resolve(options.out);
  const step = trackStage(stage, timer(options.progress));
  const diagnostics = collectingDiagnostics();
  const model = await buildModel(options.spec, diagnostics);
  step(`loaded ${model.operations.length} operations in ${model.services.length} services`);

  if (!options.imports && options.runtimeDir === undefined) throw new TypeError('generate() needs `imports` or `runtimeDir`');
  const imports = options.imports ?? relativeRuntimeImports(out, options.runtimeDir ?? '');
  const specPath = posix(relative(out, resolve(options.spec)));
  const head = header(specPath, model.specHash, options.command);

  const types = await emitSchemaTypes(model);
  step('types (openapi-typescript)');
  const validators = emitValidators({
    document: model.document,
    openapiVersion: model.openapiVersion,
    operations: [...model.operations, ...webhookValidatorInputs(model.webhooks)],
    valibotImport: imports.valibot,
    diagnostics,
  });
  const validatorsCode = moduleJs(validators.statements);
  const validatorsTypes = validatorsDts(validators.statements, imports.runtime);
  step('validators (valibot)');
  const operations = emitOperations(model, validators.operations, imports.runtime);
  const files: Record<string, string> = {
    'schema.d.ts': head + types,
    // JS plus a declaration, so a consumer's tsc never checks the valibot code (module-files.ts).
    'validators.js': head + validatorsCode,
    'validators.d.ts': head + validatorsTypes,
    'operations.js': head + moduleJs(operations),
    'operations.d.ts': head + declarationsOf(operations, imports.runtime, 'OperationMeta'),
    'services.ts': head + print(emitServices(model, imports.runtime)),
    'index.ts': head + print(emitIndex(model, imports)),
  };
  if (model.operations.length > 0) files['functions.ts'] = head + print(emitFunctions(model, imports.client));
  // Only specs with 3.1 webhooks get the file (and index.ts its re-exports).
  if (model.webhooks.length > 0) files['webhooks.ts'] = head + print(emitWebhooks(model.webhooks, validators.operations, imports.runtime));
  step('operations, services, functions, index');

  await writeAtomically(out, files);
  step(`wrote ${out}`);
  return { files: Object.keys(files), warnings: diagnostics.warnings, operations: model.operations.length };
}

/** Writes every file into a sibling temp folder, then swaps it for `out`. */
async function writeAtomically(out: string, files: Record<string, string>): Promise<void> {
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.${Date.now()}-${process.pid}.tether-tmp`);
  const previous = `${staging}-old`;
  try {
    await mkdir(staging);
    for (const [name, text] of Object.entries(files)) await writeFile(join(staging, name), text);
    const hadPrevious = await rename(out, previous).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    await rename(staging, out);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function timer(progress: ((message: string) => void) | undefined): (label: string) => void {
  let last = performance.now();
  return (label) => {
    if (!progress) return;
    const now = performance.now();
    progress(`${label} (${Math.round(now - last)} ms)`);
    last = now;
  };
}
