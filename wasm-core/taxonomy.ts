/** The technique taxonomy of SPEC §4. Ids are stable: they are stored in logs and exchanged with the aggregator. */
export const TECHNIQUES = [
  { id: 'T01', key: 'urgency', label: 'Urgency', phrase: 'urgency-inducing language' },
  { id: 'T02', key: 'scarcity', label: 'Scarcity', phrase: 'scarcity claims' },
  { id: 'T03', key: 'social_proof', label: 'Social proof', phrase: 'social-proof pressure' },
  {
    id: 'T04',
    key: 'authority_appeal',
    label: 'Appeal to authority',
    phrase: 'appeals to unnamed authority',
  },
  { id: 'T05', key: 'fear_appeal', label: 'Fear appeal', phrase: 'fear appeals' },
  { id: 'T06', key: 'guilt_shame', label: 'Guilt and shame', phrase: 'guilt or shame pressure' },
  { id: 'T07', key: 'flattery', label: 'Flattery', phrase: 'flattery' },
  {
    id: 'T08',
    key: 'emotional_exploitation',
    label: 'Emotional exploitation',
    phrase: 'emotional exploitation',
  },
  { id: 'T09', key: 'trust_building', label: 'Trust building', phrase: 'trust-building moves' },
  {
    id: 'T10',
    key: 'dependency_fostering',
    label: 'Dependency fostering',
    phrase: 'dependency-fostering language',
  },
  {
    id: 'T11',
    key: 'anthropomorphic_claim',
    label: 'Anthropomorphic claims',
    phrase: 'claims of human feelings',
  },
  { id: 'T12', key: 'retention_hook', label: 'Retention hooks', phrase: 'engagement hooks' },
  {
    id: 'T13',
    key: 'commitment_escalation',
    label: 'Commitment escalation',
    phrase: 'commitment-escalation tactics',
  },
  { id: 'T14', key: 'false_certainty', label: 'False certainty', phrase: 'overconfident claims' },
  {
    id: 'T15',
    key: 'capability_overclaim',
    label: 'Capability over-claims',
    phrase: 'claims of abilities it lacks',
  },
  { id: 'T16', key: 'gaslighting', label: 'Gaslighting', phrase: 'gaslighting' },
  { id: 'T17', key: 'product_steering', label: 'Product steering', phrase: 'product recommendations' },
  { id: 'T18', key: 'political_steering', label: 'Political steering', phrase: 'political steering' },
  { id: 'T19', key: 'privacy_probe', label: 'Privacy probes', phrase: 'requests for personal data' },
  {
    id: 'T20',
    key: 'financial_solicitation',
    label: 'Financial solicitation',
    phrase: 'requests for money or credentials',
  },
  { id: 'T21', key: 'us_vs_them', label: 'Us-versus-them framing', phrase: 'us-versus-them framing' },
  {
    id: 'T22',
    key: 'consent_bypass',
    label: 'Consent bypass',
    phrase: 'decisions made without your consent',
  },
] as const;

export type TechniqueId = (typeof TECHNIQUES)[number]['id'];
export type TechniqueKey = (typeof TECHNIQUES)[number]['key'];

export const TECHNIQUE_IDS: readonly TechniqueId[] = TECHNIQUES.map((t) => t.id);
export const TECHNIQUE_COUNT = TECHNIQUES.length;

export function isTechniqueId(value: unknown): value is TechniqueId {
  return typeof value === 'string' && (TECHNIQUE_IDS as readonly string[]).includes(value);
}

/** Position of a technique in model outputs and WASM tables (T01 → 0). */
export function techniqueIndex(id: TechniqueId): number {
  return TECHNIQUE_IDS.indexOf(id);
}

export function techniqueById(id: TechniqueId) {
  const technique = TECHNIQUES.find((t) => t.id === id);
  if (!technique) throw new Error(`unknown technique ${id}`);
  return technique;
}

/** The five defence layers of SPEC §4, named the same in code and UI. */
export const DEFENCE_LAYERS = ['perimeter', 'behavioural', 'semantic', 'contextual', 'adaptive'] as const;
export type DefenceLayer = (typeof DEFENCE_LAYERS)[number];
