import type { UserSignals } from '../types.ts';

/** A cue match as the core reports it (wasm-core/core.ts); only its kind and span matter here. */
export interface CueHit {
  kind: string;
  start: number;
  end: number;
}

/** What reading the user's message needs of the core: one scan with the context pack loaded. */
export interface CueScanner {
  scan(text: string): { truncated: boolean; cues?: readonly CueHit[] };
}

export type SignalName = keyof UserSignals;

export const SIGNAL_NAMES: readonly SignalName[] = ['loneliness', 'grief', 'distress', 'minor'];

/** Cue kind in models/lexicon/context-en.json for each signal. */
export function signalCueKind(signal: SignalName): string {
  return `vulnerability.${signal}`;
}

/**
 * Cue kind for wordings that contain a signal's phrase but mean something else ("I'm 14 minutes late"
 * contains "I'm 14"). A signal cue lying inside such a cue does not count.
 */
export function benignCueKind(signal: SignalName): string {
  return `benign.vulnerability.${signal}`;
}

export const NO_USER_SIGNALS: UserSignals = Object.freeze({
  loneliness: false,
  grief: false,
  distress: false,
  minor: false,
});

export function hasVulnerability(signals: UserSignals): boolean {
  return signals.loneliness || signals.grief || signals.distress || signals.minor;
}

/**
 * The signals a message's cue matches show. A signal holds when one of its cues matched outside every
 * benign cue of the same signal. A sweep in start order decides "inside some benign cue" for all cues at
 * once, so a long message full of cues costs n log n, not n².
 */
export function userSignalsFromCues(cues: readonly CueHit[]): UserSignals {
  const signals: UserSignals = { ...NO_USER_SIGNALS };
  for (const signal of SIGNAL_NAMES) {
    const kind = signalCueKind(signal);
    const benignKind = benignCueKind(signal);
    const hits = cues.filter((cue) => cue.kind === kind);
    if (hits.length === 0) continue;
    const benign = cues.filter((cue) => cue.kind === benignKind).sort((a, b) => a.start - b.start);
    hits.sort((a, b) => a.start - b.start);
    let next = 0;
    let reach = -1;
    for (const hit of hits) {
      for (; next < benign.length && (benign[next] as CueHit).start <= hit.start; next++) {
        reach = Math.max(reach, (benign[next] as CueHit).end);
      }
      if (reach < hit.end) {
        signals[signal] = true;
        break;
      }
    }
  }
  return signals;
}

/**
 * Reads the user's previous message for vulnerability signals. The text goes through the core's matcher
 * and nowhere else: only the four flags come out, so nothing of the message can reach a result, the
 * footprint or a log.
 */
export function readUserSignals(scanner: CueScanner, previousUserText: unknown): UserSignals {
  if (typeof previousUserText !== 'string' || previousUserText.length === 0) return { ...NO_USER_SIGNALS };
  return userSignalsFromCues(scanner.scan(previousUserText).cues ?? []);
}
