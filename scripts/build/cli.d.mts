/** Types of cli.mjs (plain JavaScript so the npm-script launchers run on bare node). */

/** Where the bin is written, relative to the package root. */
export declare const CLI_PATH: string;
/** The bin's worker thread (types for big specs), next to the bin; optional at run time. */
export declare const CLI_WORKER_PATH: string;
/** Every file the bundle is made of (or may be): scripts/cli/, scripts/codegen/, the build options, the lockfile of node_modules. */
export declare function cliSources(root: string): string[];
/** Why the bin must be (re)built, or undefined when it is newer than every source. */
export declare function cliStaleReason(root: string): string | undefined;
/** Bundles scripts/cli/main.ts into dist/cli/tether.mjs (and its worker, types-worker.mjs); resolves with the bin's path. */
export declare function buildCli(root: string): Promise<string>;
/** The bin, built first when missing or stale; resolves with its path. */
export declare function ensureCli(root: string, log?: (line: string) => void): Promise<string>;
