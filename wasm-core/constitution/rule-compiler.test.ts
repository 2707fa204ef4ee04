import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmCore } from '../core.ts';
import { loadCoreFromDisk } from '../node.ts';
import { FACT_SLOTS, FACT_SPECS } from './fact-catalog.ts';
import {
  compileRulePacks,
  OP_ALL,
  OP_ANY,
  OP_GE,
  OP_IN,
  OP_NE,
  OP_NOT,
  RULE_RECORD,
  RULE_TABLE_FORMAT,
  TABLE_HEADER,
} from './rule-compiler.ts';
import type { RulePack } from './rule-pack.ts';
import { validateRulePacks } from './rule-pack-validation.ts';

const T01 = { fact: 'technique.T01.score', op: '>=', value: 0.6 } as const;
const site = { fact: 'context.site', op: 'in', value: ['b.example', 'a.example'] } as const;

const packs: RulePack[] = validateRulePacks([
  {
    id: 'constitution',
    version: 3,
    rules: [
      {
        id: 'p2',
        principle: 'P2',
        category: 'constitutional_prohibition',
        kind: 'strict',
        when: { not: { fact: 'pattern.escalation', op: '!=', value: true } },
        then: 'violated',
        explain: 'P2 rule.',
      },
      {
        id: 'general',
        principle: 'P1',
        category: 'domain_guideline',
        kind: 'defeasible',
        when: { all: [T01] },
        then: 'concern',
        explain: 'General.',
      },
    ],
  },
  {
    id: 'personal',
    version: 1,
    rules: [
      {
        id: 'specific',
        principle: 'P1',
        category: 'domain_guideline',
        kind: 'defeasible',
        when: { all: [T01, site] },
        then: 'respected',
        explain: 'Specific.',
      },
      {
        id: 'off',
        principle: 'P1',
        category: 'personal_constitution',
        kind: 'defeater',
        when: { any: [{ fact: 'context.level', op: 'in', value: ['maximum'] }] },
        then: 'concern',
        explain: 'Off.',
        disabled: true,
      },
    ],
  },
]);

describe('compileRulePacks: the table layout', () => {
  const compiled = compileRulePacks(packs);
  const { table, constants } = compiled;

  it('writes the header, then rows grouped by principle in load order', () => {
    expect([...table.slice(0, TABLE_HEADER)]).toEqual([
      RULE_TABLE_FORMAT,
      FACT_SPECS.length,
      4,
      10,
      constants.length,
      table[5],
      2,
    ]);
    expect([...compiled.principleStarts]).toEqual([0, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
    expect([...table.slice(TABLE_HEADER, TABLE_HEADER + 11)]).toEqual([...compiled.principleStarts]);
    expect(compiled.ruleIds).toEqual(['general', 'specific', 'off', 'p2']);
    expect(compiled.explains).toEqual(['General.', 'Specific.', 'Off.', 'P2 rule.']);
  });

  it('writes each rule record and its condition program', () => {
    const records = TABLE_HEADER + 11;
    const code = records + 4 * RULE_RECORD;
    const record = (row: number) => [
      ...table.slice(records + row * RULE_RECORD, records + (row + 1) * RULE_RECORD),
    ];
    const program = (row: number) => {
      const start = code + (record(row)[6] as number);
      return [...table.slice(start, start + (table[start + 1] as number))];
    };
    const t01 = FACT_SLOTS.get('technique.T01.score');
    // principle, weight, kind, status, version, enabled, code offset, attack row offset
    expect(record(0)).toEqual([0, 600, 1, 1, 3, 1, record(0)[6], 0]);
    expect(record(1)).toEqual([0, 600, 1, 0, 1, 1, record(1)[6], 1]);
    expect(record(2)).toEqual([0, 700, 2, 1, 1, 0, record(2)[6], -1]);
    expect(record(3)).toEqual([1, 1000, 0, 2, 3, 1, record(3)[6], -1]);
    expect(program(0)).toEqual([OP_ALL, 7, 1, OP_GE, 4, t01, program(0)[6]]);
    expect(constants[program(0)[6] as number]).toBe(0.6);
    const siteProgram = program(1).slice(7);
    expect(siteProgram.slice(0, 3)).toEqual([OP_IN, 5, FACT_SLOTS.get('context.site')]);
    const first = siteProgram[3] as number;
    expect([...constants.slice(first, first + (siteProgram[4] as number))]).toEqual([
      compiled.strings.get('b.example'),
      compiled.strings.get('a.example'),
    ]);
    expect(program(2)[0]).toBe(OP_ANY);
    expect(program(3).slice(0, 2)).toEqual([OP_NOT, 6]);
    expect(program(3)[2]).toBe(OP_NE);
    expect(constants[program(3)[5] as number]).toBe(1);
  });

  it('precomputes who defeats whom: the more specific rule beats the general one, not the reverse', () => {
    const attack = table.length - 2;
    // general's row: bit 1 (specific) set; specific's row: nothing (general is less specific, older).
    expect([...table.slice(attack)]).toEqual([0b10, 0]);
  });

  it('lists the fact slots enabled rules read', () => {
    expect([...compiled.usedSlots]).toEqual(
      ['technique.T01.score', 'pattern.escalation', 'context.site']
        .map((f) => FACT_SLOTS.get(f))
        .sort((a, b) => (a as number) - (b as number)),
    );
  });
});

describe('the core checks the table it is given', () => {
  let core: WasmCore;
  beforeAll(async () => {
    core = await loadCoreFromDisk();
  });
  const good = compileRulePacks(packs);

  it('accepts the compiled table', () => {
    expect(() => core.loadRuleTable(good)).not.toThrow();
  });

  it.each([
    ['a wrong format tag', (t: Int32Array) => (t[0] = 7)],
    ['a rule count that does not match', (t: Int32Array) => (t[2] = 5)],
    ['an unknown opcode', (t: Int32Array) => (t[TABLE_HEADER + 11 + 4 * RULE_RECORD] = 99)],
    ['a slot out of range', (t: Int32Array) => (t[TABLE_HEADER + 11 + 4 * RULE_RECORD + 5] = 4096)],
    ['a node length past the program', (t: Int32Array) => (t[TABLE_HEADER + 11 + 4 * RULE_RECORD + 1] = 1e6)],
  ])('rejects %s', (_, spoil) => {
    const table = good.table.slice();
    spoil(table);
    expect(() => core.loadRuleTable({ table, constants: good.constants })).toThrow(
      /rejected the compiled rule table/,
    );
  });
});
