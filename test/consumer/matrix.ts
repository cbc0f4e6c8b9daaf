/**
 * The consumer tsconfig matrix: every value of every dimension the contract promises (lib ES2020
 * and ES2022; DOM only, DOM + DOM.Iterable, no DOM with @types/node; moduleResolution bundler,
 * node16 and nodenext; ESM and CJS), each config with the strictest flags an app might use and
 * skipLibCheck off. A covering set rather than the full product (each value appears at least
 * once, the pairs that broke before are included); the programs run in-process through the
 * TypeScript API and share parsed files, so the whole matrix stays a few seconds.
 */
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { root } from '../helpers/paths.js';

/** One consumer tsconfig. */
export interface ConsumerConfig {
  name: string;
  /** Which module format the consumer's own files are in. */
  format: 'esm' | 'cjs';
  compilerOptions: Record<string, unknown>;
}

const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
  noEmit: true,
};

const DOM_ONLY = { types: [] as string[] };
// `types` is resolved from typeRoots; the consumer app links @types/node rather than install it.
const NODE_TYPES = { types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] };

/** The covering set. */
export const MATRIX: readonly ConsumerConfig[] = [
  // The config issue 8 reported broken: no DOM.Iterable.
  { name: 'ES2022 + DOM, bundler, ESM', format: 'esm', compilerOptions: { ...STRICT, ...DOM_ONLY, target: 'ES2022', lib: ['ES2022', 'DOM'], module: 'ESNext', moduleResolution: 'Bundler' } },
  { name: 'ES2020 + DOM, bundler, ESM', format: 'esm', compilerOptions: { ...STRICT, ...DOM_ONLY, target: 'ES2020', lib: ['ES2020', 'DOM'], module: 'Preserve', moduleResolution: 'Bundler' } },
  { name: 'ES2020 + DOM + DOM.Iterable, node16, ESM', format: 'esm', compilerOptions: { ...STRICT, ...DOM_ONLY, target: 'ES2020', lib: ['ES2020', 'DOM', 'DOM.Iterable'], module: 'Node16', moduleResolution: 'Node16' } },
  { name: 'ES2022, no DOM, @types/node, nodenext, ESM', format: 'esm', compilerOptions: { ...STRICT, ...NODE_TYPES, target: 'ES2022', lib: ['ES2022'], module: 'NodeNext', moduleResolution: 'NodeNext' } },
  { name: 'ES2020, no DOM, @types/node, node16, CJS', format: 'cjs', compilerOptions: { ...STRICT, ...NODE_TYPES, target: 'ES2020', lib: ['ES2020'], module: 'Node16', moduleResolution: 'Node16' } },
  { name: 'ES2022 + DOM + DOM.Iterable, nodenext, CJS', format: 'cjs', compilerOptions: { ...STRICT, ...DOM_ONLY, target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], module: 'NodeNext', moduleResolution: 'NodeNext' } },
];

const sourceCache = new Map<string, ts.SourceFile>();

/** A compiler host whose parsed files are shared by every program of the matrix. */
function sharedHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, fresh) => {
    const format = typeof language === 'object' ? `${language.languageVersion}:${language.impliedNodeFormat ?? ''}` : String(language);
    const key = `${fileName}\0${format}`;
    const cached = fresh ? undefined : sourceCache.get(key);
    if (cached) return cached;
    const file = read(fileName, language, onError, fresh);
    if (file) sourceCache.set(key, file);
    return file;
  };
  return host;
}

/** Converts tsconfig-style options (strings) into compiler options, failing on a typo. */
export function toCompilerOptions(json: Record<string, unknown>, base: string): ts.CompilerOptions {
  const { options, errors } = ts.convertCompilerOptionsFromJson(json, base);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, formatHost(base)));
  return options;
}

const formatHost = (base: string): ts.FormatDiagnosticsHost => ({
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => base,
  getNewLine: () => '\n',
});

/** The diagnostics of one program, formatted with paths relative to `base` (empty when clean). */
export function typeCheck(rootNames: readonly string[], json: Record<string, unknown>, base: string): { errors: string; files: readonly string[] } {
  const options = toCompilerOptions(json, base);
  const program = ts.createProgram({ rootNames, options, host: sharedHost(options) });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const files = program.getSourceFiles().map((f) => relative(base, f.fileName));
  return { errors: diagnostics.length === 0 ? '' : ts.formatDiagnostics(diagnostics, formatHost(base)), files };
}

/** Emits a program's JS (for the configs the test also runs); throws on any diagnostic. */
export function compile(rootNames: readonly string[], json: Record<string, unknown>, base: string, outDir: string): void {
  const options = toCompilerOptions({ ...json, noEmit: false, outDir, rootDir: dirname(rootNames[0] ?? base) }, base);
  const program = ts.createProgram({ rootNames, options });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length > 0) throw new Error(ts.formatDiagnostics(diagnostics, formatHost(base)));
}
