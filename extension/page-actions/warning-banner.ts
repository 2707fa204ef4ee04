import type { PrincipleAtStake } from '../messages.ts';
import { bySeverity, principleTitle } from './principle-title.ts';

/**
 * The warning above a reply: names the principles at stake (violations first) with the deciding rule's
 * sentence for each. `announce` makes it an alert, read out as soon as it appears — for a reply that just
 * arrived; a reply already on the page when it was loaded gets a note, so opening a long conversation does
 * not read out every warning in it.
 */
export function warningBanner(
  doc: Document,
  id: string,
  principles: readonly PrincipleAtStake[],
  announce: boolean,
): HTMLElement {
  const ordered = bySeverity(principles);
  const banner = doc.createElement('div');
  banner.className = 'warning';
  banner.setAttribute('role', announce ? 'alert' : 'note');
  // Focus lands here once a blurred reply is shown, so the keyboard user is not dropped to the page's top.
  banner.tabIndex = -1;
  const titleId = `${id}-warning-title`;
  banner.setAttribute('aria-labelledby', titleId);
  const title = doc.createElement('p');
  title.id = titleId;
  title.className = 'warning-title';
  title.textContent = warningTitle(ordered);
  const list = doc.createElement('ul');
  for (const principle of ordered) {
    const item = doc.createElement('li');
    const name = doc.createElement('strong');
    name.textContent = `${principleTitle(principle)}: `;
    item.append(name, principle.explanation);
    list.append(item);
  }
  banner.append(title, list);
  return banner;
}

function warningTitle(principles: readonly PrincipleAtStake[]): string {
  const violated = principles.filter((p) => p.status === 'violated').map((p) => p.name);
  if (violated.length > 0) return `Warning: this reply violates ${namesList(violated)}.`;
  const concerns = principles.map((p) => p.name);
  if (concerns.length > 0) return `Caution: this reply raises concerns about ${namesList(concerns)}.`;
  return 'Warning: this reply was flagged.';
}

function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
