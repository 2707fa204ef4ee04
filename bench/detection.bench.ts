import { loadCoreFromDisk, readLexiconFromDisk } from '../wasm-core/node.ts';
import { RegexDetector } from './baselines/regex-detector.ts';
import { assistantReplies } from './corpus.ts';
import { throughput } from './stats.ts';

/**
 * (a) the WASM core: normalise + match + features, no model; (b) the regex baseline on the same texts.
 * Both in one run on one corpus, so the ratio holds whatever else the machine is doing.
 */
export async function benchDetection(): Promise<{ wasmMBs: number; regexMBs: number; ratio: number }> {
  const core = await loadCoreFromDisk();
  const lexicon = await readLexiconFromDisk();
  core.loadLexicon(lexicon);
  const regex = new RegexDetector(lexicon);
  const corpus = assistantReplies(1000, 40);

  const wasm = throughput(corpus, (text) => core.analyzeText(text));
  const baseline = throughput(corpus, (text) => regex.detect(text));
  return { wasmMBs: wasm / 1e6, regexMBs: baseline / 1e6, ratio: wasm / baseline };
}
