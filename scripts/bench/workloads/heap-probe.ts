/**
 * Child process for section 6 (run with --expose-gc): heap used after loading a client bundle
 * (argv[2]; none = empty baseline), creating the client and making 1,000 calls, both after
 * full GCs, so what is left is what the library keeps alive. Prints one JSON line.
 */
import { createRequire } from 'node:module';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const full = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

async function main(): Promise<void> {
  const before = full();
  const file = process.argv[2];
  if (file) {
    const { make } = createRequire(__filename)(file) as { make: () => () => Promise<unknown> };
    const call = make();
    for (let i = 0; i < 1000; i++) await call();
  }
  await new Promise((r) => setTimeout(r, 50));
  const after = full();
  process.stdout.write(`\n${JSON.stringify({ before, after, delta: after - before })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
