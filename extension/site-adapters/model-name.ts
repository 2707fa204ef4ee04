/** Longest model name kept; page labels longer than this are not model names. */
export const MAX_MODEL_NAME_LENGTH = 64;

/**
 * A model name as the page shows it, made safe to use as part of an assistant id (`site|model`): spaces
 * collapsed, no `|` (the id's separator), and nothing when the label is empty or implausibly long.
 */
export function cleanModelName(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim();
  if (name.length === 0 || name.length > MAX_MODEL_NAME_LENGTH) return undefined;
  return name;
}
