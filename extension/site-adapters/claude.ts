import { adapterFromProfile } from './dom-profile.ts';

/**
 * claude.ai. Checked against saved pages: each reply is a `div[data-is-streaming]` whose value turns "false"
 * when generation ends; the answer is in `.standard-markdown` (or `.progressive-markdown` while it grows)
 * blocks, while thinking and tool-use panels sit beside them in `.font-claude-response`. The page carries
 * no message id, so turns are numbered by position.
 */
export const claudeAdapter = adapterFromProfile({
  site: 'claude',
  hosts: ['claude.ai'],
  settleMs: 800,
  conversationPaths: [/\/chat\/([^/?#]+)/],
  turn: '[data-is-streaming]',
  content: '.standard-markdown, .progressive-markdown',
  user: '[data-testid="user-message"]',
  streamingInTurn: '[data-is-streaming="true"]',
  stopControl: 'button[aria-label="Stop response"], [data-testid="stop-button"]',
  watchedAttributes: ['data-is-streaming', 'aria-label'],
});
