import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assistantId, assistantParts } from './assistant-id.ts';

describe('assistant ids', () => {
  it.each([
    { site: 'chatgpt', model: 'gpt-5', id: 'chatgpt|gpt-5' },
    { site: 'claude', model: undefined, id: 'claude' },
    { site: 'claude', model: '', id: 'claude' },
    { site: 'chatgpt.com', model: 'gpt-4o', id: 'chatgpt.com|gpt-4o' },
  ])('$site with model $model is $id', ({ site, model, id }) => {
    expect(assistantId(site, model)).toBe(id);
  });

  it.each([
    { id: 'chatgpt|gpt-5', parts: { site: 'chatgpt', model: 'gpt-5' } },
    { id: 'mistral', parts: { site: 'mistral' } },
    { id: 'poe|a|b', parts: { site: 'poe', model: 'a|b' } },
  ])('$id splits into $parts', ({ id, parts }) => {
    expect(assistantParts(id)).toEqual(parts);
  });

  it('splits every id back into the site and model it was made of', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.includes('|')),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (site, model) => {
          expect(assistantParts(assistantId(site, model))).toEqual(
            model === undefined ? { site } : { site, model },
          );
        },
      ),
    );
  });
});
