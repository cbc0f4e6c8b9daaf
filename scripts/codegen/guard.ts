/**
 * The boundary of `generate()`: whatever goes wrong inside, the caller gets one SpecError (the
 * spec's fault, with a location) or one GeneratorError (not the spec's fault), never a raw
 * RangeError or a stack trace from a library. The loader rejects over-deep and cyclic specs up
 * front; this is the backstop for anything a third-party emitter still cannot handle.
 */
import { GeneratorError, SpecError } from './spec-error.js';

/** Tracks the current stage so a failure can say where it happened. */
export interface Stage {
  current: string;
}

/** Runs `work`, converting every failure into SpecError or GeneratorError. */
export async function guarded<T>(file: string, work: (stage: Stage) => Promise<T>): Promise<T> {
  const stage: Stage = { current: 'generating' };
  try {
    return await work(stage);
  } catch (error) {
    throw classify(file, stage.current, error);
  }
}

/** SpecError and GeneratorError pass through; a stack overflow is the spec's shape; the rest is ours. */
export function classify(file: string, stage: string, error: unknown): SpecError | GeneratorError {
  if (error instanceof SpecError || error instanceof GeneratorError) return error;
  if (error instanceof RangeError) {
    return new SpecError(file, '#', `the spec is too deeply nested or recursive for ${stage} (${error.message})`, { cause: error });
  }
  return new GeneratorError(file, stage, { cause: error });
}

/** Wraps a progress step so the stage names what runs next ("after types (openapi-typescript)"). */
export function trackStage(stage: Stage, step: (label: string) => void): (label: string) => void {
  stage.current = 'loading the spec';
  return (label) => {
    stage.current = `generating (after: ${label})`;
    step(label);
  };
}
