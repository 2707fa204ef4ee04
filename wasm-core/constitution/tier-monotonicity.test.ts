import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { replyAction } from './reply-action.ts';
import { RuleEngine } from './rule-engine.ts';
import { PRINCIPLE_IDS, PRINCIPLE_STATUSES, PROTECTION_LEVEL_IDS, REPLY_ACTIONS } from './rule-pack.ts';
import { SHIPPED_CONSTITUTION } from './shipped-constitution.ts';
import { replyFactsArbitrary } from './testing/reply-facts-arbitrary.ts';

/*
 * SPEC §5–§6: higher protection levels only ever add prohibitions. For any reply's facts, judged by the
 * shipped constitution at each level in turn, no principle's status and not the reply's action may weaken
 * as the level rises.
 */

let core: WasmCore;
beforeAll(async () => {
  core = await loadCoreFromDisk();
});

describe('tier monotonicity of the shipped constitution', () => {
  it('a higher level never weakens a status or the action', () => {
    const engine = new RuleEngine(core);
    engine.load([SHIPPED_CONSTITUTION]);
    const raised = new Set<string>();
    fc.assert(
      fc.property(replyFactsArbitrary, (facts) => {
        let previous: { statuses: number[]; action: number } | null = null;
        for (const level of PROTECTION_LEVEL_IDS) {
          const outcome = engine.evaluate({ ...facts, 'context.level': level });
          const statuses = PRINCIPLE_IDS.map((p) => PRINCIPLE_STATUSES.indexOf(outcome[p].status));
          const action = REPLY_ACTIONS.indexOf(replyAction(outcome, level));
          if (previous) {
            const before = previous;
            statuses.forEach((status, k) => {
              const principle = PRINCIPLE_IDS[k] as string;
              if (status < (before.statuses[k] as number)) expect.fail(`${principle} weakens at ${level}`);
              if (status > (before.statuses[k] as number)) raised.add(`${principle}@${level}`);
            });
            if (action < before.action) expect.fail(`the action weakens at ${level}`);
          }
          previous = { statuses, action };
        }
      }),
      { numRuns: 4000, seed: 4403 },
    );
    // The levels do add rules: enhanced and maximum each raise some status.
    for (const level of ['enhanced', 'maximum']) {
      expect(
        [...raised].some((key) => key.endsWith(`@${level}`)),
        level,
      ).toBe(true);
    }
  });
});
