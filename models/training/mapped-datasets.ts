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
import { type Split, splitOf } from './split.ts';

export interface MappedSet {
  set: string;
  licence: string;
  mayTrain: boolean;
  /** Rows in the source file. */
  sourceRows: number;
  /** Training rows (may-train sets only). */
  train: MappedRow[];
  /** Rows held out from fitting to calibrate the model's scores (may-train sets only). */
  calibration: MappedRow[];
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
 * A held-out row whose text also fitted something says nothing new about the techniques it fitted: those leave
 * its scope, and the row goes when nothing is left. Evaluation rows are guarded against the train and
 * calibration splits (the model's weights and its calibration), calibration rows against the train split.
 * (Counted in `leakGuard` for the evaluation rows.)
 */
export function applyLeakGuard(sets: MappedSet[]): void {
  const textsOf = (splits: (set: MappedSet) => readonly MappedRow[][]) => {
    const seen = new Map<string, Set<TechniqueId>>();
    for (const set of sets) {
      for (const rows of splits(set)) {
        for (const row of rows) {
          const key = textKey(row.text);
          const scope = seen.get(key) ?? new Set<TechniqueId>();
          for (const id of row.scope) scope.add(id);
          seen.set(key, scope);
        }
      }
    }
    return seen;
  };
  const trained = textsOf((set) => [set.train]);
  const fitted = textsOf((set) => [set.train, set.calibration]);
  const guard = (
    rows: readonly MappedRow[],
    against: ReadonlyMap<string, Set<TechniqueId>>,
    counts: { dropped: number; trimmed: number },
  ) => {
    const kept: MappedRow[] = [];
    for (const row of rows) {
      const seen = against.get(textKey(row.text));
      if (!seen) {
        kept.push(row);
        continue;
      }
      const scope = row.scope.filter((id) => !seen.has(id));
      if (scope.length === 0) {
        counts.dropped++;
        continue;
      }
      if (scope.length < row.scope.length) counts.trimmed++;
      kept.push({ ...row, labels: row.labels.filter((id) => scope.includes(id)), scope });
    }
    return kept;
  };
  for (const set of sets) {
    set.calibration = guard(set.calibration, trained, { dropped: 0, trimmed: 0 });
  }
  for (const set of sets) set.eval = guard(set.eval, fitted, set.leakGuard);
}

function splitRows(set: MappedSet, split: Split): MappedRow[] {
  if (split === 'train') return set.train;
  return split === 'calibration' ? set.calibration : set.eval;
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
      calibration: [],
      eval: [],
      leakGuard: { dropped: 0, trimmed: 0 },
    };
    for (const row of rows) {
      const out = mapRow(setMapping, row);
      if (!out) continue;
      if (setMapping.mayTrain) splitRows(mapped, splitOf(row.group)).push(out);
      else mapped.eval.push(out);
    }
    if (mapped.train.length + mapped.calibration.length + mapped.eval.length > 0) sets.push(mapped);
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
      calibration: [],
      eval: [],
      leakGuard: { dropped: 0, trimmed: 0 },
    };
    own.rows.forEach((row, i) => {
      splitRows(set, splitOf(own.groups[i] ?? row.id)).push(row);
    });
    sets.push(set);
  } else {
    missing.push(mapping.own.set);
  }
  applyLeakGuard(sets);
  return { mapping, mappingSource: source, sets, missing };
}
