import { FEATURE_DIM } from '../features-spec.ts';

/*
 * An independent JavaScript rendering of the feature recipe documented in assembly/features.ts, over text
 * that is already normalised. Tests compare the WASM output with it, so a change on either side shows.
 */

export function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function featureTokens(normalized: string): string[] {
  const runs = normalized.match(/[a-z0-9']+/g) ?? [];
  return runs.map((run) => run.replace(/^'+|'+$/g, '')).filter((token) => token.length > 0);
}

/** Every hashed key of the text, in order, duplicates kept. */
export function featureKeys(normalized: string): string[] {
  const keys: string[] = [];
  const tokens = featureTokens(normalized);
  tokens.forEach((token, i) => {
    keys.push(`w:${token}`);
    if (i > 0) keys.push(`b:${tokens[i - 1]} ${token}`);
    const marked = `^${token}$`;
    for (let j = 0; j + 3 <= marked.length; j++) keys.push(`c:${marked.slice(j, j + 3)}`);
  });
  return keys;
}

export function featureIndex(key: string): number {
  return fnv1a(key) % FEATURE_DIM;
}

export function referenceFeatures(normalized: string): Float32Array {
  const counts = new Float64Array(FEATURE_DIM);
  for (const key of featureKeys(normalized)) counts[featureIndex(key)] = (counts[featureIndex(key)] ?? 0) + 1;
  const values = counts.map((count) => Math.log1p(count));
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => (norm > 0 ? v / norm : 0));
}
