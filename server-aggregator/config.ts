import { resolve } from 'node:path';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AggregatorConfig {
  host: string;
  port: number;
  /** Absolute path of the folder for embedded storage. */
  dataDir: string;
  databaseUrl?: string;
  bodyLimitBytes: number;
  logLevel: LogLevel;
}

/** What a caller may set in code; each field falls back to its environment variable, then to a default. */
export interface AggregatorConfigOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  bodyLimitBytes?: number;
  logLevel?: LogLevel;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: '.data/aggregator',
  // Nothing the service accepts (updates of a small model, 32-byte roots, votes) comes near this.
  bodyLimitBytes: 1024 * 1024,
  logLevel: 'info',
} as const satisfies Omit<AggregatorConfig, 'databaseUrl'>;

const MAX_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const ENV_NAMES = {
  host: 'HOST',
  port: 'PORT',
  dataDir: 'DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  bodyLimitBytes: 'BODY_LIMIT_BYTES',
  logLevel: 'LOG_LEVEL',
} as const satisfies Record<keyof AggregatorConfigOptions, string>;

type Key = keyof typeof ENV_NAMES;

/** A whole number given as a number (options) or as decimal digits (environment). */
function wholeNumber(min: number, max: number, maxText = String(max)) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be ${min} or more`)
      .max(max, `must be ${maxText} or less`),
  );
}

const ConfigSchema = z.object({
  host: z.string().trim().min(1, 'must not be empty'),
  port: wholeNumber(0, 65535),
  dataDir: z.string().trim().min(1, 'must not be empty'),
  databaseUrl: z
    .string()
    .trim()
    .refine((url) => /^postgres(ql)?:\/\/./.test(url) && URL.canParse(url), 'must be a postgres:// URL')
    .optional(),
  bodyLimitBytes: wholeNumber(1, MAX_BODY_LIMIT_BYTES, `${MAX_BODY_LIMIT_BYTES} (64 MiB)`),
  logLevel: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid aggregator configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Resolves the configuration: explicit options first, then the environment (an empty variable counts as
 * unset), then defaults. Every problem is reported at once, named the way the operator set it.
 */
export function parseConfig(options: AggregatorConfigOptions = {}, env: Environment = {}): AggregatorConfig {
  const raw: Record<string, unknown> = {};
  const source: Partial<Record<Key, string>> = {};
  for (const key of Object.keys(ENV_NAMES) as Key[]) {
    const fromEnv = env[ENV_NAMES[key]];
    if (options[key] !== undefined) {
      raw[key] = options[key];
      source[key] = `option ${key}`;
    } else if (fromEnv !== undefined && fromEnv.trim() !== '') {
      raw[key] = fromEnv;
      source[key] = ENV_NAMES[key];
    } else if (key !== 'databaseUrl') {
      raw[key] = CONFIG_DEFAULTS[key];
    }
  }
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path[0] as Key;
        const name = source[key] ?? `default ${key}`;
        // A database URL may carry a password: never repeat it.
        const shown = key === 'databaseUrl' ? '' : ` (got ${JSON.stringify(raw[key])})`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const { databaseUrl, ...rest } = parsed.data;
  return { ...rest, dataDir: resolve(rest.dataDir), ...(databaseUrl === undefined ? {} : { databaseUrl }) };
}
