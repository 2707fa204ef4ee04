import { FeatureSlab } from './feature-slab.ts';
import { FEATURE_DIM, FEATURE_VERSION } from './features-spec.ts';
import {
  type LexiconEntry,
  type LexiconPack,
  LexiconPackError,
  validateLexiconPack,
} from './lexicon-pack.ts';
import { TECHNIQUE_IDS, type TechniqueId } from './taxonomy.ts';

/** Perimeter size bound: longer input is analysed up to this many UTF-16 code units (assembly/index.ts). */
export const MAX_INPUT_LENGTH = 262144;

export interface CoreMatch {
  technique: TechniqueId;
  /** Index of the phrase in the pack's list for this technique. */
  phrase: number;
  weight: number;
  /**
   * Index of the pack in the list given to loadLexicons() (0 with loadLexicon()). The core always sets it;
   * it is optional only so that matches written by hand (tests) need not.
   */
  pack?: number;
  /** Half-open range of UTF-16 code units in the ORIGINAL text. */
  start: number;
  end: number;
}

/** A cue (a pack's `cues` section) found in the text. */
export interface CueMatch {
  kind: string;
  /** Index of the phrase in the pack's list for this cue kind. */
  phrase: number;
  /** Index of the pack in the list given to loadLexicons(). */
  pack: number;
  /** Half-open range of UTF-16 code units in the ORIGINAL text. */
  start: number;
  end: number;
}

export interface CoreScan {
  matches: CoreMatch[];
  cues: CueMatch[];
  truncated: boolean;
}

/**
 * The non-zero hashed features: `indices[k]` is a bucket in [0, FEATURE_DIM) holding `values[k]`. Each index
 * appears once, in the order the text first hit it (deterministic, not sorted).
 */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

export interface CoreAnalysis extends CoreScan {
  /** Hashed features of the (possibly truncated) text, FEATURE_DIM values (made dense on first read). */
  readonly features: Float32Array;
  /** The same features, non-zero entries only. */
  sparseFeatures: SparseFeatures;
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

/**
 * The perimeter's matching view (assembly/match-view.ts): what lexicon phrases are matched against.
 * U+0001 in `text` stands for "i or l" (a 1 or | read as a letter).
 */
export interface MatchView extends NormalizedText {
  /** 1 where the unit belongs to spelled-out text ("a c t", "n.o.w"), where word boundaries are unknown. */
  soft: Uint8Array;
}

/** Writes sparse features into a dense vector (a new one unless `out` is given; `out` is zeroed first). */
export function densifyFeatures(
  sparse: SparseFeatures,
  out: Float32Array = new Float32Array(FEATURE_DIM),
  offset = 0,
): Float32Array {
  out.fill(0, offset, offset + FEATURE_DIM);
  const { indices, values } = sparse;
  for (let k = 0; k < indices.length; k++) out[offset + (indices[k] as number)] = values[k] as number;
  return out;
}

class Analysis implements CoreAnalysis {
  #dense: Float32Array | null = null;

  constructor(
    readonly matches: CoreMatch[],
    readonly cues: CueMatch[],
    readonly truncated: boolean,
    readonly sparseFeatures: SparseFeatures,
    readonly analysedLength: number,
  ) {}

