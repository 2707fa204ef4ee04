// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyAction } from '../../wasm-core/constitution/rule-pack.ts';
import type { HighlightSpan, PrincipleAtStake, ReplyGuidance } from '../messages.ts';
import { extractTextMap } from '../site-adapters/turn-text.ts';
import { BLUR_ATTRIBUTE } from './blur-overlay.ts';
import { FINDING_HIGHLIGHT, FindingHighlights, type HighlightApi } from './finding-highlights.ts';
import { type AnnotatedReply, ReplyAnnotations } from './reply-annotations.ts';
import { REPLY_NOTE_TAG } from './reply-note.ts';

const TEXT = 'Honestly, you should act now.\nVote for the Harbor Party.';
const KEY = 'chatgpt|c1|m1';

const autonomy: PrincipleAtStake = {
  principle: 'P1',
  name: 'user autonomy',
  status: 'concern',
  explanation: 'Pushes you to act before you have thought it through.',
};
const values: PrincipleAtStake = {
  principle: 'P8',
  name: 'value alignment',
  status: 'violated',
  explanation: 'Nudges you towards a political party.',
};

function span(phrase: string, technique: HighlightSpan['technique'], label: string): HighlightSpan {
  const start = TEXT.indexOf(phrase);
  return { start, end: start + phrase.length, technique, label, explanation: `${label} explained.` };
}

const spans = [
  span('act now', 'T01', 'Urgency'),
  span('Vote for the Harbor Party', 'T18', 'Political steering'),
];

function guidance(action: ReplyAction, principles = [autonomy, values]): ReplyGuidance {
  return { action, principles, highlights: spans };
}

/** A registry that records what the page would paint (happy-dom has no CSS.highlights). */
function fakeHighlightApi(): HighlightApi & { painted(): string[] } {
  const registry = new Map<string, Set<AbstractRange>>();
  return {
    registry: registry as unknown as HighlightRegistry,
    create: () => new Set<AbstractRange>() as unknown as Highlight,
    painted: () => [...(registry.get(FINDING_HIGHLIGHT) ?? [])].map((range) => (range as Range).toString()),
  };
}

/** A chat turn as sites render them: a wrapper holding the turn, whose text sits in two paragraphs. */
function turnElement(): HTMLElement {
  const turn = document.createElement('div');
  turn.className = 'turn';
  turn.innerHTML =
    '<div class="markdown"><p>Honestly, you should <strong>act now</strong>.</p><p>Vote for the Harbor Party.</p></div><button>Copy</button>';
  return turn;
}

function setUp(action: ReplyAction, reply: Partial<AnnotatedReply> = {}) {
  const thread = document.createElement('main');
  const turn = turnElement();
  thread.append(turn);
  document.body.append(thread);
  const api = fakeHighlightApi();
  const annotations = new ReplyAnnotations({
    textMap: (element) => extractTextMap(element.querySelector('.markdown') ?? element),
    highlights: new FindingHighlights(api),
  });
  annotations.show(KEY, turn, { guidance: guidance(action), text: TEXT, announce: true, ...reply });
  return { thread, turn, api, annotations };
}

function noteOf(thread: Element): ShadowRoot | null {
  return thread.querySelector(REPLY_NOTE_TAG)?.shadowRoot ?? null;
}

