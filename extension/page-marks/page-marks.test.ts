// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MARK_ATTRIBUTE, type MarkState, PageMarks } from './page-marks.ts';

function turnElement(): Element {
  const element = document.createElement('div');
  document.body.append(element);
  return element;
}

describe('PageMarks', () => {
  it.each<{ steps: MarkState[]; final: MarkState }>([
    { steps: ['pending'], final: 'pending' },
    { steps: ['pending', 'high'], final: 'high' },
    { steps: ['pending', 'none'], final: 'none' },
    { steps: ['pending', 'error'], final: 'error' },
  ])('marks a turn through $steps', ({ steps, final }) => {
    const marks = new PageMarks();
    const element = turnElement();
    const [first, ...rest] = steps;
    marks.set('chatgpt|c1|m1', element, first as MarkState);
    for (const state of rest) marks.update('chatgpt|c1|m1', state);
    expect(element.getAttribute(MARK_ATTRIBUTE)).toBe(final);
    expect(marks.stateOf('chatgpt|c1|m1')).toBe(final);
  });

  it('moves the mark to the element a re-render put in place of the old one', () => {
    const marks = new PageMarks();
    const original = turnElement();
    marks.set('claude|c1|i0', original, 'pending');
    const rerendered = turnElement();
    marks.track('claude|c1|i0', rerendered);
    // The answer arrives after the re-render: it lands on the element now on the page.
    marks.update('claude|c1|i0', 'medium');
    expect(rerendered.getAttribute(MARK_ATTRIBUTE)).toBe('medium');
    expect(original.getAttribute(MARK_ATTRIBUTE)).toBe('pending');
  });

  it('ignores keys it never marked', () => {
    const marks = new PageMarks();
    const element = turnElement();
    marks.track('gemini|c1|r_1', element);
    marks.update('gemini|c1|r_1', 'low');
    expect(element.hasAttribute(MARK_ATTRIBUTE)).toBe(false);
    expect(marks.stateOf('gemini|c1|r_1')).toBeUndefined();
  });

  it('removes every mark on clear', () => {
    const marks = new PageMarks();
    const a = turnElement();
    const b = turnElement();
    marks.set('k1', a, 'low');
    marks.set('k2', b, 'high');
    marks.clear();
    expect([a.hasAttribute(MARK_ATTRIBUTE), b.hasAttribute(MARK_ATTRIBUTE)]).toEqual([false, false]);
  });
});