  get features(): Float32Array {
    this.#dense ??= densifyFeatures(this.sparseFeatures);
    return this.#dense;
  }
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
  viewPointer(): number;
  viewUnitCount(): number;
  viewStartsPointer(): number;
  viewEndsPointer(): number;
  matchesPointer(): number;
  matchesLength(): number;
  featureIndicesPointer(): number;
  featureValuesPointer(): number;
  featuresLength(): number;
  lexiconReset(): void;
  lexiconFold(length: number): number;
  lexiconAddFolded(): number;
  lexiconPhrasePointer(): number;
  lexiconPhraseLength(): number;
  lexiconBuild(): number;
  rulesTableBuffer(length: number): number;
  rulesConstantsBuffer(count: number): number;
  rulesBuild(): number;
  rulesFactValuesPointer(): number;
  rulesFactPresentPointer(): number;
  rulesEvaluate(): void;
  rulesRuleFlagsPointer(): number;
  rulesPrincipleResultsPointer(): number;
}

/** A compiled rule table (wasm-core/constitution/rule-compiler.ts) as the core's rule evaluator takes it. */
export interface CoreRuleTable {
  table: Int32Array;
  constants: Float64Array;
}

/** Views of the rule evaluator's buffers (see WasmCore.ruleBuffers). */
export interface RuleBuffers {
  values: Float64Array;
  present: Uint8Array;
  flags: Uint8Array;
  principles: Int32Array;
}

interface RuleViews extends RuleBuffers {
  buffer: ArrayBuffer;
}

const MODE_MATCH = 1;
const MODE_FEATURES = 2;
const MODE_VIEW = 4;
const RESULT_TRUNCATED = 1;
const MATCH_RECORD = 3;
/** Flags in the high bits of the view's start offsets (assembly/match-view.ts). */
const VIEW_SOFT = 1 << 30;
const VIEW_OFFSET_MASK = (1 << 29) - 1;

/** What a phrase id of the core stands for. */
type PhraseRef =
  | { cue: false; technique: TechniqueId; index: number; weight: number; pack: number }
  | { cue: true; kind: string; index: number; pack: number };

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

interface NodeBufferView {
  readonly buffer: ArrayBufferLike;
  write(text: string, offset: number, length: number, encoding: 'utf16le'): number;
}

/** Node's Buffer, where there is one (not in the extension): a native copy of a string's UTF-16 code units. */
const nodeBuffer = (
  globalThis as {
    Buffer?: {
      from(buffer: ArrayBuffer, offset: number, length: number): NodeBufferView;
    };
  }
).Buffer;

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
 * The AssemblyScript core: the perimeter (normalisation and the matching view, each with an offset map), the
 * Aho–Corasick phrase matcher and hashed features. Strings are copied into the core's input buffer; results
 * are read from the core's reusable buffers right after each call (any later call may move them), so nothing
 * needs pinning. Not re-entrant: one call at a time, which JavaScript's single thread guarantees.
 */
export class WasmCore {
  readonly #module: WebAssembly.Module;
  #exports: CoreExports;
  #broken = false;
  #packs: readonly LexiconPack[] = [];
  #phrases: PhraseRef[] = [];
  #ruleTable: CoreRuleTable | null = null;
  #ruleViews: RuleViews | null = null;
  #featureSlab = new FeatureSlab();
  /** A Node Buffer over the core's memory, for #write(); replaced when the memory grows. */
  #memoryBytes: NodeBufferView | null = null;

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
    if (typeof exports.viewPointer !== 'function' || typeof exports.featureIndicesPointer !== 'function') {
      throw new Error('wasm core is older than this code: rebuild it with npm run build:wasm');
    }
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

  /** The first pack loaded by loadLexicon()/loadLexicons(), or null. */
  get lexicon(): LexiconPack | null {
    return this.#packs[0] ?? null;
  }

  /** Every pack loaded, in the order given (a match's or cue's `pack` indexes this list). */
  get lexicons(): readonly LexiconPack[] {
    return this.#packs;
  }

  /** loadLexicons([pack]). */
  loadLexicon(pack: LexiconPack): void {
    this.loadLexicons([pack]);
  }

