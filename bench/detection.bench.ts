import { loadCoreFromDisk, readLexiconFromDisk } from '../wasm-core/node.ts';
import { RegexDetector } from './baselines/regex-detector.ts';
import { assistantReplies } from './corpus.ts';
import { throughputs } from './stats.ts';

/**
 * (a) the WASM core: normalise + match + features, no model, results read back into JavaScript objects as
 * the analyzer gets them; (b) the regex baseline on the same texts. Both in one run on one corpus, taking
 * turns (stats.ts), so the ratio holds whatever else the machine is doing.
 */
export async function benchDetection(): Promise<{
  wasmMBs: number;
  regexMBs: number;
  ratio: number;
  wasmMedianMBs: number;
  regexMedianMBs: number;
}> {
  const core = await loadCoreFromDisk();
  const lexicon = await readLexiconFromDisk();
  core.loadLexicon(lexicon);
  const regex = new RegexDetector(lexicon);
  const corpus = assistantReplies(1000, 40);

  const [wasm, baseline] = throughputs(corpus, [
    (text) => core.analyzeText(text),
    (text) => regex.detect(text),
  ]);
  if (!wasm || !baseline) throw new Error('throughputs() measured fewer functions than it was given');
  return {
    wasmMBs: wasm.best / 1e6,
    regexMBs: baseline.best / 1e6,
    ratio: wasm.best / baseline.best,
    wasmMedianMBs: wasm.median / 1e6,
    regexMedianMBs: baseline.median / 1e6,
  };
}
