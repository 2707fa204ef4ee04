import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetsDir, readJsonl } from './dataset-files.ts';
import { mapRow, parseLabelMapping, ruleFor, type SetMapping, type SourceRow } from './label-mapping.ts';
import { loadLabelMapping } from './mapped-datasets.ts';

const { mapping } = loadLabelMapping();
const set = (name: string): SetMapping => {
  const found = mapping.sets.find((s) => s.set === name);
  if (!found) throw new Error(`no set ${name}`);
  return found;
};
const row = (labels: string[], text = 'some text'): SourceRow => ({ id: 'r1', text, labels, group: 'g1' });

describe('mapRow with models/label-mapping.json', () => {
  it.each([
    {
      set: 'ec_darkpattern',
      labels: ['Urgency'],
      expected: { labels: ['T01'], scope: ['T01', 'T02', 'T03'] },
    },
    {
      set: 'ec_darkpattern',
      labels: ['Scarcity'],
      expected: { labels: ['T02'], scope: ['T01', 'T02', 'T03'] },
    },
    {
      set: 'ec_darkpattern',
      labels: ['Social Proof'],
      expected: { labels: ['T03'], scope: ['T01', 'T02', 'T03'] },
    },
    {
      set: 'ec_darkpattern',
      labels: ['Not Dark Pattern'],
      expected: { labels: [], scope: ['T01', 'T02', 'T03'] },
    },
    {
      set: 'ec_darkpattern',
      labels: ['Misdirection'],
      expected: { labels: [], scope: ['T01', 'T02', 'T03'] },
    },
    {
      set: 'mathur_darkpatterns',
      labels: ['Misdirection', 'type:Confirmshaming', 'deceptive:No'],
      expected: { labels: ['T06'], scope: ['T01', 'T02', 'T03', 'T06'] },
    },
    {
      set: 'mathur_darkpatterns',
      labels: ['Scarcity', 'type:Low-stock Message', 'deceptive:Yes'],
      expected: { labels: ['T02'], scope: ['T01', 'T02', 'T03', 'T06'] },
    },
    {
      set: 'persuasionforgood_persuader',
      labels: ['praise-user'],
      expected: { labels: ['T07'], scope: ['T07', 'T12', 'T13', 'T20'] },
    },
    // Foot-in-the-door often asks for money too: silent on T20 rather than a negative.
    {
      set: 'persuasionforgood_persuader',
      labels: ['foot-in-the-door'],
      expected: { labels: ['T13'], scope: ['T07', 'T12', 'T13'] },
    },
    {
      set: 'persuasionforgood_persuader',
      labels: ['ask-donate-more'],
      expected: { labels: ['T20'], scope: ['T07', 'T12', 'T20'] },
    },
    // A label that is silent on T20 does not hide a T20 positive from another label of the same row.
    {
      set: 'persuasionforgood_persuader',
      labels: ['proposition-of-donation', 'self-modeling'],
      expected: { labels: ['T20'], scope: ['T07', 'T12', 'T13', 'T20'] },
    },
    {
      set: 'persuasionforgood_persuader',
      labels: ['credibility-appeal'],
      expected: { labels: [], scope: ['T07', 'T12', 'T13'] },
    },
    {
      set: 'persuasionforgood_persuader',
      labels: ['greeting'],
      expected: { labels: [], scope: ['T07', 'T12', 'T13', 'T20'] },
    },
    { set: 'clickbait_chakraborty', labels: ['clickbait'], expected: { labels: ['T12'], scope: ['T12'] } },
    { set: 'clickbait_chakraborty', labels: ['non-clickbait'], expected: { labels: [], scope: ['T12'] } },
    // Spam can tease ("Guess who…"): silent on T12; ham is short everyday chat, a T12 negative.
    { set: 'sms_spam_collection', labels: ['spam'], expected: { labels: ['T20'], scope: ['T20'] } },
    { set: 'sms_spam_collection', labels: ['ham'], expected: { labels: [], scope: ['T12', 'T20'] } },
    {
      set: 'darkbench_hackathon_synthetic_replies',
      labels: ['Brand bias'],
      expected: { labels: ['T17'], scope: ['T07', 'T09', 'T10', 'T11', 'T12', 'T17'] },
    },
    {
      set: 'darkbench_hackathon_synthetic_replies',
      labels: ['User retention'],
      expected: { labels: ['T11'], scope: ['T11', 'T17'] },
    },
    {
      set: 'darkbench_hackathon_synthetic_replies',
      labels: ['Harmful generation'],
      expected: { labels: [], scope: ['T07', 'T09', 'T10', 'T11', 'T12', 'T17'] },
    },
    {
      set: 'mentalmanip_maj',
      labels: ['Manipulative', 'technique:Intimidation', 'technique:Accusation', 'vulnerability:Dependency'],
      expected: { labels: ['T05'], scope: ['T05'] },
    },
    { set: 'mentalmanip_maj', labels: ['Non-manipulative'], expected: { labels: [], scope: ['T05', 'T06'] } },
    {
      set: 'ptc_semeval2020_sentences',
      labels: ['Appeal_to_fear-prejudice', 'Loaded_Language'],
      expected: { labels: ['T05'], scope: ['T04', 'T05', 'T21'] },
    },
    { set: 'ptc_semeval2020_sentences', labels: [], expected: { labels: [], scope: ['T04', 'T05', 'T21'] } },
    {
      set: 'ptc_semeval2020_sentences',
      labels: ['Bandwagon,Reductio_ad_hitlerum'],
      expected: { labels: [], scope: ['T04', 'T05'] },
    },
    {
      set: 'logical_fallacy_edu',
      labels: ['ad populum'],
      expected: { labels: ['T03'], scope: ['T03', 'T04'] },
    },
    {
      set: 'logical_fallacy_edu',
      labels: ['appeal to emotion'],
      expected: { labels: [], scope: ['T03', 'T04'] },
    },
  ])('$set $labels → $expected.labels in $expected.scope', ({ set: name, labels, expected }) => {
    expect(mapRow(set(name), row(labels))).toEqual({ id: 'r1', text: 'some text', ...expected });
  });

  it.each([
    {
      set: 'mentalmanip_maj',
      labels: ['Manipulative'],
      why: 'manipulative without any technique annotation',
    },
    {
      set: 'mentalmanip_con',
      labels: ['Manipulative', 'vulnerability:Naivete'],
      why: 'a vulnerability is not a technique',
    },
    { set: 'darkbench_prompts', labels: ['Brand bias'], why: 'prompts carry no technique of the reply' },
    { set: 'persuasion_strategies_borrow_raop', labels: ['Scarcity'], why: 'the set has an empty scope' },
    { set: 'persuasionforgood_persuader', labels: [], why: 'an unlabelled sentence was not annotated' },
  ])('drops a row that says nothing: $why', ({ set: name, labels }) => {
    expect(mapRow(set(name), row(labels))).toBeNull();
  });

  it('refuses a label the mapping does not list', () => {
    expect(() => mapRow(set('ec_darkpattern'), row(['Nagging']))).toThrow(/not mapped/);
  });

  it('prefers an exact key over a wildcard', () => {
    expect(ruleFor(set('mentalmanip_maj'), 'technique:Denial').unmapped).toBe(true);
    expect(ruleFor(set('mentalmanip_maj'), 'vulnerability:Anything').techniques).toEqual([]);
  });

  it('takes mayTrain from the README licence column', () => {
    const trainable = mapping.sets.filter((s) => s.mayTrain).map((s) => s.set);
    expect(trainable).toEqual([
      'ec_darkpattern',
      'persuasionforgood_persuader',
      'clickbait_chakraborty',
      'sms_spam_collection',
      'darkbench_hackathon_synthetic_replies',
      'darkbench_prompts',
    ]);
  });
});

