import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.ts';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cogfw-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records who holds the folder, refuses a second holder, and frees it on release', async () => {
    const lock = await lockDataDir(dir);
    const owner = JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });

    await expect(lockDataDir(dir)).rejects.toThrow(`is in use by process ${process.pid}`);

    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  it('takes over a lock left by a process that has exited', async () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeStaleLock(dir, { pid: exited, host: hostname(), since: '2026-01-01T00:00:00.000Z' });
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('takes over an unreadable lock file', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), 'not json');
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it('respects a lock held from another host, which it cannot check', async () => {
    await writeStaleLock(dir, { pid: 1, host: `not-${hostname()}`, since: '2026-01-01T00:00:00.000Z' });
    await expect(lockDataDir(dir)).rejects.toThrow(`is in use by process 1 on not-${hostname()}`);
  });
});

async function writeStaleLock(
  dir: string,
  owner: { pid: number; host: string; since: string },
): Promise<void> {
  await writeFile(join(dir, LOCK_FILE_NAME), JSON.stringify(owner));
}
