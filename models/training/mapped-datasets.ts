import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isTechniqueId, TECHNIQUE_IDS, type TechniqueId } from '../../wasm-core/taxonomy.ts';
import { datasetsDir, REPO_ROOT, readJsonl } from './dataset-files.ts';
import {
  type LabelMapping,
  type MappedRow,
  mapRow,
  parseLabelMapping,
  type SourceRow,
} from './label-mapping.ts';
import { splitOf } from './split.ts';

export interface MappedSet {
  set: string;
  licence: string;
  mayTrain: boolean;
  /** Rows in the source file. */
  sourceRows: number;
  /** Training rows (may-train sets only). */
  train: MappedRow[];
  /** Held-out rows of may-train sets, or every row of an evaluate-only set. */
  eval: MappedRow[];
  /** Evaluation rows removed, or trimmed in scope, because an identical text trained the model. */
  leakGuard: { dropped: number; trimmed: number };
}

export interface MappedDatasets {
  mapping: LabelMapping;
  /** Raw bytes of models/label-mapping.json, for the training digest. */
  mappingSource: string;
  sets: MappedSet[];
  /** Sets named by the mapping whose file was not found. */
  missing: string[];
}

interface OwnRow {
  id: string;
  text: string;
  labels: string[];
  group?: string;
  provenance?: unknown;
}

export function loadLabelMapping(repoRoot = REPO_ROOT): { mapping: LabelMapping; source: string } {
  const source = readFileSync(join(repoRoot, 'models/label-mapping.json'), 'utf8');
  return { mapping: parseLabelMapping(JSON.parse(source)), source };
}

/** Same folding as the datasets' own de-duplication: case and white space do not make a text new. */
export function textKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function ownRows(path: string): { rows: MappedRow[]; groups: string[]; sourceRows: number } {
  const source = readJsonl<OwnRow>(path);
  const rows: MappedRow[] = [];
  const groups: string[] = [];
  for (const row of source) {
    for (const label of row.labels) {
      if (!isTechniqueId(label)) throw new Error(`${path}: row ${row.id} has unknown label ${label}`);
    }
    const labels = TECHNIQUE_IDS.filter((id) => row.labels.includes(id));
    rows.push({ id: row.id, text: row.text, labels, scope: [...TECHNIQUE_IDS] });
    groups.push(row.group ?? row.id);
  }
  return { rows, groups, sourceRows: source.length };
}

/**
 * An evaluation row whose text also trained the model says nothing new about the techniques it trained:
 * those leave its scope, and the row goes when nothing is left.
 */
export function applyLeakGuard(sets: MappedSet[]): void {
  const trained = new Map<string, Set<TechniqueId>>();
  for (const set of sets) {
    for (const row of set.train) {
      const key = textKey(row.text);
      const scope = trained.get(key) ?? new Set<TechniqueId>();
      for (const id of row.scope) scope.add(id);
      trained.set(key, scope);
    }
  }
  for (const set of sets) {
    const kept: MappedRow[] = [];
    for (const row of set.eval) {
      const seen = trained.get(textKey(row.text));
      if (!seen) {
        kept.push(row);
        continue;
      }
      const scope = row.scope.filter((id) => !seen.has(id));
      if (scope.length === 0) {
        set.leakGuard.dropped++;
        continue;
      }
      if (scope.length < row.scope.length) set.leakGuard.trimmed++;
      kept.push({ ...row, labels: row.labels.filter((id) => scope.includes(id)), scope });
    }
    set.eval = kept;
  }
}

/**
 * Reads every set the mapping names plus the project's own examples, maps rows onto the taxonomy and splits
 * may-train sets by group. Returns null when the third-party datasets folder is absent.
 */
export function mapDatasets(repoRoot = REPO_ROOT): MappedDatasets | null {
  const dir = datasetsDir(repoRoot);
  if (!dir) return null;
  const { mapping, source } = loadLabelMapping(repoRoot);
  const sets: MappedSet[] = [];
  const missing: string[] = [];
  for (const setMapping of mapping.sets) {
    const path = join(dir, setMapping.file);
    if (!existsSync(path)) {
      missing.push(setMapping.set);
      continue;
    }
    const rows = readJsonl<SourceRow>(path);
    const mapped: MappedSet = {
      set: setMapping.set,
      licence: setMapping.licence,
      mayTrain: setMapping.mayTrain,
      sourceRows: rows.length,
      train: [],
      eval: [],
      leakGuard: { dropped: 0, trimmed: 0 },
    };
    for (const row of rows) {
      const out = mapRow(setMapping, row);
      if (!out) continue;
      if (setMapping.mayTrain && splitOf(row.group) === 'train') mapped.train.push(out);
      else mapped.eval.push(out);
    }
    if (mapped.train.length + mapped.eval.length > 0) sets.push(mapped);
  }
  const ownPath = resolve(repoRoot, mapping.own.file);
  if (existsSync(ownPath)) {
    const own = ownRows(ownPath);
    const set: MappedSet = {
      set: mapping.own.set,
      licence: mapping.own.licence,
      mayTrain: mapping.own.mayTrain,
      sourceRows: own.sourceRows,
      train: [],
      eval: [],
      leakGuard: { dropped: 0, trimmed: 0 },
    };
    own.rows.forEach((row, i) => {
      (splitOf(own.groups[i] ?? row.id) === 'train' ? set.train : set.eval).push(row);
    });
    sets.push(set);
  } else {
    missing.push(mapping.own.set);
  }
  applyLeakGuard(sets);
  return { mapping, mappingSource: source, sets, missing };
}
