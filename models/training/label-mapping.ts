import { isTechniqueId, TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';

/** How one dataset label maps onto the taxonomy (see the `semantics` block of models/label-mapping.json). */
export interface LabelRule {
  techniques: TechniqueId[];
  silentOn: TechniqueId[];
  unmapped: boolean;
  note?: string;
}

export interface SetMapping {
  set: string;
  file: string;
  licence: string;
  mayTrain: boolean;
  scope: TechniqueId[];
  noLabelMeans: 'negative' | 'silent';
  requiresAnyLabel?: string[];
  labels: Record<string, LabelRule>;
  notes: string;
}

export interface OwnExamplesMapping {
  set: string;
  file: string;
  licence: string;
  mayTrain: boolean;
  notes: string;
}

export interface LabelMapping {
  version: number;
  own: OwnExamplesMapping;
  sets: SetMapping[];
}

/** A row of a third-party set as stored in ../shared/datasets. */
export interface SourceRow {
  id: string;
  text: string;
  labels: string[];
  group: string;
}

/** A row in the `cogfw eval` format. */
export interface MappedRow {
  id: string;
  text: string;
  labels: TechniqueId[];
  scope: TechniqueId[];
}

function fail(where: string, message: string): never {
  throw new Error(`label mapping ${where}: ${message}`);
}

function techniqueList(value: unknown, where: string): TechniqueId[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(where, 'expected an array of technique ids');
  for (const id of value) if (!isTechniqueId(id)) fail(where, `unknown technique ${String(id)}`);
  return inTaxonomyOrder(value as TechniqueId[]);
}

function inTaxonomyOrder(ids: Iterable<TechniqueId>): TechniqueId[] {
  const wanted = new Set(ids);
  return TECHNIQUE_IDS.filter((id) => wanted.has(id));
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(where, 'expected a string');
  return value;
}

/** Validates the JSON so a typo in a technique id or a rule outside the set's scope fails loudly. */
export function parseLabelMapping(json: unknown): LabelMapping {
  if (typeof json !== 'object' || json === null) fail('root', 'expected an object');
  const root = json as Record<string, unknown>;
  if (typeof root.version !== 'number') fail('root', 'version must be a number');
  if (!Array.isArray(root.sets)) fail('root', 'sets must be an array');
  const ownRaw = root.own as Record<string, unknown> | undefined;
  if (!ownRaw) fail('root', 'own is missing');
  const own: OwnExamplesMapping = {
    set: text(ownRaw.set, 'own.set'),
    file: text(ownRaw.file, 'own.file'),
    licence: text(ownRaw.licence, 'own.licence'),
    mayTrain: ownRaw.mayTrain === true,
    notes: text(ownRaw.notes, 'own.notes'),
  };
  const names = new Set<string>([own.set]);
  const sets = root.sets.map((raw: Record<string, unknown>, i: number): SetMapping => {
    const where = `sets[${i}]`;
    const set = text(raw.set, `${where}.set`);
    if (names.has(set)) fail(where, `duplicate set ${set}`);
    names.add(set);
    const scope = techniqueList(raw.scope, `${set}.scope`);
    if (raw.noLabelMeans !== 'negative' && raw.noLabelMeans !== 'silent') {
      fail(set, 'noLabelMeans must be "negative" or "silent"');
    }
    if (typeof raw.mayTrain !== 'boolean') fail(set, 'mayTrain must be a boolean');
    const labelsRaw = raw.labels as Record<string, Record<string, unknown>> | undefined;
    if (!labelsRaw || typeof labelsRaw !== 'object') fail(set, 'labels must be an object');
    const labels: Record<string, LabelRule> = {};
    for (const [label, rule] of Object.entries(labelsRaw)) {
      const at = `${set}.labels[${JSON.stringify(label)}]`;
      const techniques = techniqueList(rule.techniques, `${at}.techniques`);
      const silentOn = techniqueList(rule.silentOn, `${at}.silentOn`);
      for (const id of [...techniques, ...silentOn]) {
        if (!scope.includes(id)) fail(at, `${id} is outside the set's scope`);
      }
      if (rule.unmapped === true && techniques.length > 0)
        fail(at, 'an unmapped label cannot map to techniques');
      labels[label] = {
        techniques,
        silentOn,
        unmapped: rule.unmapped === true,
        ...(typeof rule.note === 'string' ? { note: rule.note } : {}),
      };
    }
    const requiresAnyLabel = raw.requiresAnyLabel;
    if (requiresAnyLabel !== undefined && !Array.isArray(requiresAnyLabel)) {
      fail(set, 'requiresAnyLabel must be an array');
    }
    return {
      set,
      file: text(raw.file, `${set}.file`),
      licence: text(raw.licence, `${set}.licence`),
      mayTrain: raw.mayTrain,
      scope,
      noLabelMeans: raw.noLabelMeans,
      ...(requiresAnyLabel ? { requiresAnyLabel: requiresAnyLabel as string[] } : {}),
      labels,
      notes: text(raw.notes, `${set}.notes`),
    };
  });
  return { version: root.version, own, sets };
}

function matchesPattern(label: string, pattern: string): boolean {
  return pattern.endsWith('*') ? label.startsWith(pattern.slice(0, -1)) : label === pattern;
}

/** The rule for a label: an exact key first, else the longest matching `prefix*` key. */
export function ruleFor(mapping: SetMapping, label: string): LabelRule {
  const exact = mapping.labels[label];
  if (exact) return exact;
  let best: { length: number; rule: LabelRule } | undefined;
  for (const [pattern, rule] of Object.entries(mapping.labels)) {
    if (pattern.endsWith('*') && matchesPattern(label, pattern) && (!best || pattern.length > best.length)) {
      best = { length: pattern.length, rule };
    }
  }
  if (!best) throw new Error(`label mapping ${mapping.set}: label ${JSON.stringify(label)} is not mapped`);
  return best.rule;
}

/**
 * Maps one dataset row onto the taxonomy, or returns null when the row says nothing about any technique
 * (empty scope): such rows can neither train nor evaluate anything.
 */
export function mapRow(mapping: SetMapping, row: SourceRow): MappedRow | null {
  if (mapping.scope.length === 0) return null;
  const required = mapping.requiresAnyLabel;
  if (required && !row.labels.some((label) => required.some((pattern) => matchesPattern(label, pattern)))) {
    return null;
  }
  if (row.labels.length === 0 && mapping.noLabelMeans === 'silent') return null;
  const positives = new Set<TechniqueId>();
  const silent = new Set<TechniqueId>();
  for (const label of row.labels) {
    const rule = ruleFor(mapping, label);
    for (const id of rule.techniques) positives.add(id);
    for (const id of rule.silentOn) silent.add(id);
  }
  const scope = mapping.scope.filter((id) => positives.has(id) || !silent.has(id));
  if (scope.length === 0) return null;
  return { id: row.id, text: row.text, labels: inTaxonomyOrder(positives), scope };
}
