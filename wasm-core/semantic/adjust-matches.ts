import type { CoreMatch } from '../core.ts';
import type { Span } from '../types.ts';
import { containingRegion, quotedRegions } from './quoted-regions.ts';
import {
  ADJUSTMENT_FACTORS,
  type AdjustmentReason,
  BENIGN_REACH,
  benignCueKind,
  benignCueTechnique,
  HEDGE_REACH,
  MENTION_AFTER_REACH,
  NEGATION_AFTER_REACH,
  NEGATION_REACH,
} from './semantic-rules.ts';
import { anyInRange, countInRange, firstAtOrAfter, lastAtOrBefore } from './sorted-positions.ts';
import { analyzeTextStructure, type TextStructure } from './text-structure.ts';

/** A cue match as the core reports it (lexicon packs' `cues` section), with ORIGINAL-text offsets. */
export interface SemanticCue {
  kind: string;
  start: number;
  end: number;
  phrase?: number;
  pack?: number;
}

/** What adjustMatches() reads of a core scan: technique matches and, when the pack has them, cue matches. */
export interface SemanticScan {
  matches: readonly CoreMatch[];
  cues?: readonly SemanticCue[];
}

export interface Adjustment {
  reason: AdjustmentReason;
  factor: number;
  /** The cue or quoted region that gave the reason, in the original text. */
  evidence: Span;
}

/** A technique match whose `weight` is the phrase weight after the semantic reading of its sentence. */
export interface AdjustedMatch extends CoreMatch {
  /** The phrase weight from the lexicon pack. */
  baseWeight: number;
  /** Why the weight changed, in the order the rules ran; empty when the phrase is used as is. */
  adjustments: Adjustment[];
}

/** How far back from a match a windowed rule walks its cue list; bounds the work per match. */
const MAX_CANDIDATES = 16;
/** Code units read past the last match or cue, at most (to find the end of its line, sentence or quote). */
const LOOKAHEAD = 4096;

