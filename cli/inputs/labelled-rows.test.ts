import { describe, expect, it } from 'vitest';
import { parseLabelledRows } from './labelled-rows.ts';

describe('parseLabelledRows', () => {
  it('reads ids, labels and scope, numbering rows without an id by line', () => {
    const text = [
      '{"id": "a", "text": "Act now!", "labels": ["T01"]}',
      '',
      '{"text": "Hello", "labels": []}',
      '{"id": 7, "text": "x", "labels": ["T05", "T05"], "scope": ["T05", "T18"]}',
    ].join('\n');
    expect(parseLabelledRows(text, 'eval.jsonl')).toEqual({
      rows: [
        { id: 'a', line: 1, text: 'Act now!', labels: ['T01'] },
        { id: 3, line: 3, text: 'Hello', labels: [] },
        { id: 7, line: 4, text: 'x', labels: ['T05'], scope: ['T05', 'T18'] },
      ],
      problems: [],
    });
  });

  it.each([
    ['not json', 'not valid JSON'],
    ['[]', 'expected a JSON object'],
    ['{"labels": []}', 'missing "text"'],
    ['{"text": "x"}', '"labels" must be an array'],
    ['{"text": "x", "labels": ["T99", "urgency"]}', 'unknown technique ids: "T99", "urgency"'],
    ['{"text": "x", "labels": ["T01"], "scope": ["T02"]}', 'outside the row\'s "scope"'],
    ['{"text": "x", "labels": [], "scope": "T02"}', '"scope" must be an array'],
    ['{"text": "x", "labels": [], "id": [1]}', '"id" must be'],
  ])('reports %s', (raw, message) => {
    const { rows, problems } = parseLabelledRows(`{"text": "ok", "labels": []}\n${raw}`, 'eval.jsonl');
    expect(rows).toHaveLength(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'eval.jsonl', line: 2 });
    expect(problems[0]?.message).toContain(message);
  });
});
