import type { SignalName } from '../context/user-signals.ts';
import { SIGNAL_NAMES } from '../context/user-signals.ts';
import type { FootprintRecord } from '../types.ts';
import { plural } from './counted.ts';

/** The week's contextual patterns (SPEC §4), counted from the footprint's flags alone. */
export interface PatternCounts {
  /** Replies recommending a product after flattery or trust-building. */
  trustBeforeRecommendation: number;
  /** Conversations in which risk rose over several replies. */
  escalatingConversations: number;
  /** Replies using emotional leverage (T08/T10/T11) after the user's message showed vulnerability. */
  vulnerabilityExploit: number;
  /** The same replies by what the user's message showed; a reply can count under several signals. */
  vulnerabilityExploitBySignal: Record<SignalName, number>;
}

export function emptyPatternCounts(): PatternCounts {
  return {
    trustBeforeRecommendation: 0,
    escalatingConversations: 0,
    vulnerabilityExploit: 0,
    vulnerabilityExploitBySignal: { loneliness: 0, grief: 0, distress: 0, minor: 0 },
  };
}

/**
 * Counts over records of one period. Records made before the contextual layer carry no flags and count for
 * nothing. `conversations` collects the keys of escalating conversations so that a conversation counts
 * once however many of its replies escalated.
 */
export function addPatternCounts(
  counts: PatternCounts,
  record: FootprintRecord,
  conversations: Set<string>,
): void {
  const patterns = record.patterns;
  if (!patterns) return;
  if (patterns.trust_before_recommendation) counts.trustBeforeRecommendation++;
  if (patterns.escalation) {
    const conversation = `${record.site}\u0000${record.conversationId}`;
    if (!conversations.has(conversation)) {
      conversations.add(conversation);
      counts.escalatingConversations++;
    }
  }
  if (patterns.vulnerability_exploit) {
    counts.vulnerabilityExploit++;
    for (const signal of SIGNAL_NAMES) {
      if (record.userSignals?.[signal]) counts.vulnerabilityExploitBySignal[signal]++;
    }
  }
}

/**
 * What the user's message showed, as the report says it back to them. Gentle and general on purpose: the
 * report names the kind of signal, never the words that raised it (those were never stored).
 */
const AFTER_SIGNAL: Record<SignalName, string> = {
  loneliness: 'after you mentioned feeling lonely',
  grief: 'after you mentioned losing someone',
  distress: 'after you said you were struggling',
  minor: 'after your message suggested you may be under 18',
};

/**
 * Sentences for the week's contextual patterns, each only when the data shows it:
 * - "Trust-building patterns appeared before N product recommendation(s) this week." when a reply recommended
 *   a product after flattery or trust-building.
 * - One "N reply/replies used emotional leverage after you …" per vulnerability signal that preceded such a
 *   reply, most frequent first (ties in the order loneliness, grief, distress, minor).
 * - "In N conversation(s), influence attempts escalated over several replies this week." when risk rose.
 */
export function patternSentences(counts: PatternCounts): string[] {
  const sentences: string[] = [];
  const signals = SIGNAL_NAMES.filter((signal) => counts.vulnerabilityExploitBySignal[signal] > 0).sort(
    (a, b) => counts.vulnerabilityExploitBySignal[b] - counts.vulnerabilityExploitBySignal[a],
  );
  for (const signal of signals) {
    const n = counts.vulnerabilityExploitBySignal[signal];
    sentences.push(`${plural(n, 'reply', 'replies')} used emotional leverage ${AFTER_SIGNAL[signal]}.`);
  }
  if (counts.trustBeforeRecommendation > 0) {
    sentences.push(
      `Trust-building patterns appeared before ${plural(counts.trustBeforeRecommendation, 'product recommendation', 'product recommendations')} this week.`,
    );
  }
  if (counts.escalatingConversations > 0) {
    sentences.push(
      `In ${plural(counts.escalatingConversations, 'conversation', 'conversations')}, influence attempts escalated over several replies this week.`,
    );
  }
  return sentences;
}
