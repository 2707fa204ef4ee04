import { describe, expect, it } from 'vitest';
import { assistantName, siteName } from './assistant-names.ts';

describe('assistant names', () => {
  it.each([
    { assistant: 'chatgpt|gpt-5-1-thinking', name: 'ChatGPT (gpt-5-1-thinking)' },
    { assistant: 'claude|Fable 5 Max', name: 'Claude (Fable 5 Max)' },
    { assistant: 'mistral', name: 'Le Chat' },
    { assistant: 'character', name: 'Character.AI' },
    { assistant: 'unknown-site', name: 'unknown-site' },
    { assistant: 'claude.ai|claude-3', name: 'claude.ai (claude-3)' },
  ])('assistant $assistant reads as $name', ({ assistant, name }) => {
    expect(assistantName(assistant)).toBe(name);
  });

  it.each([
    { site: 'meta', name: 'Meta AI' },
    { site: 'chatgpt.com', name: 'chatgpt.com' },
    { site: 'constructor', name: 'constructor' },
    { site: 'toString', name: 'toString' },
  ])('site $site reads as $name', ({ site, name }) => {
    expect(siteName(site)).toBe(name);
  });
});
