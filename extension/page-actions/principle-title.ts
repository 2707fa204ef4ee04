import type { PrincipleAtStake } from '../messages.ts';

/** "User autonomy (P1) — violated": how the page names a principle at stake. */
export function principleTitle(principle: PrincipleAtStake): string {
  const name = `${principle.name.charAt(0).toUpperCase()}${principle.name.slice(1)}`;
  return `${name} (${principle.principle}) — ${principle.status === 'violated' ? 'violated' : 'concern'}`;
}

/** Violations first, then concerns, each in principle order. */
export function bySeverity(principles: readonly PrincipleAtStake[]): PrincipleAtStake[] {
  return [
    ...principles.filter((p) => p.status === 'violated'),
    ...principles.filter((p) => p.status !== 'violated'),
  ];
}
