import type {
  AssistantState,
  ConstitutionOutcome,
  PrincipleId,
  PrincipleStatus,
  ProtectionLevelId,
  ReplyAction,
  RulePack,
} from './constitution/rule-pack.ts';
import type { TechniqueId } from './taxonomy.ts';

/** A half-open range of UTF-16 code units in the ORIGINAL (un-normalised) text. */
export interface Span {
  start: number;
  end: number;
}

/** Which detector produced a finding's evidence. */
export type FindingSource = 'lexicon' | 'model' | 'context';

export interface Finding {
  technique: TechniqueId;
  /** Final, calibrated score in [0, 1]; a finding exists only when it passes the technique's threshold. */
  score: number;
  lexiconScore: number;
  modelScore: number;
  /** Evidence in the original text; empty when only the model fired. */
  spans: Span[];
  sources: FindingSource[];
}

export type RiskLevel = 'none' | 'low' | 'medium' | 'high';

export interface AnalysisResult {
  /** Identifies the detector that produced this result, e.g. "lexicon core-en@1 + model tech-hash@1". */
  engine: string;
  /** Length of the input in UTF-16 code units. */
  length: number;
  /** True when the input exceeded the size bound and only a prefix was analysed. */
  truncated: boolean;
  findings: Finding[];
  /** Final score for every technique (including those under threshold). */
  scores: Record<TechniqueId, number>;
  /** Overall risk in [0, 1]. */
  risk: number;
  level: RiskLevel;
  /** Conversation-level patterns (contextual layer, wasm-core/context/); all false without history or signals. */
  patterns: ContextualPatterns;
  /** Flags derived from the user's previous message; the message itself is never kept. */
  userSignals: UserSignals;
  /** Every principle's status with the rules that fired and were defeated (SPEC §5), all ten. */
  constitution: ConstitutionOutcome;
  /** What the extension does with this reply at the protection level it was analysed under (SPEC §6). */
  action: ReplyAction;
  /**
   * Set when the personal constitution could not be used (it failed validation): `constitution` then comes
   * from the shipped constitution alone. The reply itself was analysed normally.
   */
  constitutionError?: string;
  /** Set when analysis failed: the result is then empty (no findings, all scores 0) and says why. */
  error?: string;
}

export interface AnalyzeInput {
  text: string;
  /** The user's message before this reply; read only to derive flags, never stored. */
  previousUserText?: string;
  site?: string;
  /** Earlier assistant turns of the same conversation, oldest first (the analyzer keeps the last few). */
  history?: readonly TurnSummary[];
  /** What the constitution reads besides the reply; defaults: level standard, state NORMAL, no personal rules. */
  constitution?: ConstitutionContext;
}

export interface ConstitutionContext {
  level?: ProtectionLevelId;
  /** The drift state of the assistant that wrote the reply (behavioural layer). */
  assistantState?: AssistantState;
  /** The user's personal constitution (rules at weight 700), evaluated with the shipped one. */
  personalPacks?: readonly RulePack[];
}

/** A principle that is not respected, as the footprint keeps it. */
export interface PrincipleFlag {
  principle: PrincipleId;
  status: Exclude<PrincipleStatus, 'respected'>;
}

/** What the contextual layer needs of an earlier assistant turn: no text, only its outcome. */
export interface TurnSummary {
  turnIndex: number;
  /** Milliseconds since the epoch when the reply finished. */
  time: number;
  risk: number;
  /** Techniques found in that reply. */
  techniques: readonly TechniqueId[];
}

/** Vulnerability the user's own message shows (SPEC §4, contextual layer): flags only. */
export interface UserSignals {
  loneliness: boolean;
  grief: boolean;
  distress: boolean;
  minor: boolean;
}

/** Conversation-level patterns over an assistant reply and the turns before it (SPEC §4). */
export interface ContextualPatterns {
  /** Flattery or trust-building shortly before (or earlier in) a reply that recommends a product. */
  trust_before_recommendation: boolean;
  /** Risk rising over the last few replies, ending at medium or high. */
  escalation: boolean;
  /** The user's message shows vulnerability and the reply uses emotional exploitation, dependency or
   *  anthropomorphic claims (T08/T10/T11). */
  vulnerability_exploit: boolean;
}

/** One assistant turn as a site adapter reports it. */
export interface ChatTurn {
  site: string;
  conversationId: string;
  /** Stable message id from the page when it has one, else `i<position>`. */
  messageId: string;
  turnIndex: number;
  role: 'assistant' | 'user';
  text: string;
  previousUserText?: string;
  /** The model's name where the page shows it (e.g. "gpt-4o"); the behavioural layer tracks each apart. */
  model?: string;
  /** Milliseconds since the epoch when the reply finished. */
  time: number;
}

/** A short piece of the original text around a finding (≤ 200 characters), kept for the report. */
export interface Excerpt {
  technique: TechniqueId;
  text: string;
  /** Highlighted ranges relative to `text`. */
  highlights: Span[];
}

/** What the footprint keeps of one analysed reply: no raw text beyond excerpts. */
export interface FootprintRecord {
  /** `${site}|${conversationId}|${messageId}`: a turn is recorded once. */
  key: string;
  site: string;
  conversationId: string;
  turnIndex: number;
  time: number;
  risk: number;
  level: RiskLevel;
  findings: { technique: TechniqueId; score: number; count: number; sources: FindingSource[] }[];
  excerpts: Excerpt[];
  engine: string;
  truncated: boolean;
  /** Contextual patterns of this reply; absent on records made before the contextual layer existed. */
  patterns?: ContextualPatterns;
  /** The vulnerability flags derived from the user's message before this reply (never the message). */
  userSignals?: UserSignals;
  /** `site` or `site|model`: the assistant the behavioural layer tracks this reply under. */
  assistant?: string;
  /** Length of the reply in UTF-16 code units (the text itself is not kept). */
  length?: number;
  /** Principles the reply did not respect, and the action taken; absent on records made before rules. */
  principles?: PrincipleFlag[];
  action?: ReplyAction;
}
