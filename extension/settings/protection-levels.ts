/** Protection levels (SPEC §6): the more the user cannot carry, the larger the system's share. */
export const PROTECTION_LEVELS = [
  {
    id: 'minimal',
    label: 'Minimal',
    systemShare: 30,
    description: 'Record and badge count; you ask for everything else.',
  },
  {
    id: 'standard',
    label: 'Standard',
    systemShare: 50,
    description: 'Adds inline highlights with a one-line explanation, and a weekly report notification.',
  },
  {
    id: 'enhanced',
    label: 'Enhanced',
    systemShare: 70,
    description:
      'Adds a warning above high-risk replies naming the principle at stake, and a suggested pause after repeated ones.',
  },
  {
    id: 'maximum',
    label: 'Maximum',
    systemShare: 90,
    description:
      'Blurs high-risk replies until acknowledged, uses stricter thresholds, always flags dependency and claims of feelings, and shows support resources on signs of distress.',
  },
] as const;

export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number]['id'];

export const DEFAULT_PROTECTION_LEVEL: ProtectionLevel = 'standard';

export function isProtectionLevel(value: unknown): value is ProtectionLevel {
  return PROTECTION_LEVELS.some((level) => level.id === value);
}
