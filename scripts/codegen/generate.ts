/**
 * One spec in, one SDK folder out: load → model → emit every file → write to a temporary
 * folder → swap it in, so a failure midway leaves the previous output untouched.
 */
import { statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { print } from './ast.js';
import { collectOperations } from './collect-operations.js';
import { collectBatch } from './collect-batch.js';
import { collectWebhooks } from './collect-webhooks.js';
import { collectSecurity } from './collect-security.js';
import { emitFunctions } from './emit-functions.js';
import { emitIndex } from './emit-index.js';
import { emitOperations } from './emit-operations.js';
import { emitQuery } from './emit-query.js';
import { emitSchemaTypes } from './emit-schema-types.js';
import { emitServices } from './emit-services.js';
import { emitWebhooks, webhookValidatorInputs } from './emit-webhooks.js';
import { guarded, trackStage, type Stage } from './guard.js';
import { header } from './header.js';
import { relativeRuntimeImports, type RuntimeImports } from './runtime-imports.js';
import { loadSpec } from './load-spec.js';
import { startTypesWorker, type TypesWorker } from './types-worker.js';
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
  collectBatch(loaded.document, operations, loaded.source);
  const info = (loaded.document.info ?? {}) as Record<string, unknown>;
  return {
    ...loaded,
    title: typeof info.title === 'string' ? info.title : 'API',
    version: typeof info.version === 'string' ? info.version : '0.0.0',
    services,
    operations,
    webhooks: collectWebhooks(loaded.document, diagnostics, operations.map((op) => op.exportName)),
    securitySchemes: collectSecurity(loaded.document, diagnostics),
  };
}

/** Generates the SDK for one spec into `options.out`; throws only SpecError or GeneratorError (guard.ts). */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  return guarded(options.spec, (stage) => generateUnguarded(options, stage));
}

/**
 * Above this much spec, `schema.d.ts` (openapi-typescript) is emitted in a worker thread while
 * this thread emits the validators and the rest (types-worker.ts); below it the worker's start-up
 * costs more than it saves. `TETHER_CODEGEN_WORKER=0|1` forces either way (tests, diffs).
 */
const WORKER_SPEC_BYTES = 1_000_000;
const WORKER_OPERATIONS = 200;

function workerWanted(spec: string, operations: number | undefined): boolean {
  const forced = process.env.TETHER_CODEGEN_WORKER;
  if (forced === '0' || forced === '1') return forced === '1';
  if (operations !== undefined) return operations > WORKER_OPERATIONS;
  try {
    return statSync(spec).size > WORKER_SPEC_BYTES;
  } catch {
    return false; // the loader reports the missing file
  }
}

async function generateUnguarded(options: GenerateOptions, stage: Stage): Promise<GenerateResult> {
  const out = resolve(options.out);
  const tick = timer(options.progress);
  let quiet = false;
  const step = trackStage(stage, (label) => {
    if (!quiet) tick(label);
  });
  // Started before loading, so its own start-up (TypeScript, openapi-typescript) overlaps it.
  const pool: { worker: TypesWorker | undefined } = { worker: workerWanted(options.spec, undefined) ? startTypesWorker() : undefined };
  try {
    return await generateWith(options, out, stage, { step, tick, quietly: (run) => ((quiet = true), run(), (quiet = false)) }, pool);
  } finally {
    pool.worker?.terminate(); // idle, done, or abandoned on a failure
  }
}

interface Progress {
  /** Names the stage (for errors) and reports it. */
  step(label: string): void;
  /** Reports only. */
  tick(label: string): void;
  /** Runs `run` with `step` not reporting. */
  quietly(run: () => void): void;
}

async function generateWith(options: GenerateOptions, out: string, stage: Stage, progress: Progress, pool: { worker: TypesWorker | undefined }): Promise<GenerateResult> {
  const { step, tick } = progress;
  const diagnostics = collectingDiagnostics();
  const model = await buildModel(options.spec, diagnostics);
  step(`loaded ${model.operations.length} operations in ${model.services.length} services`);

  if (!options.imports && options.runtimeDir === undefined) throw new TypeError('generate() needs `imports` or `runtimeDir`');
  const imports = options.imports ?? relativeRuntimeImports(out, options.runtimeDir ?? '');
  const specPath = posix(relative(out, resolve(options.spec)));
  const head = header(specPath, model.specHash, options.command);

  // A small file can still hold many operations.
  if (pool.worker === undefined && process.env.TETHER_CODEGEN_WORKER === undefined && workerWanted(options.spec, model.operations.length)) pool.worker = startTypesWorker();
  const worker = pool.worker;
  const afterLoading = stage.current;
  let types = '';
  let typesJob: Promise<string> | undefined;
  if (worker) {
    typesJob = worker.run(model.document);
    typesJob.catch(() => {}); // awaited below, after this thread's share
    // Everything below fails as it would in-thread, i.e. after the types (unless they fail too).
    progress.quietly(() => step('types (openapi-typescript)'));
  } else {
    types = await emitSchemaTypes(model);
    step('types (openapi-typescript)');
  }

  let emitted: Record<string, string> | undefined;
  let failure: { error: unknown } | undefined;
  try {
    emitted = emitAllButTypes(model, imports, head, diagnostics, step);
  } catch (error) {
    if (!typesJob) throw error;
    failure = { error };
  }
  if (typesJob) {
    const failedAt = stage.current;
    try {
      types = await typesJob;
    } catch (error) {
      // In-thread, the types fail first and nothing after them runs.
      stage.current = afterLoading;
      throw error;
    }
    stage.current = failedAt;
    if (failure) throw failure.error;
    tick('types (openapi-typescript, worker thread; waited)');
  }
  // Same keys in the same order as always: schema.d.ts first.
  const files: Record<string, string> = { 'schema.d.ts': head + types, ...emitted };

  await writeAtomically(out, files);
  step(`wrote ${out}`);
  return { files: Object.keys(files), warnings: diagnostics.warnings, operations: model.operations.length };
}

/** Every file but schema.d.ts, in their order in the output. */
function emitAllButTypes(model: ApiModel, imports: RuntimeImports, head: string, diagnostics: Diagnostics, step: (label: string) => void): Record<string, string> {
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
    // JS plus a declaration, so a consumer's tsc never checks the valibot code (module-files.ts).
    'validators.js': head + validatorsCode,
    'validators.d.ts': head + validatorsTypes,
    'operations.js': head + moduleJs(operations),
    'operations.d.ts': head + declarationsOf(operations, imports.runtime, 'OperationMeta'),
    'services.ts': head + print(emitServices(model, imports.runtime)),
    'index.ts': head + print(emitIndex(model, imports)),
  };
  if (model.operations.length > 0) files['functions.ts'] = head + print(emitFunctions(model, imports.client));
  // TanStack Query helpers (docs/tanstack-query.md); typed only, so an app that never imports them pays nothing.
  if (model.operations.length > 0) files['query.ts'] = head + print(emitQuery(model, imports.publicApi));
  // Only specs with 3.1 webhooks get the file (and index.ts its re-exports).
  if (model.webhooks.length > 0) files['webhooks.ts'] = head + print(emitWebhooks(model.webhooks, validators.operations, imports.runtime));
  step('operations, services, functions, index');
  return files;
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
