import { describe, expect, it } from 'vitest';
import { parsePreferenceRows } from './preference-rows.ts';

describe('parsePreferenceRows', () => {
  it('reads string replies and message lists ending with the assistant', () => {
    const text = [
      JSON.stringify({ prompt: 'Hi', chosen: 'Hello.', rejected: 'Hey!' }),
      '',
      JSON.stringify({
        prompt: 'Plan?',
        chosen: [
          { role: 'user', content: 'Plan?' },
          { role: 'assistant', content: 'Step one.' },
        ],
        rejected: [{ role: 'assistant', content: 'No.' }],
      }),
    ].join('\n');
    expect(parsePreferenceRows(text, 'p.jsonl')).toEqual({
      rows: [
        { line: 1, prompt: 'Hi', chosen: 'Hello.', rejected: 'Hey!' },
        { line: 3, prompt: 'Plan?', chosen: 'Step one.', rejected: 'No.' },
      ],
      problems: [],
    });
  });

  it.each([
    ['{"prompt": "x", "chosen": "a"', /^not valid JSON/],
    ['[1, 2]', 'expected a JSON object {prompt, chosen, rejected}'],
    ['{"prompt": "x"}', 'missing "chosen", "rejected"'],
    ['{"chosen": "a", "rejected": "b"}', 'missing "prompt"'],
    ['{"prompt": 3, "chosen": "a", "rejected": "b"}', '"prompt" must be a string'],
    [
      '{"prompt": "x", "chosen": 5, "rejected": "b"}',
      '"chosen" must be a string or a list of {role, content} messages',
    ],
    [
      '{"prompt": "x", "chosen": "a", "rejected": [{"role": "user", "content": "b"}]}',
      '"rejected" is a list whose last entry is not {"role": "assistant", "content": "…"}',
    ],
  ])('names the problem of %s', (line, message) => {
    const { rows, problems } = parsePreferenceRows(`\n${line}\n`, 'p.jsonl');
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.file).toBe('p.jsonl');
    if (typeof message === 'string') expect(problems[0]?.message).toBe(message);
    else expect(problems[0]?.message).toMatch(message);
  });
});