function showReplyButton(thread: Element): HTMLButtonElement {
  const button = noteOf(thread)?.querySelector<HTMLButtonElement>('.show-reply');
  if (!button) throw new Error('no "Show reply" button');
  return button;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('ReplyAnnotations', () => {
  it.each(['record', 'badge'] as const)('%s: nothing is added to the page', (action) => {
    const { thread, turn, api } = setUp(action);
    expect(thread.querySelector(REPLY_NOTE_TAG)).toBeNull();
    expect(api.painted()).toEqual([]);
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
    expect(thread.innerHTML).toBe(turnElement().outerHTML);
  });

  it('highlight: paints the finding spans and puts a marker before the reply, no warning, no blur', () => {
    const { thread, turn, api } = setUp('highlight');
    expect(api.painted()).toEqual(['act now', 'Vote for the Harbor Party']);
    const note = noteOf(thread);
    expect(thread.querySelector(REPLY_NOTE_TAG)?.nextElementSibling).toBe(turn);
    expect(note?.querySelector('.marker-button')?.textContent).toBe('⚑ 2 principles at stake');
    expect(note?.querySelector('[role="alert"], [role="note"], .warning')).toBeNull();
    expect(note?.querySelector('.show-reply')).toBeNull();
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
    // The site's own markup is untouched: highlights are painted over it, not wrapped into it.
    expect(turn.outerHTML).toBe(turnElement().outerHTML);
  });

  it('the marker shows its explanation on keyboard focus and on hover, and says so with aria-expanded', () => {
    const { thread } = setUp('highlight');
    const note = noteOf(thread) as ShadowRoot;
    const button = note.querySelector('.marker-button') as HTMLButtonElement;
    const panelId = button.getAttribute('aria-describedby') as string;
    const panel = note.getElementById(panelId) as HTMLElement;
    expect(button.getAttribute('aria-controls')).toBe(panelId);
    expect(panel.getAttribute('role')).toBe('tooltip');
    expect(panel.hidden).toBe(true);
    expect(panel.textContent).toContain('User autonomy (P1) — concern: Pushes you to act');
    expect(panel.textContent).toContain('act now — Urgency: Urgency explained.');
    expect(panel.querySelector('q')?.textContent).toBe('act now');

    button.focus();
    expect(panel.hidden).toBe(false);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(panel.hidden).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    button.blur();

    const marker = note.querySelector('.marker') as HTMLElement;
    marker.dispatchEvent(new MouseEvent('mouseenter'));
    expect(panel.hidden).toBe(false);
    marker.dispatchEvent(new MouseEvent('mouseleave'));
    expect(panel.hidden).toBe(true);

    button.click();
    expect(panel.hidden).toBe(false);
    button.click();
    expect(panel.hidden).toBe(true);
  });

  it.each([
    { announce: true, role: 'alert' },
    { announce: false, role: 'note' },
  ])('warn: a warning naming the violated principle first (announced: $announce)', ({ announce, role }) => {
    const { thread, turn } = setUp('warn', { announce });
    const note = noteOf(thread) as ShadowRoot;
    const warning = note.querySelector('.warning') as HTMLElement;
    expect(warning.getAttribute('role')).toBe(role);
    const title = note.getElementById(warning.getAttribute('aria-labelledby') as string);
    expect(title?.textContent).toBe('Warning: this reply violates value alignment.');
    expect([...warning.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'Value alignment (P8) — violated: Nudges you towards a political party.',
      'User autonomy (P1) — concern: Pushes you to act before you have thought it through.',
    ]);
    expect(note.querySelector('.marker-button')).not.toBeNull();
    expect(note.querySelector('.show-reply')).toBeNull();
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
  });

  it('warn with concerns only says so', () => {
    const thread = document.createElement('main');
    const turn = turnElement();
    thread.append(turn);
    document.body.append(thread);
    const annotations = new ReplyAnnotations({
      textMap: (element) => extractTextMap(element),
      highlights: new FindingHighlights(fakeHighlightApi()),
    });
    annotations.show(KEY, turn, { guidance: guidance('warn', [autonomy]), text: TEXT, announce: false });
    expect(noteOf(thread)?.querySelector('.warning-title')?.textContent).toBe(
      'Caution: this reply raises concerns about user autonomy.',
    );
  });

  it('blur: the reply is blurred and inert until "Show reply", then shown with focus on the warning', () => {
    const { thread, turn } = setUp('blur');
    const note = noteOf(thread) as ShadowRoot;
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(true);
    expect(turn.hasAttribute('inert')).toBe(true);
    const show = note.querySelector('.show-reply') as HTMLButtonElement;
    expect(show.tagName).toBe('BUTTON');
    expect(show.textContent).toBe('Show reply');
    expect(note.getElementById(show.getAttribute('aria-describedby') as string)?.textContent).toMatch(
      /hidden/,
    );
    expect(note.querySelector('.warning')).not.toBeNull();

    show.click();
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
    expect(turn.hasAttribute('inert')).toBe(false);
    expect(note.querySelector('.show-reply')).toBeNull();
    expect(note.activeElement).toBe(note.querySelector('.warning'));
  });

  it('leaves a reply the site had made inert itself inert after "Show reply"', () => {
    const thread = document.createElement('main');
    const turn = turnElement();
    turn.setAttribute('inert', '');
    thread.append(turn);
    document.body.append(thread);
    const annotations = new ReplyAnnotations({
      textMap: (element) => extractTextMap(element),
      highlights: new FindingHighlights(fakeHighlightApi()),
    });
    annotations.show(KEY, turn, { guidance: guidance('blur'), text: TEXT, announce: false });
    showReplyButton(thread).click();
    expect(turn.hasAttribute('inert')).toBe(true);
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
  });

  it('follows a re-rendered reply: note, highlights and blur move to the new element', () => {
    const { thread, turn, api, annotations } = setUp('blur');
    const copy = turnElement();
    turn.replaceWith(copy);
    // A framework re-render can take the note along with the old element's container, too.
    thread.querySelector(REPLY_NOTE_TAG)?.remove();
    annotations.track(KEY, copy);

    expect(copy.hasAttribute(BLUR_ATTRIBUTE)).toBe(true);
    expect(thread.querySelector(REPLY_NOTE_TAG)?.nextElementSibling).toBe(copy);
    expect(api.painted()).toEqual(['act now', 'Vote for the Harbor Party']);
    const painted = [...(api.registry.get(FINDING_HIGHLIGHT) as unknown as Set<Range>)];
    expect(painted.every((range) => copy.contains(range.startContainer))).toBe(true);

    showReplyButton(thread).click();
    const again = turnElement();
    copy.replaceWith(again);
    annotations.track(KEY, again);
    expect(again.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
    expect(noteOf(thread)?.querySelector('.show-reply')).toBeNull();
  });

  it('a re-render that clones the thread leaves no copy of the note behind', () => {
    const { thread, annotations } = setUp('warn');
    const clone = thread.cloneNode(true) as HTMLElement;
    thread.replaceWith(clone);
    annotations.track(KEY, clone.querySelector('.turn') as Element);
    const notes = [...clone.querySelectorAll(REPLY_NOTE_TAG)];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.shadowRoot?.querySelector('.warning')).not.toBeNull();
  });

  it('maps again when the site replaces the text nodes inside the same element', () => {
    const { turn, api, annotations } = setUp('highlight');
    const markdown = turn.querySelector('.markdown') as HTMLElement;
    const html = markdown.innerHTML;
    markdown.innerHTML = html;
    annotations.track(KEY, turn);
    expect(api.painted()).toEqual(['act now', 'Vote for the Harbor Party']);
  });

  it('highlights nothing where the text no longer reads as analysed', () => {
    const { turn, api, annotations } = setUp('highlight');
    // Same length, so the other span's offsets still hold: only the changed phrase goes.
    (turn.querySelector('strong') as HTMLElement).textContent = 'hold on';
    annotations.track(KEY, turn);
    expect(api.painted()).toEqual(['Vote for the Harbor Party']);
  });

  it('seeing the same element again writes nothing to the page', async () => {
    const { thread, turn, annotations } = setUp('blur');
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(thread, { subtree: true, childList: true, attributes: true, characterData: true });
    annotations.track(KEY, turn);
    annotations.track(KEY, turn);
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    expect(changes).toEqual([]);
  });

  it('clear() takes everything down', () => {
    const { thread, turn, api, annotations } = setUp('blur');
    annotations.clear();
    expect(thread.querySelector(REPLY_NOTE_TAG)).toBeNull();
    expect(turn.hasAttribute(BLUR_ATTRIBUTE)).toBe(false);
    expect(turn.hasAttribute('inert')).toBe(false);
    expect(api.painted()).toEqual([]);
  });
});
