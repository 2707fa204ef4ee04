import type { HighlightSpan, PrincipleAtStake } from '../messages.ts';
import { principleTitle } from './principle-title.ts';

/** Phrases listed in the explanation at most; the rest are counted. */
const MAX_LISTED_PHRASES = 8;

export interface MarkedPhrase {
  span: HighlightSpan;
  /** The phrase as the page shows it. */
  text: string;
}

/**
 * The small marker next to a reply: a button naming how many principles are at stake, whose explanation
 * (each principle with the deciding rule's sentence, then the highlighted phrases and what each technique
 * does) shows while the pointer is over it AND while it has keyboard focus. A click or Enter pins it open;
 * Escape closes it. The button is described by the explanation, so a screen reader reads it on focus.
 */
export function explanationMarker(
  doc: Document,
  id: string,
  principles: readonly PrincipleAtStake[],
  phrases: readonly MarkedPhrase[],
): HTMLElement {
  const wrapper = doc.createElement('div');
  wrapper.className = 'marker';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'marker-button';
  const panelId = `${id}-explanation`;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', panelId);
  button.setAttribute('aria-describedby', panelId);
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '⚑ ';
  button.append(icon, markerLabel(principles, phrases));

  const panel = doc.createElement('div');
  panel.id = panelId;
  panel.className = 'explanation';
  panel.setAttribute('role', 'tooltip');
  panel.hidden = true;
  panel.append(...explanationContent(doc, principles, phrases));

  let pinned = false;
  let hovered = false;
  let focused = false;
  const update = () => {
    const open = pinned || hovered || focused;
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => {
    pinned = !pinned;
    update();
  });
  button.addEventListener('focus', () => {
    focused = true;
    update();
  });
  button.addEventListener('blur', () => {
    focused = false;
    update();
  });
  wrapper.addEventListener('mouseenter', () => {
    hovered = true;
    update();
  });
  wrapper.addEventListener('mouseleave', () => {
    hovered = false;
    update();
  });
  wrapper.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || panel.hidden) return;
    pinned = false;
    hovered = false;
    focused = false;
    update();
    event.stopPropagation();
  });
  wrapper.append(button, panel);
  return wrapper;
}

function markerLabel(principles: readonly PrincipleAtStake[], phrases: readonly MarkedPhrase[]): string {
  if (principles.length === 1) return '1 principle at stake';
  if (principles.length > 1) return `${principles.length} principles at stake`;
  return phrases.length === 1 ? '1 phrase highlighted' : `${phrases.length} phrases highlighted`;
}

function explanationContent(
  doc: Document,
  principles: readonly PrincipleAtStake[],
  phrases: readonly MarkedPhrase[],
): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (principles.length > 0) {
    const list = doc.createElement('ul');
    list.className = 'principles';
    for (const principle of principles) {
      const item = doc.createElement('li');
      const title = doc.createElement('strong');
      title.textContent = `${principleTitle(principle)}: `;
      item.append(title, principle.explanation);
      list.append(item);
    }
    parts.push(list);
  }
  if (phrases.length > 0) {
    const heading = doc.createElement('p');
    heading.className = 'phrases-heading';
    heading.textContent = 'Highlighted in this reply:';
    const list = doc.createElement('ul');
    list.className = 'phrases';
    for (const { span, text } of phrases.slice(0, MAX_LISTED_PHRASES)) {
      const item = doc.createElement('li');
      const quote = doc.createElement('q');
      quote.textContent = text;
      item.append(quote, ` — ${span.label}: ${span.explanation}`);
      list.append(item);
    }
    if (phrases.length > MAX_LISTED_PHRASES) {
      const more = doc.createElement('li');
      more.textContent = `and ${phrases.length - MAX_LISTED_PHRASES} more`;
      list.append(more);
    }
    parts.push(heading, list);
  }
  return parts;
}
