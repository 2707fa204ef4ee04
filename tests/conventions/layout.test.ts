import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The house rules of SPEC §2, enforced: dependencies point one way, and no folder becomes a dumping
 * ground. A failure here names the file and the import that breaks the rule.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = [
  'assembly',
  'wasm-core',
  'models',
  'extension',
  'protocol',
  'server-aggregator',
  'cli',
] as const;
type Package = (typeof PACKAGES)[number];

/** Which of our packages each package may import from (itself is always allowed). */
const ALLOWED: Record<Package, readonly Package[]> = {
  protocol: [],
  assembly: [],
  models: ['wasm-core', 'protocol'],
  'wasm-core': ['assembly', 'models'],
  extension: ['wasm-core', 'protocol'],
  'server-aggregator': ['protocol'],
  cli: ['wasm-core', 'protocol', 'server-aggregator'],
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function packageOf(path: string): Package | undefined {
  const first = relative(root, path).split(sep)[0];
  return PACKAGES.find((p) => p === first);
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.[^'"]+)['"]/g)];
  return specifiers.map((m) => m[1] as string);
}

const files = PACKAGES.flatMap((p) => {
  try {
    return sourceFiles(join(root, p));
  } catch {
    return [];
  }
});

describe('layout', () => {
  it('finds the source of every package', () => {
    for (const p of PACKAGES.filter((p) => p !== 'models')) {
      expect(
        files.some((f) => packageOf(f) === p),
        `${p}/ holds no TypeScript`,
      ).toBe(true);
    }
  });

  it('keeps dependencies pointing the ways SPEC §2 allows', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = packageOf(file);
      if (!from) continue;
      for (const specifier of relativeImports(file)) {
        const target = packageOf(join(file, '..', specifier.split('?')[0] as string));
        if (!target || target === from) continue;
        if (!ALLOWED[from].includes(target)) {
          violations.push(`${relative(root, file)} imports ${specifier} (${from} → ${target})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no utils/helpers/misc dumping grounds', () => {
    const offenders = files
      .map((f) => relative(root, f))
      .filter((f) => /(^|\/)(utils?|helpers?|misc|common)(\/|\.tsx?$)/.test(f));
    expect(offenders).toEqual([]);
  });

  it('makes no network calls from extension code', () => {
    const offenders = files
      .filter((f) => packageOf(f) === 'extension' && !f.includes('.test.'))
      .filter((f) =>
        /\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource)\s*\(/.test(readFileSync(f, 'utf8')),
      )
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
