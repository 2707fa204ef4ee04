import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's place in models/training. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Third-party sets live beside the repository, not in it (they are not ours to redistribute). */
export function datasetsDir(repoRoot = REPO_ROOT): string | null {
  const dir = resolve(repoRoot, '../shared/datasets');
  return existsSync(dir) ? dir : null;
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${path}:${i + 1}: ${(error as Error).message}`);
      }
    });
}

export function toJsonl(rows: readonly unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}
