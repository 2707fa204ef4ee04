import { assistantParts } from './assistant-id.ts';

/**
 * How each site (ChatTurn.site, as the extension's site adapters name them) is shown to people. Sites not
 * listed here, such as the host names of imported histories, are shown as they are.
 */
export const SITE_NAMES: Readonly<Record<string, string>> = {
  chatgpt: 'ChatGPT',
  claude: 'Claude',
  gemini: 'Gemini',
  perplexity: 'Perplexity',
  deepseek: 'DeepSeek',
  mistral: 'Le Chat',
  meta: 'Meta AI',
  copilot: 'Copilot',
  character: 'Character.AI',
  poe: 'Poe',
  grok: 'Grok',
};

export function siteName(site: string): string {
  // Own keys only: a site called "constructor" must not read as Object's function.
  const name = Object.hasOwn(SITE_NAMES, site) ? SITE_NAMES[site] : undefined;
  return name ?? site;
}

/** An assistant id (`site` or `site|model`) as people read it: "ChatGPT (gpt-5)". */
export function assistantName(assistant: string): string {
  const { site, model } = assistantParts(assistant);
  return model ? `${siteName(site)} (${model})` : siteName(site);
}
