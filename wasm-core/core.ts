import { FEATURE_DIM, FEATURE_VERSION } from './features-spec.ts';
import { type LexiconPack, LexiconPackError, validateLexiconPack } from './lexicon-pack.ts';
import { TECHNIQUE_IDS, type TechniqueId, techniqueIndex } from './taxonomy.ts';

/** Perimeter size bound: longer input is analysed up to this many UTF-16 code units (assembly/index.ts). */
export const MAX_INPUT_LENGTH = 262144;

export interface CoreMatch {
  technique: TechniqueId;
  /** Index of the phrase in the pack's list for this technique. */
  phrase: number;
  weight: number;
  /** Half-open range of UTF-16 code units in the ORIGINAL text. */
  start: number;
  end: number;
}

export interface CoreScan {
  matches: CoreMatch[];
  truncated: boolean;
}

export interface CoreAnalysis extends CoreScan {
  /** Hashed features of the (possibly truncated) text, FEATURE_DIM values. */
  features: Float32Array;
  /** Code units of the original text that were analysed. */
  analysedLength: number;
}

export interface NormalizedText {
  text: string;
  /** For each code unit of `text`: where its source starts in the original. */
  starts: Int32Array;
  /** For each code unit of `text`: where its source ends in the original (exclusive). */
  ends: Int32Array;
  truncated: boolean;
}

/** The numbers-only interface of build/wasm/core.wasm (see assembly/index.ts). */
interface CoreExports {
  memory: WebAssembly.Memory;
  featureDim(): number;
  featureVersion(): number;
  maxInputLength(): number;
  inputBuffer(length: number): number;
  analyze(length: number, mode: number): number;
  analysedInputLength(): number;
  normalizedPointer(): number;
  normalizedLength(): number;
  sourceStartsPointer(): number;
  sourceEndsPointer(): number;
  matchesPointer(): number;
  matchesLength(): number;
  featuresPointer(): number;
  lexiconReset(): void;
  lexiconAdd(length: number, technique: number): number;
  lexiconBuild(): number;
}

const MODE_MATCH = 1;
const MODE_FEATURES = 2;
const RESULT_TRUNCATED = 1;

interface PhraseRef {
  technique: TechniqueId;
  index: number;
  weight: number;
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

function coreImports(getMemory: () => WebAssembly.Memory | undefined): WebAssembly.Imports {
  return {
    env: {
      abort(message: number, fileName: number, line: number, column: number): never {
        const memory = getMemory();
        const text = (pointer: number) => {
          if (!memory || pointer === 0) return '';
          const bytes = new Uint32Array(memory.buffer, (pointer >>> 0) - 4, 1)[0] ?? 0;
          return utf16.decode(new Uint16Array(memory.buffer, pointer >>> 0, bytes >>> 1));
        };
        throw new Error(`wasm core aborted: ${text(message)} at ${text(fileName)}:${line}:${column}`);
      },
    },
  };
}

/**
 * The AssemblyScript core: normalisation with an offset map, the Aho–Corasick phrase matcher and hashed
 * features. Strings are copied into the core's input buffer; results are read from the core's reusable
 * buffers right after each call (any later call may move them), so nothing needs pinning.
 * Not re-entrant: one call at a time, which JavaScript's single thread guarantees.
 */
export class WasmCore {
  readonly #module: WebAssembly.Module;
  #exports: CoreExports;
  #broken = false;
  #lexicon: LexiconPack | null = null;
  #phrases: PhraseRef[] = [];

  private constructor(module: WebAssembly.Module, exports: CoreExports) {
    this.#module = module;
    this.#exports = exports;
  }

  static async load(wasm: BufferSource | WebAssembly.Module): Promise<WasmCore> {
    const module = wasm instanceof WebAssembly.Module ? wasm : await WebAssembly.compile(wasm);
    let memory: WebAssembly.Memory | undefined;
    const instance = await WebAssembly.instantiate(
      module,
      coreImports(() => memory),
    );
    const exports = instance.exports as unknown as CoreExports;
    memory = exports.memory;
    WasmCore.#checkFormat(exports);
    return new WasmCore(module, exports);
  }

  static #checkFormat(exports: CoreExports): void {
    if (exports.featureDim() !== FEATURE_DIM || exports.featureVersion() !== FEATURE_VERSION) {
      throw new Error(
        `wasm core computes features v${exports.featureVersion()} × ${exports.featureDim()}, this code expects ` +
          `v${FEATURE_VERSION} × ${FEATURE_DIM}: rebuild it with npm run build:wasm`,
      );
    }
    if (exports.maxInputLength() !== MAX_INPUT_LENGTH) {
      throw new Error('wasm core has a different input bound: rebuild it with npm run build:wasm');
    }
  }

  /** The pack loaded by loadLexicon(), or null. */
  get lexicon(): LexiconPack | null {
    return this.#lexicon;
  }

