import type { RiskLevel } from '../../../wasm-core/types.ts';

/** What the badge of one tab counts: the flagged replies of the conversation on screen. */
export interface TabBadgeState {
  /** `${site}|${conversationId}`. */
  conversation: string;
  /** Origin and path of the page that showed it; a different path means the tab moved on. */
  page: string | null;
  /** Turn key → level, for replies with at least one finding. Keyed, so a re-sent turn counts once. */
  flagged: Record<string, RiskLevel>;
}

export interface ReplySeen {
  key: string;
  conversation: string;
  page: string | null;
  findings: number;
  level: RiskLevel;
}

/** The state after the tab reported another analysed reply. A new conversation starts a new count. */
export function withReply(state: TabBadgeState | undefined, reply: ReplySeen): TabBadgeState {
  const fresh = !state || state.conversation !== reply.conversation;
  const flagged = fresh ? {} : { ...state.flagged };
  if (reply.findings > 0) flagged[reply.key] = reply.level;
  return { conversation: reply.conversation, page: reply.page ?? (fresh ? null : state.page), flagged };
}

/**
 * Whether the tab has left the page its count belongs to. A URL we cannot read (the tab went to a site we
 * have no access to) counts as leaving; query strings and fragments do not.
 */
export function leftPage(state: TabBadgeState, url: string | undefined): boolean {
  if (state.page === null) return false;
  return pageOf(url) !== state.page;
}

export function pageOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return null;
  }
}

const LEVEL_ORDER: readonly RiskLevel[] = ['none', 'low', 'medium', 'high'];

/** White text on these stays above 4.5:1 contrast. */
export const BADGE_COLORS: Record<Exclude<RiskLevel, 'none'>, string> = {
  low: '#2F5F98',
  medium: '#A3470A',
  high: '#B42318',
};

export interface Badge {
  text: string;
  color: string | null;
}

export function badgeFor(state: TabBadgeState | undefined): Badge {
  const levels = Object.values(state?.flagged ?? {});
  if (levels.length === 0) return { text: '', color: null };
  const highest = levels.reduce((a, b) => (LEVEL_ORDER.indexOf(b) > LEVEL_ORDER.indexOf(a) ? b : a), 'none');
  // A flagged reply is at least "low", even if its overall risk rounded down to none.
  const color = BADGE_COLORS[highest === 'none' ? 'low' : highest];
  return { text: levels.length > 99 ? '99+' : String(levels.length), color };
}

/** Read aloud by screen readers as the action's title. */
export function badgeTitle(state: TabBadgeState | undefined): string {
  const count = Object.keys(state?.flagged ?? {}).length;
  if (count === 0) return 'Cognitive Firewall';
  return `Cognitive Firewall: ${count} ${count === 1 ? 'reply' : 'replies'} with influence techniques in this conversation`;
}
