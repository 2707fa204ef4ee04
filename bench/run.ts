import { benchAnalyze } from './analyze.bench.ts';
import { benchDetection } from './detection.bench.ts';
import { benchLogAppend } from './log-append.bench.ts';
import { benchLogVerify } from './log-verify.bench.ts';
import { benchRules } from './rules.bench.ts';

/** Every benchmark runs against a baseline in the same run and prints a ratio, not a bare timing. */
const detection = await benchDetection();
console.log(
  'detection (normalise + match + features, no model), 1,000-word assistant replies, best round (median round)',
);
console.log(
  `  wasm core        ${detection.wasmMBs.toFixed(1)} MB/s   (${detection.wasmMedianMBs.toFixed(1)})`,
);
console.log(
  `  regex baseline   ${detection.regexMBs.toFixed(1)} MB/s   (${detection.regexMedianMBs.toFixed(1)})`,
);
console.log(`  ratio wasm/regex ${detection.ratio.toFixed(1)}×`);

const analyze = await benchAnalyze();
console.log('analyze() of a 1,000-word reply, model included');
console.log(
  `  p50 ${analyze.p50.toFixed(2)} ms   p95 ${analyze.p95.toFixed(2)} ms   (${analyze.samples} runs)`,
);

const rules = await benchRules();
console.log(
  `constitution rules (${rules.rules} rules, ${rules.factSets} fact sets, facts object in, outcome out)`,
);
console.log(`  wasm evaluator     ${Math.round(rules.wasmPerSecond).toLocaleString('en')} evals/s`);
console.log(`  json-rules-engine  ${Math.round(rules.baselinePerSecond).toLocaleString('en')} evals/s`);
console.log(`  ratio wasm/jre     ${rules.ratio.toFixed(1)}×`);

const logVerify = benchLogVerify();
console.log(
  `cogfw verify of a ${logVerify.entries.toLocaleString('en')}-entry export (${(logVerify.bytes / 1e6).toFixed(1)} MB), best of 5`,
);
console.log(`  verify           ${logVerify.verifySeconds.toFixed(2)} s`);
console.log(`  SHA-256 alone    ${logVerify.sha256Seconds.toFixed(2)} s`);
console.log(`  ratio            ${logVerify.ratio.toFixed(2)}×`);

const logAppend = await benchLogAppend();
if (logAppend.skipped) {
  console.log(`log append into IndexedDB in Chromium: skipped. ${logAppend.reason}`);
} else {
  console.log(
    `log append into IndexedDB in Chromium, ${logAppend.entries.toLocaleString('en')} entries one transaction each, ${logAppend.batches} signed batches, best of 3`,
  );
  console.log(
    `  store (chain + batches) ${Math.round(logAppend.storePerSecond).toLocaleString('en')} entries/s`,
  );
  console.log(
    `  raw IndexedDB put       ${Math.round(logAppend.rawPerSecond).toLocaleString('en')} entries/s`,
  );
  console.log(`  ratio store/raw         ${logAppend.ratio.toFixed(2)}×`);
}
