import { describe, expect, it } from 'vitest';
import { quotedRegions, SINGLE_QUOTE_MAX } from './quoted-regions.ts';

/** The quoted stretches of `text`, as strings. */
function quoted(text: string): string[] {
  return quotedRegions(text).map((region) => text.slice(region.start, region.end));
}

describe('quotedRegions', () => {
  it.each<[string, string, string[]]>([
    ['straight double quotes', 'The ad said "act now" twice.', ['"act now"']],
    ['curly double quotes', 'It read “today only” in red.', ['“today only”']],
    ['low-high quotes', 'Er schrieb „jetzt handeln“ dazu.', ['„jetzt handeln“']],
    ['guillemets', 'Le texte dit «agissez maintenant» encore.', ['«agissez maintenant»']],
    ['curly single quotes', 'A line like ‘act now’ is pressure.', ['‘act now’']],
    ['straight single quotes', "A line like 'act now' is pressure.", ["'act now'"]],
    ['apostrophes are not quotes', "Don't wait: it's the users' call.", []],
    [
      'a quote inside a quote merges into one region',
      'He wrote "she said \'no\' twice" once.',
      ['"she said \'no\' twice"'],
    ],
    ['inline code', 'Run `act now` in the shell.', ['`act now`']],
    ['a fenced block across lines', 'Try:\n```\nact now\n```\nDone.', ['```\nact now\n```']],
    ['a block-quote line', 'Draft:\n> I missed you!\nSend it.', ['> I missed you!']],
    ['an unclosed quote ends at the line break', 'He said "act now\nand left. "Fine" she said.', ['"Fine"']],
    ['an unclosed backtick is not code', 'A stray ` mark and more text.', []],
  ])('%s', (_name, text, expected) => {
    expect(quoted(text)).toEqual(expected);
  });

  it(`drops a single quote left open for more than ${SINGLE_QUOTE_MAX} characters`, () => {
    const text = `'${'word '.repeat(60)}' and more`;
    expect(quoted(text)).toEqual([]);
  });
});
