import type { EngagementIndex } from '../behaviour/engagement-index.ts';
import type { ThreatProfileScore } from '../behaviour/threat-profiles.ts';
import type { TechniqueId } from '../taxonomy.ts';
import type { Excerpt, RiskLevel } from '../types.ts';
import type { PatternCounts } from './pattern-sentences.ts';

/** The weekly influence report (SPEC §8), computed from footprint records only. */
export interface WeeklyReport {
  /** Monday 00:00 local time of the reported week, ms since the epoch. */
  weekStart: number;
  /** The following Monday 00:00 (exclusive). */
  weekEnd: number;
  /** Assistant replies analysed this week. */
  replies: number;
  /** Replies with at least one finding. */
  flaggedReplies: number;
  /** Instances per technique this week (a finding counts its spans, at least one). */
  counts: Record<TechniqueId, number>;
  /** The same for the week before, for week-over-week change. */
  previousCounts: Record<TechniqueId, number>;
  /** Plain-language sentences, most telling first. */
  sentences: string[];
  bySite: { site: string; replies: number; instances: number }[];
  /** 7 × 24 counts of instances, [weekday 0 = Monday][hour] in local time. */
  heatmap: number[][];
  levels: Record<RiskLevel, number>;
  /** Contextual patterns this week (flags of the footprint records; SPEC §4). */
  patterns: PatternCounts;
  examples: (Excerpt & { site: string; time: number })[];
  /** The week per assistant (behavioural layer): engagement-over-wellbeing index and threat-actor profiles. */
  assistants: AssistantWeek[];
}

/** One assistant's week (`site` or `site|model`), most replies first. */
export interface AssistantWeek {
  assistant: string;
  replies: number;
  engagementIndex: EngagementIndex;
  /** All five profiles, highest score first; only sufficient ones carry a sentence. */
  profiles: ThreatProfileScore[];
  /** The engagement sentence when the index could be computed, then the profiles' sentences. */
  sentences: string[];
}
