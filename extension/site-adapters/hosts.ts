/** Chat sites the extension runs on; host permissions are requested for exactly these. */
export const SUPPORTED_HOSTS = [
  'chatgpt.com',
  'chat.openai.com',
  'claude.ai',
  'gemini.google.com',
  'copilot.microsoft.com',
  'www.perplexity.ai',
  'perplexity.ai',
  'character.ai',
  'poe.com',
  'chat.deepseek.com',
  'grok.com',
  'chat.mistral.ai',
  'www.meta.ai',
] as const;
