/**
 * The bodies fixture SDK (test/fixtures/wire/bodies.yaml), generated fresh into this run's
 * scratch folder and imported, so the wire tests exercise what the generator emits today. Typed
 * as the committed copy the type tests use (test/types/generated-bodies).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '../../scripts/codegen/generate.js';
import { root, scratch } from '../helpers/paths.js';
import type { EchoReply } from '../server/routes/echo.js';

export type BodiesSdkModule = typeof import('../types/generated-bodies/index.js');

/** Generates the fixture and imports its index. */
export async function loadBodiesSdk(): Promise<BodiesSdkModule> {
  const out = join(await scratch('wire-bodies'), 'sdk');
  await generate({ spec: join(root, 'test/fixtures/wire/bodies.yaml'), out, runtimeDir: join(root, 'src') });
  return (await import(pathToFileURL(join(out, 'index.ts')).href)) as BodiesSdkModule;
}

/** The bytes /__echo received. */
export function bodyOf(reply: unknown): Buffer {
  return Buffer.from((reply as EchoReply).bodyBase64, 'base64');
}

/** The multipart body /__echo received, parsed by the platform's own multipart reader. */
export function formOf(reply: unknown): Promise<FormData> {
  const echo = reply as EchoReply;
  return new Response(new Uint8Array(bodyOf(echo)), { headers: { 'content-type': echo.contentType ?? '' } }).formData();
}

/** The raw multipart text, for assertions on part headers FormData does not expose. */
export function multipartText(reply: unknown): string {
  return bodyOf(reply).toString('latin1');
}
