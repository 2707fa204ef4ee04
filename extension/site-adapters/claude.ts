import { adapterFromProfile } from './dom-profile.ts';

const MODEL_PICKER = '[data-testid="model-selector-dropdown"]';

/** The model named by the composer's picker: its label without the "Model:" prefix, else its text. */
function pickerModel(document: Document): string | null {
  const picker = document.querySelector(MODEL_PICKER);
  if (!picker) return null;
  const label = picker.getAttribute('aria-label');
  if (label && /^model:/i.test(label.trim())) return label.trim().slice('model:'.length);
  return picker.textContent;
}

/**
 * claude.ai. Checked against saved pages: each reply is a `div[data-is-streaming]` whose value turns "false"
 * when generation ends; the answer is in `.standard-markdown` (or `.progressive-markdown` while it grows)
 * blocks, while thinking and tool-use panels sit beside them in `.font-claude-response`. The page carries
 * no message id, so turns are numbered by position. Replies do not name their model; the composer's model
 * picker (`data-testid="model-selector-dropdown"`, labelled "Model: …") names the one the conversation is
 * set to, which is what new replies come from — earlier replies are attributed to it as well.
 */
export const claudeAdapter = adapterFromProfile({
  site: 'claude',
  hosts: ['claude.ai'],
  settleMs: 800,
  conversationPaths: [/\/chat\/([^/?#]+)/],
  turn: '[data-is-streaming]',
  model: (turn) => pickerModel(turn.ownerDocument),
  content: '.standard-markdown, .progressive-markdown',
  user: '[data-testid="user-message"]',
  streamingInTurn: '[data-is-streaming="true"]',
  stopControl: 'button[aria-label="Stop response"], [data-testid="stop-button"]',
  watchedAttributes: ['data-is-streaming', 'aria-label'],
});
