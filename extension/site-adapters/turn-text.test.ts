// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE_CHROME_SELECTOR,
  extractText,
  extractTextMap,
  extractTextMapOfAll,
  extractTextOfAll,
  keptAfterFinishing,
  type TextMap,
} from './turn-text.ts';

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

function mapOf(html: string, skip = BASE_CHROME_SELECTOR): TextMap {
  const root = document.createElement('div');
  root.innerHTML = html;
  return extractTextMap(root, skip);
}

/** The source of text[start, end) as (node text, offset) pairs, '·' for units the extraction added. */
function sources(map: TextMap, start = 0, end = map.text.length): string[] {
  const out: string[] = [];
  for (let i = start; i < end; i++) {
    const node = map.nodes[i];
    out.push(node ? `${node.nodeValue}@${map.offsets[i]}` : '·');
  }
  return out;
}

/** Every mapped unit is the unit of its node it claims to be (a collapsed space maps to whitespace). */
function expectConsistent(map: TextMap): void {
  expect(map.nodes).toHaveLength(map.text.length);
  expect(map.offsets).toHaveLength(map.text.length);
  for (let i = 0; i < map.text.length; i++) {
    const node = map.nodes[i];
    if (!node) continue;
    const source = (node.nodeValue ?? '').charAt(map.offsets[i] ?? -1);
    if (map.text.charAt(i) === ' ') expect(source, `unit ${i}`).toMatch(/[ \t\n\f\r]/);
    else expect(source, `unit ${i}`).toBe(map.text.charAt(i));
  }
}

describe('extractTextMap', () => {
  it.each([
    {
      name: 'text split across inline nodes',
      html: '<p>Act <strong>now</strong>, please</p>',
      text: 'Act now, please',
      span: [4, 8],
      from: ['now@0', 'now@1', 'now@2', ', please@0'],
    },
    {
      name: 'a skipped button between two text nodes',
      html: '<p>Reply<button>Copy</button> more</p>',
      text: 'Reply more',
      span: [3, 7],
      from: ['Reply@3', 'Reply@4', ' more@0', ' more@1'],
    },
    {
      name: 'a collapsed whitespace run maps to its first unit',
      html: '<p>  act \n\n  now  </p>',
      text: 'act now',
      span: [2, 5],
      from: ['  act \n\n  now  @4', '  act \n\n  now  @5', '  act \n\n  now  @10'],
    },
    {
      name: 'line breaks between blocks come from no node',
      html: '<p>one</p><p>two</p>',
      text: 'one\ntwo',
      span: [2, 5],
      from: ['one@2', '·', 'two@0'],
    },
    {
      name: 'a br is a line break from no node',
      html: '<p>a<br>b</p>',
      text: 'a\nb',
      span: [0, 3],
      from: ['a@0', '·', 'b@0'],
    },
    {
      name: 'pre keeps every unit of its node',
      html: '<pre>x  = 1\n  y</pre>',
      text: 'x  = 1\n  y',
      span: [6, 10],
      from: ['x  = 1\n  y@6', 'x  = 1\n  y@7', 'x  = 1\n  y@8', 'x  = 1\n  y@9'],
    },
    {
      name: 'table cells lose their trailing space and gain a tab',
      html: '<table><tr><td>Price </td><td>9</td></tr></table>',
      text: 'Price\t9',
      span: [4, 7],
      from: ['Price @4', '·', '9@0'],
    },
    {
      name: 'trailing spaces of a line and leading whitespace of the text go',
      html: '<div> <span> lead</span> </div><p>next </p>',
      text: 'lead\nnext',
      span: [0, 6],
      from: [' lead@1', ' lead@2', ' lead@3', ' lead@4', '·', 'next @0'],
    },
    {
      name: 'hidden and inert content is not mapped',
      html: '<p><span aria-hidden="true">dup</span>say<span hidden>x</span> it</p>',
      text: 'say it',
      span: [0, 6],
      from: ['say@0', 'say@1', 'say@2', ' it@0', ' it@1', ' it@2'],
    },
    {
      name: 'a no-break space is text, not collapsible whitespace',
      html: '<p>a\u00a0 b</p>',
      text: 'a\u00a0 b',
      span: [1, 3],
      from: ['a\u00a0 b@1', 'a\u00a0 b@2'],
    },
  ])('$name', ({ html, text, span, from }) => {
    const map = mapOf(html);
    expect(map.text).toBe(text);
    expect(map.text).toBe(textOf(html));
    expect(sources(map, span[0], span[1])).toEqual(from);
    expectConsistent(map);
  });

  it('joins several roots one paragraph apart, the separator from no node', () => {
    const roots = ['<p>first</p>', '<button>only chrome</button>', '<p>second</p>'].map((html) => {
      const root = document.createElement('div');
      root.innerHTML = html;
      return root;
    });
    const map = extractTextMapOfAll(roots);
    expect(map.text).toBe(extractTextOfAll(roots));
    expect(map.text).toBe('first\n\nsecond');
    expect(sources(map, 4, 8)).toEqual(['first@4', '·', '·', 'second@0']);
    expectConsistent(map);
  });

  const fragment = fc.oneof(
    fc.constantFrom(
      '<p>',
      '</p>',
      '<b>',
      '</b>',
      '<br>',
      '<li>',
      '<pre>',
      '</pre>',
      '<td>',
      '<tr>',
      '<table>',
    ),
    fc.constantFrom('<button>x</button>', '<span hidden>h</span>', '<div>', '</div>'),
    fc.stringMatching(/^[a-c \t\n\u00a0]{0,6}$/),
  );

  it('agrees with extractText on any markup, and every mapped unit is its source unit', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 25 }), (parts) => {
        const html = parts.join('');
        const map = mapOf(html);
        expect(map.text).toBe(textOf(html));
        expectConsistent(map);
      }),
      { numRuns: 300 },
    );
  });
});

describe('keptAfterFinishing', () => {
  /** The clean-up as plain string operations: what the mask must reproduce. */
  function finishedByStrings(text: string): string {
    return text
      .split('\n')
      .map((line) => line.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  it('keeps exactly the units the string clean-up keeps', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab \t\n\u00a0\u2028]{0,30}$/), (text) => {
        const keep = keptAfterFinishing(text);
        const kept = [...text].filter((_, i) => keep[i] === 1).join('');
        expect(kept).toBe(finishedByStrings(text));
      }),
      { numRuns: 2000 },
    );
  });
});