function byStartThenEnd(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

function byEndThenStart(a: Span, b: Span): number {
  return a.end - b.end || a.start - b.start;
}

function byStartThenLongest(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start;
}

/** Cues of one kind, sorted by start and, separately, by end. */
class CueList {
  readonly byStart: SemanticCue[];
  readonly starts: number[];
  readonly byEnd: SemanticCue[];
  readonly ends: number[];

  constructor(cues: SemanticCue[]) {
    this.byStart = [...cues].sort(byStartThenEnd);
    this.starts = [];
    for (const cue of this.byStart) this.starts.push(cue.start);
    this.byEnd = [...cues].sort(byEndThenStart);
    this.ends = [];
    for (const cue of this.byEnd) this.ends.push(cue.end);
  }
}

interface Sentence {
  start: number;
  end: number;
}

/**
 * Reads every technique match in its sentence and returns it with an adjusted weight and the reasons
 * (see semantic-rules.ts for the rules and factors): negated, hedged, quoted, mentioned, quoting the user,
 * or a known benign use. Pure and linear in the text: the structure of the text is found in one pass, and
 * each match then costs a few binary searches over the sorted cue and break offsets.
 */
export function adjustMatches(text: string, scan: SemanticScan): AdjustedMatch[] {
  const matches = scan.matches;
  if (matches.length === 0) return [];
  const cues = scan.cues ?? [];

  // Everything the rules look at lies on the lines of the matches and cues: read up to the end of the last
  // (a quote closing further on than LOOKAHEAD, on one endless line, is not worth reading the rest for).
  let reach = 0;
  for (const match of matches) reach = Math.max(reach, match.end);
  for (const cue of cues) reach = Math.max(reach, cue.end);
  const lineEnd = text.indexOf('\n', reach);
  const limit = Math.min(lineEnd < 0 ? text.length : lineEnd, reach + LOOKAHEAD);

  const structure = analyzeTextStructure(text, limit);
  const regions = quotedRegions(text, limit);
  const regionStarts: number[] = [];
  for (const region of regions) regionStarts.push(region.start);
  const lists = indexCues(cues, matches);
  const listIntroduced = listItemsAfterMentionIntro(structure, lists.get('mention'));

  const negation = lists.get('negation');
  const negationAfterList = lists.get('negation_after');
  const hedge = lists.get('hedge');
  const mention = lists.get('mention');
  const quoteUser = lists.get('quote_user');
  const adjusted: AdjustedMatch[] = [];
  for (const match of matches) {
    const adjustments: Adjustment[] = [];
    const sentence = sentenceOf(structure, match.start, limit);
    addAdjustment(
      adjustments,
      'negated',
      negationBefore(structure, negation, match, sentence) ??
        negationAfter(structure, negationAfterList, match, sentence),
    );
    addAdjustment(adjustments, 'hedged', cueBefore(structure, hedge, match, sentence, HEDGE_REACH));
    const quoted = containingRegion(regions, regionStarts, match.start, match.end);
    addAdjustment(adjustments, 'quoted', quoted >= 0 ? (regions[quoted] as Span) : null);
    addAdjustment(adjustments, 'mentioned', mentionOf(structure, mention, match, sentence, listIntroduced));
    addAdjustment(adjustments, 'quoting_user', quoteUserBefore(structure, quoteUser, match, sentence));
    addAdjustment(
      adjustments,
      'benign',
      benignNear(structure, lists.get(benignKindOf(match.technique)), match, sentence),
    );

    let weight = match.weight;
    for (const adjustment of adjustments) weight *= adjustment.factor;
    adjusted.push(adjustedMatch(match, weight, adjustments));
  }
  return adjusted;
}

/**
 * The match with its adjusted weight. Written out field by field: an object spread of a match (whose weight
 * is a double) takes V8's slow path, about a microsecond per match.
 */
function adjustedMatch(match: CoreMatch, weight: number, adjustments: Adjustment[]): AdjustedMatch {
  const { technique, phrase, pack, start, end } = match;
  if (pack === undefined) {
    return { technique, phrase, weight, start, end, baseWeight: match.weight, adjustments };
  }
  return { technique, phrase, weight, pack, start, end, baseWeight: match.weight, adjustments };
}

function addAdjustment(adjustments: Adjustment[], reason: AdjustmentReason, evidence: Span | null): void {
  if (evidence) adjustments.push({ reason, factor: ADJUSTMENT_FACTORS[reason], evidence });
}

/** benignCueKind() per technique, made once rather than per match. */
const benignKinds = new Map<string, string>();

function benignKindOf(technique: CoreMatch['technique']): string {
  let kind = benignKinds.get(technique);
  if (kind === undefined) {
    kind = benignCueKind(technique);
    benignKinds.set(technique, kind);
  }
  return kind;
}

/**
 * Groups the cues by kind after two clean-ups: within a kind, a cue entirely inside a longer cue gives way to
 * it ("never" inside "i'd never"); and a non-benign cue entirely inside a technique phrase belongs to that
 * phrase. Cues of different kinds may nest ("isn't" is a negation, "isn't true" a negation_after).
 */
function indexCues(cues: readonly SemanticCue[], matches: readonly CoreMatch[]): Map<string, CueList> {
  const sorted = [...matches].sort(byStart);
  const starts: number[] = [];
  const reachEnd: number[] = [];
  let furthest = -1;
  for (const match of sorted) {
    starts.push(match.start);
    furthest = Math.max(furthest, match.end);
    reachEnd.push(furthest);
  }

  const groups = new Map<string, SemanticCue[]>();
  for (const cue of cues) {
    if (!isBenignKind(cue.kind) && insidePhrase(starts, reachEnd, cue)) continue;
    const group = groups.get(cue.kind);
    if (group) group.push(cue);
    else groups.set(cue.kind, [cue]);
  }
  const lists = new Map<string, CueList>();
  for (const [kind, group] of groups) lists.set(kind, new CueList(outermost(group)));
  return lists;
}

/** benignCueTechnique(kind) !== null, remembered per kind (a pack has a few dozen kinds). */
const benignKindCache = new Map<string, boolean>();

function isBenignKind(kind: string): boolean {
  let benign = benignKindCache.get(kind);
  if (benign === undefined) {
    benign = benignCueTechnique(kind) !== null;
    benignKindCache.set(kind, benign);
  }
  return benign;
}

/** Whether the cue lies entirely inside a match (`starts` ascending, `reachEnd` their running furthest end). */
function insidePhrase(starts: readonly number[], reachEnd: readonly number[], cue: SemanticCue): boolean {
  const index = lastAtOrBefore(starts, cue.start);
  return index >= 0 && (reachEnd[index] as number) >= cue.end;
}

/** The cues not entirely inside another, longer cue of the list. */
function outermost(cues: SemanticCue[]): SemanticCue[] {
  cues.sort(byStartThenLongest);
  const kept: SemanticCue[] = [];
  let maxEnd = -1;
  let maxEndStart = -1;
  for (const cue of cues) {
    const contained = maxEnd > cue.end || (maxEnd === cue.end && maxEndStart < cue.start);
    if (cue.end > maxEnd) {
      maxEnd = cue.end;
      maxEndStart = cue.start;
    }
    if (!contained) kept.push(cue);
  }
  return kept;
}

function sentenceOf(structure: TextStructure, offset: number, limit: number): Sentence {
  const index = Math.max(0, lastAtOrBefore(structure.sentenceStarts, offset));
  return {
    start: structure.sentenceStarts[index] as number,
    end: structure.sentenceStarts[index + 1] ?? limit,
  };
}

function wordsBetween(structure: TextStructure, from: number, to: number): number {
  return countInRange(structure.wordStarts, from, to);
}

/**
 * The nearest cue of `list` before the match within `reach` words, in the same sentence and clause. A cue
 * that starts before the match and runs into it ("no need to" + "to decide…") counts as right before it.
 */
function cueBefore(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
  reach: number,
): Span | null {
  if (!list) return null;
  let index = lastAtOrBefore(list.ends, match.end - 1);
  for (let steps = 0; index >= 0 && steps < MAX_CANDIDATES; index--, steps++) {
    const cue = list.byEnd[index] as SemanticCue;
    if (cue.start >= match.start) continue;
    if (cue.start < sentence.start) break;
    const from = Math.min(cue.end, match.start);
    if (wordsBetween(structure, from, match.start) > reach) break;
    if (anyInRange(structure.clauseBreaks, from, match.start)) break;
    return cue;
  }
  return null;
}

function negationBefore(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
): Span | null {
  return cueBefore(structure, list, match, sentence, NEGATION_REACH);
}

/** A cue right after the match in the same clause, at most `reach` words on. */
function cueAfter(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
  reach: number,
): Span | null {
  if (!list) return null;
  const index = firstAtOrAfter(list.starts, match.end);
  const cue = list.byStart[index];
  if (!cue || cue.start >= sentence.end) return null;
  if (wordsBetween(structure, match.end, cue.start) > reach) return null;
  if (anyInRange(structure.clauseBreaks, match.end, cue.start)) return null;
  return cue;
}

function negationAfter(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
): Span | null {
  return cueAfter(structure, list, match, sentence, NEGATION_AFTER_REACH);
}

/** Per line: it is a list item under an introducing line ("…to watch for:") that holds a mention cue. */
function listItemsAfterMentionIntro(structure: TextStructure, mentions: CueList | undefined): boolean[] {
  const lines = structure.lineStarts.length;
  const introduced = new Array<boolean>(lines).fill(false);
  if (!mentions) return introduced;
  const hasMention = new Array<boolean>(lines).fill(false);
  for (const cue of mentions.byStart)
    hasMention[Math.max(0, lastAtOrBefore(structure.lineStarts, cue.start))] = true;
  let active = false;
  for (let line = 0; line < lines; line++) {
    if (structure.lineIsListItem[line]) introduced[line] = active;
    else if (!structure.lineIsBlank[line]) active = false;
    if (structure.lineEndsWithColon[line] && hasMention[line]) active = true;
  }
  return introduced;
}

function mentionOf(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
  listIntroduced: readonly boolean[],
): Span | null {
  if (!list) return null;
  // Before: the nearest mention cue in the sentence, unless the sentence turns in between.
  const before = list.byEnd[lastAtOrBefore(list.ends, match.start)];
  if (
    before &&
    before.start >= sentence.start &&
    !anyInRange(structure.contrastBreaks, before.end, match.start)
  ) {
    return before;
  }
  const after = cueAfter(structure, list, match, sentence, MENTION_AFTER_REACH);
  if (after) return after;
  const line = Math.max(0, lastAtOrBefore(structure.lineStarts, match.start));
  if (listIntroduced[line]) {
    const start = structure.lineStarts[line] as number;
    return { start, end: structure.lineStarts[line + 1] ?? match.end };
  }
  return null;
}

/** "You said …", "as you put it, …": the rest of that clause reflects the user's own words. */
function quoteUserBefore(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
): Span | null {
  if (!list) return null;
  const cue = list.byEnd[lastAtOrBefore(list.ends, match.start)];
  if (!cue || cue.start < sentence.start) return null;
  if (anyInRange(structure.clauseBreaks, cue.end, match.start)) return null;
  return cue;
}

/**
 * A benign cue of the match's technique overlapping it, or at most BENIGN_REACH words away in its sentence
 * with no turn in between ("take a break, but come back tomorrow and I'll tell you" stays a hook).
 */
function benignNear(
  structure: TextStructure,
  list: CueList | undefined,
  match: CoreMatch,
  sentence: Sentence,
): Span | null {
  if (!list) return null;
  const next = firstAtOrAfter(list.starts, match.end);
  const after = list.byStart[next];
  if (
    after &&
    after.start < sentence.end &&
    wordsBetween(structure, match.end, after.start) <= BENIGN_REACH &&
    !anyInRange(structure.contrastBreaks, match.end, after.start)
  ) {
    return after;
  }
  for (let index = next - 1, steps = 0; index >= 0 && steps < MAX_CANDIDATES; index--, steps++) {
    const cue = list.byStart[index] as SemanticCue;
    if (cue.end > match.start) return cue;
    if (cue.start < sentence.start) break;
    if (
      wordsBetween(structure, cue.end, match.start) <= BENIGN_REACH &&
      !anyInRange(structure.contrastBreaks, cue.end, match.start)
    ) {
      return cue;
    }
  }
  return null;
}
