/// <reference types="node" />
/**
 * Crash-safe file replacement for the file adapter: the new bytes go to a temp file in the same
 * directory, are flushed to disk, then renamed over the target. rename(2) within one directory
 * is atomic on POSIX file systems (and MoveFileEx replaces atomically on NTFS), so a reader, or
 * a process started after a SIGKILL or power loss, sees the old file or the new one, never a
 * mix. A killed writer leaves only its temp file, which `sweepTempFiles` removes later.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_PREFIX } from './file-names.js';

let counter = 0;

/** A temp file name no other write (in this or another process) can pick. */
function tempName(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${TEMP_PREFIX}${process.pid}-${counter}-${randomBytes(6).toString('hex')}`;
}

const ignore = (): void => undefined;

/**
 * Writes `bytes` to `dir/name` atomically. With `durable`, the temp file is fsynced before the
 * rename (else a power loss could leave the renamed file empty on ext4/XFS) and the directory
 * after it (so the rename itself survives a power loss).
 */
export async function writeFileAtomic(dir: string, name: string, bytes: Uint8Array, durable: boolean): Promise<void> {
  const temp = join(dir, tempName());
  let handle: FileHandle | undefined;
  try {
    // 'wx': never follow or reuse an existing file; 0o600: cached answers may be private data.
    handle = await open(temp, 'wx', 0o600);
    await handle.writeFile(bytes);
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, join(dir, name));
  } catch (error) {
    await handle?.close().catch(ignore);
    await rm(temp, { force: true }).catch(ignore);
    throw error;
  }
  if (durable) await syncDirectory(dir);
}

// Where a directory cannot be opened or fsynced (Windows, some network and FUSE file systems)
// the platform gives no stronger guarantee to ask for; the data file itself was synced.
const NO_DIRECTORY_SYNC = new Set(['EISDIR', 'EPERM', 'EACCES', 'EINVAL', 'ENOTSUP', 'EBADF']);

/** fsyncs a directory so renames and unlinks in it survive a power loss, where the platform allows. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!NO_DIRECTORY_SYNC.has((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await handle?.close().catch(ignore);
  }
}

/** Whether process `pid` is alive on this machine (EPERM: alive, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes temp files left by writers that died mid-write: those of a process no longer alive,
 * and any older than `staleMs` (a pid may be reused, or the directory shared across machines).
 * A live writer's fresh temp file is left alone, so a second process opening the same
 * directory never breaks a write in progress. Returns the names removed.
 */
export async function sweepTempFiles(dir: string, staleMs: number, now: number = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number(/^t-(\d+)-/.exec(name)?.[1]);
    const path = join(dir, name);
    let stale = !Number.isSafeInteger(pid) || pid <= 0 || (pid !== process.pid && !isAlive(pid));
    if (!stale) {
      const info = await stat(path).catch(() => undefined);
      stale = info !== undefined && now - info.mtimeMs > staleMs;
    }
    if (stale) {
      await rm(path, { force: true });
      removed.push(name);
    }
  }
  return removed;
}