  /**
   * Validates the packs and builds one matcher from all their phrases, techniques and cues alike. Throws
   * LexiconPackError naming every problem, including phrases of one technique or cue kind that only collide,
   * or vanish, once folded by the perimeter; the packs loaded before, if any, then stay in use.
   */
  loadLexicons(packs: readonly LexiconPack[]): void {
    if (!Array.isArray(packs) || packs.length === 0) {
      throw new LexiconPackError('(none)', ['loadLexicons needs at least one pack']);
    }
    const valid = packs.map((pack) => validateLexiconPack(pack));
    const previous = this.#packs;
    this.#run(() => {
      try {
        this.#buildLexicons(valid);
      } catch (error) {
        if (previous.length > 0) this.#buildLexicons(previous);
        throw error;
      }
    });
  }

  #buildLexicons(packs: readonly LexiconPack[]): void {
    const core = this.#exports;
    core.lexiconReset();
    this.#packs = [];
    this.#phrases = [];
    const problems: string[] = [];
    const phrases: PhraseRef[] = [];
    const prefix = packs.length > 1 ? (pack: LexiconPack) => `${pack.id}: ` : () => '';
    /*
     * Two phrases of one technique (or cue kind) that normalise alike are a mistake in the pack. Phrases that
     * only the matching view folds alike ("counsellor" and "counselor", "sure-fire" and "surefire") are one
     * phrase to the matcher: the later ones become aliases of the first, whose matches carry the highest
     * weight among them, so one occurrence counts once.
     */
    const add = (
      pack: LexiconPack,
      at: string,
      list: readonly { phrase: string; weight?: number }[],
      ref: (index: number) => PhraseRef,
    ) => {
      const normalizedSeen = new Map<string, number>();
      const foldedSeen = new Map<string, PhraseRef>();
      list.forEach((entry, index) => {
        const where = `${prefix(pack)}${at}[${index}]`;
        if (core.lexiconFold(this.#write(entry.phrase)) === 0) {
          problems.push(`${where}: "${entry.phrase}" is empty once normalised`);
          return;
        }
        const normalized = this.#readNormalized();
        const first = normalizedSeen.get(normalized);
        if (first !== undefined) {
          problems.push(`${where}: duplicate phrase "${entry.phrase}" (normalises like [${first}])`);
          return;
        }
        normalizedSeen.set(normalized, index);
        const folded = this.#readPhraseForm();
        const alias = foldedSeen.get(folded);
        if (alias) {
          if (!alias.cue && entry.weight !== undefined) alias.weight = Math.max(alias.weight, entry.weight);
          return;
        }
        const phrase = ref(index);
        foldedSeen.set(folded, phrase);
        phrases[core.lexiconAddFolded()] = phrase;
      });
    };
    packs.forEach((pack, p) => {
      for (const technique of TECHNIQUE_IDS) {
        const entries = pack.techniques[technique] ?? [];
        add(pack, `techniques.${technique}`, entries, (index) => ({
          cue: false,
          technique,
          index,
          weight: (entries[index] as LexiconEntry).weight,
          pack: p,
        }));
      }
      for (const [kind, entries] of Object.entries(pack.cues ?? {})) {
        add(pack, `cues.${kind}`, entries, (index) => ({ cue: true, kind, index, pack: p }));
      }
    });
    if (problems.length === 0) {
      const states = core.lexiconBuild();
      if (states === -2) problems.push('too many distinct characters and phrases for the matcher');
      else if (states < 0) problems.push('the packs have no phrases');
    }
    if (problems.length > 0) {
      core.lexiconReset();
      throw new LexiconPackError(packs.map((pack) => `"${pack.id}"`).join(', '), problems);
    }
    this.#packs = packs;
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

  /** The matching view the lexicon is matched against, with its offset map (assembly/match-view.ts). */
  matchView(text: string): MatchView {
    return this.#run(() => {
      const truncated = this.#analyze(text, MODE_VIEW);
      const core = this.#exports;
      const length = core.viewUnitCount();
      const buffer = core.memory.buffer;
      const starts = new Int32Array(buffer, core.viewStartsPointer() >>> 0, length).slice();
      return {
        text: length === 0 ? '' : utf16.decode(new Uint16Array(buffer, core.viewPointer() >>> 0, length)),
        starts: starts.map((start) => start & VIEW_OFFSET_MASK),
        ends: new Int32Array(buffer, core.viewEndsPointer() >>> 0, length).slice(),
        soft: Uint8Array.from(starts, (start) => (start & VIEW_SOFT ? 1 : 0)),
        truncated,
      };
    });
  }

  /** Every lexicon phrase and cue occurring in the text, with spans in the original text. */
  scan(text: string): CoreScan {
    return this.#run(() => {
      const truncated = this.#analyze(text, MODE_MATCH);
      const matches: CoreMatch[] = [];
      const cues: CueMatch[] = [];
      this.#readMatches(matches, cues);
      return { matches, cues, truncated };
    });
  }

  /** Hashed features (FEATURE_DIM values, unit L2 norm or all zero) of the normalised text. */
  features(text: string): Float32Array {
    return densifyFeatures(this.sparseFeatures(text));
  }

  /** The same features as features(), non-zero entries only: what a trainer or a sparse model wants. */
  sparseFeatures(text: string): SparseFeatures {
    return this.#run(() => {
      this.#analyze(text, MODE_FEATURES);
      return this.#readFeatures();
    });
  }

  /** Matches, cues and features in one pass over the text. */
  analyzeText(text: string): CoreAnalysis {
    // #run() inlined: the hottest call makes no closure per text.
    if (this.#broken) this.#reinstantiate();
    try {
      const truncated = this.#analyze(text, MODE_MATCH | MODE_FEATURES);
      const matches: CoreMatch[] = [];
      const cues: CueMatch[] = [];
      this.#readMatches(matches, cues);
      return new Analysis(
        matches,
        cues,
        truncated,
        this.#readFeatures(),
        this.#exports.analysedInputLength(),
      );
    } catch (error) {
      this.#broken = true;
      throw error;
    }
  }

  /**
   * Runs a call into the core. A trap (out of memory, a bug) leaves the instance in an unknown state, so the
   * next call starts from a fresh instance of the same module with the lexicons loaded again.
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
    const packs = this.#packs;
    if (packs.length > 0) this.#buildLexicons(packs);
    if (this.#ruleTable) this.#writeRuleTable(this.#ruleTable);
  }

  /** The rule table loaded last, or null. */
  get ruleTable(): CoreRuleTable | null {
    return this.#ruleTable;
  }

  /**
   * Loads a compiled rule table into the core's rule evaluator (replacing the one loaded before); it is
   * loaded again if the core is ever reinstantiated.
   */
  loadRuleTable(rules: CoreRuleTable): void {
    if (typeof this.#exports.rulesBuild !== 'function') {
      throw new Error(
        'wasm core is older than this code (no rule evaluator): rebuild it with npm run build:wasm',
      );
    }
    this.#run(() => this.#writeRuleTable(rules));
    this.#ruleTable = rules;
  }

  /**
   * The rule evaluator's buffers, views into the core's memory: per fact slot a value and a present flag
   * (written by the host), per rule row the flags of the last run (1 fired, 2 defeated), per principle its
   * status and deciding row (or -1). Valid until the next call into the core other than runRules(): take
   * them, write the facts, run, read the results.
   */
  ruleBuffers(): RuleBuffers {
    if (this.#broken) this.#reinstantiate();
    const table = this.#ruleTable;
    if (table === null) throw new Error('no rule table loaded: call loadRuleTable first');
    const views = this.#ruleViews;
    if (views !== null && views.buffer === this.#exports.memory.buffer) return views;
    return this.#makeRuleViews(table);
  }

  /** Evaluates the loaded rule table over the facts in ruleBuffers(); allocates nothing. */
  runRules(): void {
    if (this.#broken) this.#reinstantiate();
    try {
      this.#exports.rulesEvaluate();
    } catch (error) {
      this.#broken = true;
      throw error;
    }
  }

  #writeRuleTable(rules: CoreRuleTable): void {
    const core = this.#exports;
    this.#ruleViews = null;
    const tablePointer = core.rulesTableBuffer(rules.table.length) >>> 0;
    new Int32Array(core.memory.buffer, tablePointer, rules.table.length).set(rules.table);
    const constantsPointer = core.rulesConstantsBuffer(rules.constants.length) >>> 0;
    new Float64Array(core.memory.buffer, constantsPointer, rules.constants.length).set(rules.constants);
    const code = core.rulesBuild();
    if (code !== 0) throw new Error(`wasm core rejected the compiled rule table (code ${code})`);
    this.#makeRuleViews(rules);
  }

  #makeRuleViews(rules: CoreRuleTable): RuleViews {
    const core = this.#exports;
    const buffer = core.memory.buffer;
    const slots = rules.table[1] as number;
    const principles = rules.table[3] as number;
    const views: RuleViews = {
      buffer: buffer as ArrayBuffer,
      values: new Float64Array(buffer, core.rulesFactValuesPointer() >>> 0, slots),
      present: new Uint8Array(buffer, core.rulesFactPresentPointer() >>> 0, slots),
      flags: new Uint8Array(buffer, core.rulesRuleFlagsPointer() >>> 0, rules.table[2] as number),
      principles: new Int32Array(buffer, core.rulesPrincipleResultsPointer() >>> 0, principles * 2),
    };
    this.#ruleViews = views;
    return views;
  }

  /** Copies the part of `text` the core reads into its input buffer; returns text.length. */
  #write(text: string): number {
    const core = this.#exports;
    const n = Math.min(text.length, MAX_INPUT_LENGTH);
    const pointer = core.inputBuffer(n) >>> 0;
    if (nodeBuffer && n > 64) {
      // Node's native UTF-16LE writer copies code units as they are (lone surrogates included). One Buffer
      // over the whole memory serves every call until the memory grows (which replaces memory.buffer).
      const buffer = core.memory.buffer;
      if (this.#memoryBytes?.buffer !== buffer)
        this.#memoryBytes = nodeBuffer.from(buffer, 0, buffer.byteLength);
      this.#memoryBytes.write(text, pointer, n * 2, 'utf16le');
    } else {
      const view = new Uint16Array(core.memory.buffer, pointer, n);
      for (let i = 0; i < n; i++) view[i] = text.charCodeAt(i);
    }
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

  #readPhraseForm(): string {
    const core = this.#exports;
    const length = core.lexiconPhraseLength();
    if (length === 0) return '';
    return utf16.decode(new Uint16Array(core.memory.buffer, core.lexiconPhrasePointer() >>> 0, length));
  }

  #readMatches(matches: CoreMatch[], cues: CueMatch[]): void {
    const core = this.#exports;
    const count = core.matchesLength();
    if (count === 0) return;
    const data = new Int32Array(core.memory.buffer, core.matchesPointer() >>> 0, count * MATCH_RECORD);
    for (let at = 0; at < data.length; at += MATCH_RECORD) {
      const phrase = this.#phrases[data[at] as number];
      if (!phrase) continue;
      const start = data[at + 1] as number;
      const end = data[at + 2] as number;
      if (phrase.cue) {
        cues.push({ kind: phrase.kind, phrase: phrase.index, pack: phrase.pack, start, end });
      } else {
        matches.push({
          technique: phrase.technique,
          phrase: phrase.index,
          weight: phrase.weight,
          pack: phrase.pack,
          start,
          end,
        });
      }
    }
  }

  #readFeatures(): SparseFeatures {
    const core = this.#exports;
    const count = core.featuresLength();
    const buffer = core.memory.buffer;
    return this.#featureSlab.copy(
      new Int32Array(buffer, core.featureIndicesPointer() >>> 0, count),
      new Float32Array(buffer, core.featureValuesPointer() >>> 0, count),
    );
  }
}
