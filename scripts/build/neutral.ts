/**
 * The syntax level of the platform-neutral ESM build (browsers, React Native, workers), shared
 * by scripts/build.ts and the Hermes gate (test/react-native/), so the gate compiles what ships.
 *
 * ES2020 because Hermes and older Safari lack some ES2022 syntax (class fields, top-level
 * await). Async generators and `for await` are ES2018, yet Hermes (React Native's engine,
 * hermesc 1.0 included) refuses them ("async generators are unsupported"), so esbuild lowers
 * them to its generator-based helpers; the pagers (src/service/paginate.ts) are written as
 * async generators.
 */
import type { BuildOptions } from 'esbuild';

/** `target` and `supported` of every neutral ESM build. */
export const NEUTRAL_SYNTAX: Readonly<Pick<BuildOptions, 'target' | 'supported'>> = {
  target: 'es2020',
  supported: { 'async-generator': false, 'for-await': false },
};

/** How the neutral build resolves packages: ES modules first, never Node's `require` condition. */
export const NEUTRAL_RESOLUTION: Readonly<Pick<BuildOptions, 'platform' | 'mainFields' | 'conditions'>> = {
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['import', 'module', 'default'],
};
