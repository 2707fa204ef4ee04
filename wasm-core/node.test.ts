import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeAnalyzer, loadCoreFromDisk, ortWasmDirectory, REPO_ROOT } from './node.ts';

async function tempPack(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cogfw-pack-'));
  const path = join(dir, 'pack.json');
  const pack = {
    id: 'disk',
    version: 1,
    language: 'en',
    techniques: { T05: [{ phrase: 'or else', weight: 0.7 }] },
  };
  await writeFile(path, JSON.stringify(pack));
  return path;
}

describe('node loader', () => {
  it('resolves the repository root and onnxruntime-web', () => {
    expect(existsSync(join(REPO_ROOT, 'package.json'))).toBe(true);
    expect(existsSync(new URL('ort-wasm-simd-threaded.wasm', ortWasmDirectory()))).toBe(true);
  });

  it('says how to build the core when it is missing', async () => {
    await expect(loadCoreFromDisk('/nonexistent/core.wasm')).rejects.toThrow(
      '/nonexistent/core.wasm is missing: run npm run build:wasm',
    );
  });

  it('says how to get the model when it is missing', async () => {
    await expect(
      createNodeAnalyzer({ lexiconPath: await tempPack(), modelPath: '/nonexistent/model.onnx' }),
    ).rejects.toThrow('/nonexistent/model.onnx is missing: run npm run train');
  });

  it('names an invalid lexicon file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cogfw-pack-'));
    const path = join(dir, 'bad.json');
    await writeFile(path, '{ not json');
    await expect(createNodeAnalyzer({ lexiconPath: path, model: false })).rejects.toThrow(
      'is not valid JSON',
    );
  });

  it('analyses with the lexicon alone when asked', async () => {
    const analyzer = await createNodeAnalyzer({ lexiconPath: await tempPack(), model: false });
    expect(analyzer.engine).toBe('lexicon disk@1');
    const result = await analyzer.analyze({ text: 'Pay today, or else.' });
    expect(result.findings.map((f) => f.technique)).toEqual(['T05']);
  });
});
