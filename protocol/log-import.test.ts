import { describe, expect, it } from 'vitest';
import { sealBatch } from './batch.ts';
import { openExport, sealExport } from './export-envelope.ts';
import { type LogEntry, nextEntry } from './log-entry.ts';
import { exportBytes } from './log-export.ts';
import { restoreExport } from './log-import.ts';
import { verifyExport } from './log-verify.ts';
import { signingKeyFromSecret } from './signature.ts';
import { sampleAnalysisBody, sampleLog } from './testing/sample-log.ts';

const FAST = { log2N: 10, r: 8, p: 1 };

describe('restoreExport', () => {
  const log = sampleLog({ analyses: 180, rotateAfter: [40], redact: [[9]] });
  const sealed = sealExport(exportBytes({ ...log, includeSecretKey: true }), 'moving house', FAST);

  it('gives back identical entries, batches and the device key', () => {
    const restored = restoreExport(openExport(sealed, 'moving house'), { sealed: true });
    expect(restored.ok).toBe(true);
    if (!restored.ok) return;
    expect(restored.log.entries).toEqual(log.entries);
    expect(restored.log.batches).toEqual(log.batches);
    expect(restored.log.secretKey).toEqual(log.key.secretKey);
    expect(restored.log.devicePublicKey).toBe(log.key.publicKey);
  });

  it('lets the chain continue: new entries and batches after the restored ones verify', () => {
    const restored = restoreExport(openExport(sealed, 'moving house'), { sealed: true });
    if (!restored.ok) throw new Error(restored.reason);
    const key = signingKeyFromSecret(restored.log.secretKey as Uint8Array);
    const entries = restored.log.entries.slice();
    const firstNew = entries.length;
    for (let i = 0; i < 30; i++)
      entries.push(nextEntry(entries.at(-1), 'analysis', sampleAnalysisBody(1000 + i), 2e12 + i) as LogEntry);
    const batches = [...restored.log.batches, sealBatch(entries.slice(firstNew), 2e12 + 99, key)];
    expect(verifyExport(exportBytes({ key, created: 2e12 + 100, entries, batches }))).toMatchObject({
      ok: true,
      entries: log.entries.length + 30,
      redacted: 1,
    });
  });

  it('restores nothing from an export that does not verify', () => {
    const plain = exportBytes(log);
    const broken = plain.slice();
    const at = plain.indexOf(0x0a) + 40;
    broken[at] = (broken[at] as number) ^ 1;
    expect(restoreExport(broken)).toMatchObject({ ok: false, line: 2 });
  });
});
