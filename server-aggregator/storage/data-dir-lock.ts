import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'aggregator.lock';

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Claims a data folder for this process. Embedded PGlite has no protection of its own against two processes
 * opening the same folder, and when that happens writes are silently lost; so a second `cogfw serve` on
 * the same folder must fail loudly instead. Several instances need PostgreSQL (DATABASE_URL).
 *
 * A lock left behind by a process that no longer runs on this host is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written aside and then hard-linked into place, because link() is atomic and fails if the name
    // exists: a lock file is therefore never seen half-written.
    const draft = `${path}.${process.pid}.tmp`;
    await writeFile(draft, `${JSON.stringify(owner)}\n`, { flush: true });
    try {
      await link(draft, path);
      return { path, release: () => rm(path, { force: true }) };
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    } finally {
      await rm(draft, { force: true });
    }
    const holder = await readOwner(path);
    if (holder !== undefined && holderIsAlive(holder)) {
      throw new Error(
        `data folder ${dataDir} is in use by process ${holder.pid} on ${holder.host} since ${holder.since}. ` +
          'Stop that process first, or use PostgreSQL (DATABASE_URL) to run several instances. ' +
          `If no such process runs, delete ${path}.`,
      );
    }
    await rm(path, { force: true });
  }
  throw new Error(`could not lock data folder ${dataDir}: another process keeps claiming ${path}`);
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST';
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'pid' in parsed &&
      'host' in parsed &&
      'since' in parsed &&
      Number.isInteger(parsed.pid) &&
      typeof parsed.host === 'string' &&
      typeof parsed.since === 'string'
    ) {
      return { pid: parsed.pid as number, host: parsed.host, since: parsed.since };
    }
  } catch {
    // Unreadable: not written by lockDataDir, which only ever links complete files into place.
  }
  return undefined;
}

function holderIsAlive(holder: LockOwner): boolean {
  // A process on another host (a shared or network folder) cannot be checked; assume it is alive.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
