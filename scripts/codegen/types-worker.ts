/**
 * `schema.d.ts` (openapi-typescript, emit-schema-types.ts) off the main thread, so on a big spec
 * it overlaps the valibot validators: the two longest phases of `generate()`, each one core.
 *
 * The main thread posts the document once (the structured clone is the copy emitSchemaTypes
 * makes anyway) and gets back the text, or the failure serialised so generate.ts re-throws the
 * same class with the same message (guard.ts then classifies it exactly as if in-thread).
 * openapi-typescript warns nothing (`silent`), so no diagnostics cross the boundary.
 *
 * Loaded twice: by generate.ts (`startTypesWorker`, main thread) and as the worker's entry,
 * bundled next to the bin (dist/cli/types-worker.mjs, build/cli.mjs). From source, and on any
 * failure to start or run the worker itself, the types are emitted in-thread.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { emitSchemaTypes } from './emit-schema-types.js';
import { GeneratorError, SpecError } from './spec-error.js';

/** Marks the worker this module starts, so importing it anywhere else does nothing. */
const ROLE = 'tether-types-worker';

/** An error as it crosses the thread boundary. */
type SerialisedError =
  | { kind: 'SpecError'; file: string; where: string; detail: string; stack?: string; cause?: SerialisedError }
  | { kind: 'GeneratorError'; file: string; stage: string; stack?: string; cause?: SerialisedError }
  | { kind: 'Error'; name: string; message: string; range: boolean; stack?: string; cause?: SerialisedError }
  | { kind: 'value'; text: string };

type Reply = { ok: true; types: string } | { ok: false; error: SerialisedError };

export function serialiseError(error: unknown, depth = 0): SerialisedError {
  const cause = (e: Error): SerialisedError | undefined => (e.cause === undefined || depth > 4 ? undefined : serialiseError(e.cause, depth + 1));
  if (error instanceof SpecError) return { kind: 'SpecError', file: error.file, where: error.where, detail: error.detail, stack: error.stack, cause: cause(error) };
  if (error instanceof GeneratorError) return { kind: 'GeneratorError', file: error.file, stage: error.stage, stack: error.stack, cause: cause(error) };
  if (error instanceof Error) {
    return { kind: 'Error', name: error.name, message: error.message, range: error instanceof RangeError, stack: error.stack, cause: cause(error) };
  }
  return { kind: 'value', text: String(error) };
}

export function deserialiseError(data: SerialisedError): unknown {
  if (data.kind === 'value') return data.text;
  const cause = data.cause === undefined ? {} : { cause: deserialiseError(data.cause) };
  let error: Error;
  if (data.kind === 'SpecError') error = new SpecError(data.file, data.where, data.detail, cause);
  else if (data.kind === 'GeneratorError') error = new GeneratorError(data.file, data.stage, { cause: cause.cause });
  else {
    // RangeError stays a RangeError: guard.ts reads a stack overflow as the spec's shape.
    error = data.range ? new RangeError(data.message, cause) : new Error(data.message, cause);
    if (!data.range && data.name !== 'Error') Object.defineProperty(error, 'name', { value: data.name, configurable: true, writable: true });
  }
  if (data.stack !== undefined) error.stack = data.stack;
  return error;
}

/**
 * The worker's entry: the bundle's sibling next to the bin. From source (tsx) there is none:
 * Node 20 loads a worker's entry before `--import tsx` registers, so a `.ts` entry cannot load;
 * generate() then runs in-thread (same bytes, slower).
 */
function workerEntry(): URL | undefined {
  const self = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(self).pathname)) return undefined;
  return new URL('./types-worker.mjs', self);
}

/** A started worker: `run` posts the document once and resolves with its `schema.d.ts` text. */
export interface TypesWorker {
  run(document: Record<string, unknown>): Promise<string>;
  terminate(): void;
}

/**
 * Starts the worker now (its start-up overlaps loading the spec); undefined when it cannot be
 * started at all. `run` falls back to in-thread when the worker dies without answering.
 */
export function startTypesWorker(): TypesWorker | undefined {
  const entry = workerEntry();
  if (entry === undefined) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(entry, { workerData: { role: ROLE } });
  } catch {
    return undefined;
  }
  const terminate = (): void => {
    void worker.terminate().catch(() => {});
  };
  // Failures before `run` (e.g. the entry is missing) are seen by `run` as an exit without reply.
  const exited = new Promise<void>((resolveExit) => {
    worker.once('error', () => resolveExit());
    worker.once('exit', () => resolveExit());
  });
  return {
    terminate,
    async run(document) {
      const reply = new Promise<Reply | undefined>((resolveReply) => {
        worker.once('message', (message: Reply) => resolveReply(message));
        void exited.then(() => resolveReply(undefined));
      });
      try {
        worker.postMessage(document);
      } catch {
        // The document cannot be cloned (it always can: it is parsed JSON/YAML); do it here.
        terminate();
        return emitSchemaTypes({ document });
      }
      const answer = await reply;
      terminate();
      // The worker died without answering (could not load its entry, ran out of memory): in-thread.
      if (answer === undefined) return emitSchemaTypes({ document });
      if (answer.ok) return answer.types;
      throw deserialiseError(answer.error);
    },
  };
}

// The worker's side: one document in, one reply out.
if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === ROLE) {
  const port = parentPort;
  port.once('message', (document: Record<string, unknown>) => {
    emitSchemaTypes({ document }).then(
      (types) => port.postMessage({ ok: true, types } satisfies Reply),
      (error: unknown) => port.postMessage({ ok: false, error: serialiseError(error) } satisfies Reply),
    );
  });
}