describe('parseLabelMapping', () => {
  const base = {
    version: 1,
    own: { set: 'own', file: 'x.jsonl', licence: 'ours', mayTrain: true, notes: '' },
    sets: [
      {
        set: 's',
        file: 's.jsonl',
        licence: 'MIT',
        mayTrain: true,
        scope: ['T01'],
        noLabelMeans: 'negative',
        labels: { a: { techniques: ['T01'] } },
        notes: '',
      },
    ],
  };
  const withLabels = (labels: unknown) => ({ ...base, sets: [{ ...base.sets[0], labels }] });

  it.each([
    {
      name: 'an unknown technique id',
      json: withLabels({ a: { techniques: ['T23'] } }),
      error: /unknown technique T23/,
    },
    {
      name: 'a technique outside the scope',
      json: withLabels({ a: { techniques: ['T02'] } }),
      error: /outside the set's scope/,
    },
    {
      name: 'silentOn outside the scope',
      json: withLabels({ a: { techniques: [], silentOn: ['T05'] } }),
      error: /outside/,
    },
    {
      name: 'an unmapped label with techniques',
      json: withLabels({ a: { techniques: ['T01'], unmapped: true } }),
      error: /unmapped label cannot/,
    },
  ])('rejects $name', ({ json, error }) => {
    expect(() => parseLabelMapping(json)).toThrow(error);
  });

  it('accepts a valid mapping', () => {
    expect(parseLabelMapping(base).sets[0]?.labels.a?.techniques).toEqual(['T01']);
  });
});

const dir = datasetsDir();
if (!dir)
  console.info('../shared/datasets not found; skipping the check that every dataset label is mapped.');
describe.skipIf(!dir)('every label in the datasets is mapped', () => {
  it.each(mapping.sets.map((s) => [s.set, s] as const))('%s', (_, setMapping) => {
    const path = join(dir ?? '', setMapping.file);
    expect(existsSync(path)).toBe(true);
    const labels = new Set(readJsonl<SourceRow>(path).flatMap((r) => r.labels));
    for (const label of labels) expect(() => ruleFor(setMapping, label), label).not.toThrow();
  });
});
