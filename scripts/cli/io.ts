/** What a command may touch of its process: output lines, the working folder and environment. */
export interface Io {
  stdout(line: string): void;
  stderr(line: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The file being worked on, so an unexpected failure can still say where. */
  context?: string | undefined;
}

/** The real process. */
export function processIo(): Io {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    env: process.env,
  };
}
