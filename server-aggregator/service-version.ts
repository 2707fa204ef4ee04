import packageJson from '../package.json' with { type: 'json' };

/** The aggregator ships with the rest of the project, so it carries the project's version. */
export const SERVICE_VERSION: string = packageJson.version;
