/** The `tether` command's usage lines and help text. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIFF_USAGE } from '../diff/main.js';

export const GENERATE_USAGE = 'usage: tether generate --spec <file> --out <dir> [--runtime <specifier>] [--valibot <specifier>] [--debug]';
export const CHECK_USAGE = 'usage: tether check --spec <file> --out <dir> [--runtime <specifier>] [--valibot <specifier>] [--debug]';
export const MAIN_USAGE = 'usage: tether <generate|check> --spec <file> --out <dir> [options] | tether diff <old> <new>   (tether --help for more)';

export const HELP = `tether: generate a typed, resilient TypeScript SDK from an OpenAPI 3.0/3.1 spec

${GENERATE_USAGE}
${CHECK_USAGE}
${DIFF_USAGE}

commands
  generate   write the SDK for <file> (YAML or JSON) into <dir>, replacing it as a whole
  check      exit 1 when <dir> is not exactly what generate would write (stale or edited by hand)
  diff       list every change from <old> to <new> classified breaking / non-breaking for SDK
             users; exit 1 when something breaks, 0 when nothing does, 2 when a spec cannot be read

options
  --spec <file>            the OpenAPI spec
  --out <dir>              the SDK folder, e.g. src/api
  --runtime <specifier>    where the generated code imports the runtime from [@tether/sdk/runtime]
  --valibot <specifier>    where the generated validators import valibot from [@tether/sdk/valibot]
  --format <f>             diff only: text (default), json or markdown (a PR comment)
  --debug                  print the stack trace of a failure
  --help, -h               this text
  --version, -v            the version of @tether/sdk

Failures print one line, "error: <file>#<JSON pointer or line:col>: <message>", and exit with 1
(diff: 2).
`;

/**
 * The package's version. This module sits two folders below the package root both as source
 * (scripts/cli/) and bundled (dist/cli/), so one relative URL serves both.
 */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
