import { chatgptAdapter } from './chatgpt.ts';
import { claudeAdapter } from './claude.ts';
import { geminiAdapter } from './gemini.ts';
import { GENERIC_ADAPTERS } from './generic.ts';
import type { SiteAdapter } from './site-adapter.ts';

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  chatgptAdapter,
  claudeAdapter,
  geminiAdapter,
  ...GENERIC_ADAPTERS,
];

/** The adapter for a `location.host`, or undefined on a host the extension does not support. */
export function adapterForHost(host: string): SiteAdapter | undefined {
  const normalised = host.toLowerCase();
  return SITE_ADAPTERS.find((adapter) => adapter.hosts.includes(normalised));
}
