import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AggregatorConfigOptions, ConfigError, type Environment, parseConfig } from './config.ts';

const DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: resolve('.data/aggregator'),
  bodyLimitBytes: 1_048_576,
  logLevel: 'info',
};

describe('parseConfig', () => {
  const valid: [string, AggregatorConfigOptions, Environment, object][] = [
    ['defaults', {}, {}, DEFAULTS],
    [
      'environment',
      {},
      {
        HOST: '0.0.0.0',
        PORT: '9000',
        DATA_DIR: '/srv/agg',
        DATABASE_URL: 'postgres://u:p@db:5432/agg',
        BODY_LIMIT_BYTES: '2048',
        LOG_LEVEL: 'debug',
      },
      {
        host: '0.0.0.0',
        port: 9000,
        dataDir: '/srv/agg',
        databaseUrl: 'postgres://u:p@db:5432/agg',
        bodyLimitBytes: 2048,
        logLevel: 'debug',
      },
    ],
    [
      'options win over environment',
      { port: 0, logLevel: 'silent' },
      { PORT: '9000', LOG_LEVEL: 'debug' },
      { ...DEFAULTS, port: 0, logLevel: 'silent' },
    ],
    ['empty variables count as unset', {}, { PORT: '', DATABASE_URL: '  ', HOST: '' }, DEFAULTS],
    [
      'postgresql:// scheme',
      { databaseUrl: 'postgresql://localhost/x' },
      {},
      { ...DEFAULTS, databaseUrl: 'postgresql://localhost/x' },
    ],
    [
      'relative data folder made absolute',
      { dataDir: 'here' },
      {},
      { ...DEFAULTS, dataDir: resolve('here') },
    ],
    ['surrounding spaces in numbers', {}, { PORT: ' 80 ' }, { ...DEFAULTS, port: 80 }],
  ];
  it.each(valid)('%s', (_name, options, env, expected) => {
    expect(parseConfig(options, env)).toEqual(expected);
  });

  const invalid: [string, AggregatorConfigOptions, Environment, string[]][] = [
    ['port not a number', {}, { PORT: 'http' }, ['PORT: must be a whole number (got "http")']],
    ['port fractional', {}, { PORT: '80.5' }, ['PORT: must be a whole number (got "80.5")']],
    ['port too big, from options', { port: 70_000 }, {}, ['option port: must be 65535 or less (got 70000)']],
    ['port negative', { port: -1 }, {}, ['option port: must be 0 or more (got -1)']],
    ['body limit zero', {}, { BODY_LIMIT_BYTES: '0' }, ['BODY_LIMIT_BYTES: must be 1 or more (got "0")']],
    [
      'body limit too big',
      { bodyLimitBytes: 2 ** 30 },
      {},
      [`option bodyLimitBytes: must be ${64 * 1024 * 1024} (64 MiB) or less (got ${2 ** 30})`],
    ],
    [
      'unknown log level',
      {},
      { LOG_LEVEL: 'loud' },
      ['LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    ],
    [
      'not a postgres URL',
      {},
      { DATABASE_URL: 'mysql://root:hunter2@db/x' },
      ['DATABASE_URL: must be a postgres:// URL'],
    ],
    [
      'every problem at once',
      { host: ' ' },
      { PORT: 'x', LOG_LEVEL: 'loud' },
      [
        'option host: must not be empty (got " ")',
        'PORT: must be a whole number (got "x")',
        'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      ],
    ],
  ];
  it.each(invalid)('rejects: %s', (_name, options, env, problems) => {
    let caught: unknown;
    try {
      parseConfig(options, env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual(problems);
    expect((caught as ConfigError).message).toContain(problems[0]);
  });

  it('never repeats a database URL, which may hold a password', () => {
    expect(() => parseConfig({}, { DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
