// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BASE_CHROME_SELECTOR, extractText } from './turn-text.ts';

function textOf(html: string, skip = BASE_CHROME_SELECTOR): string {
  const root = document.createElement('div');
  root.innerHTML = html;
  return extractText(root, skip);
}

describe('extractText', () => {
  it.each([
    { name: 'paragraphs become lines', html: '<p>One.</p><p>Two.</p>', text: 'One.\nTwo.' },
    {
      name: 'inline markup runs on',
      html: '<p>A <strong>bold</strong> <em>claim</em>.</p>',
      text: 'A bold claim.',
    },
    { name: 'source whitespace collapses', html: '<p>  spread\n\n   out  </p>', text: 'spread out' },
    { name: 'no doubled spaces across nodes', html: '<span>a </span><span> b</span>', text: 'a b' },
    { name: 'br breaks a line', html: '<p>line one<br>line two</p>', text: 'line one\nline two' },
    {
      name: 'lists are one item per line',
      html: '<ul><li>first</li><li>second</li></ul>',
      text: 'first\nsecond',
    },
    {
      name: 'pre keeps indentation',
      html: '<pre><code>def f():\n    return 1</code></pre>',
      text: 'def f():\n    return 1',
    },
    {
      name: 'table rows are lines, cells tab-separated, block content in cells included',
      html: '<table><tr><th>Country </th><th>Wage</th></tr><tr><td><div><p>Denmark</p></div></td><td>58,000</td></tr></table>',
      text: 'Country\tWage\nDenmark\t58,000',
    },
    {
      name: 'buttons, icons and screen-reader labels are chrome',
      html: '<h6 class="sr-only">Assistant said:</h6><p>Reply<button aria-label="Copy">Copy code</button></p><svg><text>x</text></svg>',
      text: 'Reply',
    },
    {
      name: 'hidden and inert content is not read',
      html: '<div inert><p>reasoning</p></div><div hidden>draft</div><span aria-hidden="true">dup</span><p>answer</p>',
      text: 'answer',
    },
    {
      name: 'KaTeX source annotation is dropped',
      html: '<math><mi>x</mi><annotation>x^2</annotation></math>',
      text: 'x',
    },
    { name: 'empty reply', html: '<div><button>Retry</button></div>', text: '' },
  ])('$name', ({ html, text }) => {
    expect(textOf(html)).toBe(text);
  });

  it('leaves out subtrees matching an extra selector', () => {
    expect(textOf('<div class="label">html</div><p>body</p>', `${BASE_CHROME_SELECTOR}, .label`)).toBe(
      'body',
    );
  });
});