  /**
   * Validates the pack and builds the matcher from its phrases. Throws LexiconPackError naming every
   * problem, including phrases that only collide, or vanish, after normalisation; the lexicon loaded
   * before, if any, then stays in use.
   */
  loadLexicon(pack: LexiconPack): void {
    const valid = validateLexiconPack(pack);
    const previous = this.#lexicon;
    this.#run(() => {
      try {
        this.#buildLexicon(valid);
      } catch (error) {
        if (previous) this.#buildLexicon(previous);
        throw error;
      }
    });
  }

  #buildLexicon(pack: LexiconPack): void {
    const core = this.#exports;
    core.lexiconReset();
    this.#lexicon = null;
    this.#phrases = [];
    const problems: string[] = [];
    const phrases: PhraseRef[] = [];
    for (const technique of TECHNIQUE_IDS) {
      const seen = new Map<string, number>();
      (pack.techniques[technique] ?? []).forEach((entry, index) => {
        const at = `techniques.${technique}[${index}]`;
        const id = core.lexiconAdd(this.#write(entry.phrase), techniqueIndex(technique));
        if (id < 0) {
          problems.push(`${at}: "${entry.phrase}" is empty once normalised`);
          return;
        }
        const normalized = this.#readNormalized();
        const first = seen.get(normalized);
        if (first !== undefined) {
          problems.push(`${at}: duplicate phrase "${entry.phrase}" (normalises like [${first}])`);
        }
        seen.set(normalized, index);
        phrases[id] = { technique, index, weight: entry.weight };
      });
    }
    if (problems.length === 0) {
      const states = core.lexiconBuild();
      if (states === -2) problems.push('too many distinct characters and phrases for the matcher');
      else if (states < 0) problems.push('the pack has no phrases');
    }
    if (problems.length > 0) {
      core.lexiconReset();
      throw new LexiconPackError(`"${pack.id}"`, problems);
    }
    this.#lexicon = pack;
    this.#phrases = phrases;
  }

  /** The normalised text (of the first MAX_INPUT_LENGTH code units; normalizeWithOffsets says if it cut). */
  normalize(text: string): string {
    return this.#run(() => {
      this.#analyze(text, 0);
      return this.#readNormalized();
    });
  }

  /** The normalised text with, for each of its code units, the range of the original it came from. */
  normalizeWithOffsets(text: string): NormalizedText {
    return this.#run(() => {
      const truncated = this.#analyze(text, 0);
      const core = this.#exports;
      const length = core.normalizedLength();
      const buffer = core.memory.buffer;
      return {
        text: this.#readNormalized(),
        starts: new Int32Array(buffer, core.sourceStartsPointer() >>> 0, length).slice(),
        ends: new Int32Array(buffer, core.sourceEndsPointer() >>> 0, length).slice(),
        truncated,
      };
    });
  }

  /** Every lexicon phrase occurring in the text at word boundaries, with spans in the original text. */
  scan(text: string): CoreScan {
    return this.#run(() => {
      const truncated = this.#analyze(text, MODE_MATCH);
      return { matches: this.#readMatches(), truncated };
    });
  }

  /** Hashed features (FEATURE_DIM values, unit L2 norm or all zero) of the normalised text. */
  features(text: string): Float32Array {
    return this.#run(() => {
      this.#analyze(text, MODE_FEATURES);
      return this.#readFeatures();
    });
  }

  /** Matches and features in one pass over the text. */
  analyzeText(text: string): CoreAnalysis {
    return this.#run(() => {
      const truncated = this.#analyze(text, MODE_MATCH | MODE_FEATURES);
      return {
        matches: this.#readMatches(),
        truncated,
        features: this.#readFeatures(),
        analysedLength: this.#exports.analysedInputLength(),
      };
    });
  }

  /**
   * Runs a call into the core. A trap (out of memory, a bug) leaves the instance in an unknown state, so the
   * next call starts from a fresh instance of the same module with the lexicon loaded again.
   */
  #run<T>(call: () => T): T {
    if (this.#broken) this.#reinstantiate();
    try {
      return call();
    } catch (error) {
      if (error instanceof LexiconPackError) throw error;
      this.#broken = true;
      throw error;
    }
  }

  #reinstantiate(): void {
    let memory: WebAssembly.Memory | undefined;
    const instance = new WebAssembly.Instance(
      this.#module,
      coreImports(() => memory),
    );
    this.#exports = instance.exports as unknown as CoreExports;
    memory = this.#exports.memory;
    this.#broken = false;
    const lexicon = this.#lexicon;
    if (lexicon) this.#buildLexicon(lexicon);
  }

  /** Copies the part of `text` the core reads into its input buffer; returns text.length. */
  #write(text: string): number {
    const core = this.#exports;
    const n = Math.min(text.length, MAX_INPUT_LENGTH);
    const pointer = core.inputBuffer(n) >>> 0;
    const view = new Uint16Array(core.memory.buffer, pointer, n);
    for (let i = 0; i < n; i++) view[i] = text.charCodeAt(i);
    return text.length;
  }

  #analyze(text: string, mode: number): boolean {
    const length = this.#write(text);
    return (this.#exports.analyze(length, mode) & RESULT_TRUNCATED) !== 0;
  }

  #readNormalized(): string {
    const core = this.#exports;
    const length = core.normalizedLength();
    if (length === 0) return '';
    return utf16.decode(new Uint16Array(core.memory.buffer, core.normalizedPointer() >>> 0, length));
  }

  #readMatches(): CoreMatch[] {
    const core = this.#exports;
    const count = core.matchesLength();
    const data = new Int32Array(core.memory.buffer, core.matchesPointer() >>> 0, count * 4);
    const matches: CoreMatch[] = [];
    for (let m = 0; m < count; m++) {
      const phrase = this.#phrases[data[m * 4] as number];
      if (!phrase) continue;
      matches.push({
        technique: phrase.technique,
        phrase: phrase.index,
        weight: phrase.weight,
        start: data[m * 4 + 2] as number,
        end: data[m * 4 + 3] as number,
      });
    }
    return matches;
  }

  #readFeatures(): Float32Array {
    const core = this.#exports;
    return new Float32Array(core.memory.buffer, core.featuresPointer() >>> 0, FEATURE_DIM).slice();
  }
}
