import type { ReplyAction } from '../../wasm-core/constitution/rule-pack.ts';

/** What the page shows for a reply; each level adds to the one below (SPEC §6). */
export interface ActionPlan {
  /** Finding spans painted in the reply, with a marker listing the principles at stake. */
  highlight: boolean;
  /** A warning above the reply naming the principles. */
  warn: boolean;
  /** The reply blurred until the user chooses to show it. */
  blur: boolean;
}

const RANK: Readonly<Record<ReplyAction, number>> = { record: 0, badge: 1, highlight: 2, warn: 3, blur: 4 };

/** `record` and `badge` show nothing on the page beyond the turn's mark and the toolbar badge. */
export function actionPlan(action: ReplyAction): ActionPlan {
  const rank = RANK[action];
  return { highlight: rank >= RANK.highlight, warn: rank >= RANK.warn, blur: rank >= RANK.blur };
}

export function showsAnything(plan: ActionPlan): boolean {
  return plan.highlight || plan.warn || plan.blur;
}
