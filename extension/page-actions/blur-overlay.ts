/** Set on a reply the extension blurred; the page-actions stylesheet applies the filter. */
export const BLUR_ATTRIBUTE = 'data-cogfw-blur';

/**
 * Blurs a reply until acknowledged: a CSS filter (from the page-actions stylesheet), and `inert`, so the
 * hidden text can neither be focused, selected nor read out until the user chooses to see it.
 */
export function blurTurn(turn: Element): void {
  if (turn.hasAttribute(BLUR_ATTRIBUTE)) return;
  // Remember whether the site had made it inert itself, so showing the reply leaves that as it was.
  turn.setAttribute(BLUR_ATTRIBUTE, turn.hasAttribute('inert') ? 'inert' : '');
  turn.setAttribute('inert', '');
}

export function unblurTurn(turn: Element): void {
  const state = turn.getAttribute(BLUR_ATTRIBUTE);
  if (state === null) return;
  if (state !== 'inert') turn.removeAttribute('inert');
  turn.removeAttribute(BLUR_ATTRIBUTE);
}

/**
 * The overlay laid over a blurred reply: what happened and a "Show reply" button (a real button, so Enter
 * and Space work and focus is visible). `height` follows the reply's height so the overlay covers it.
 */
export function blurOverlay(doc: Document, id: string, onShow: () => void): HTMLElement {
  const overlay = doc.createElement('div');
  overlay.className = 'curtain';
  const textId = `${id}-curtain-text`;
  const text = doc.createElement('p');
  text.id = textId;
  text.textContent = 'This reply is hidden because it violates a principle you are protected against.';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'show-reply';
  button.textContent = 'Show reply';
  button.setAttribute('aria-describedby', textId);
  button.addEventListener('click', onShow);
  overlay.append(text, button);
  return overlay;
}
