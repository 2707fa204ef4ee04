import { TECHNIQUES, type TechniqueId } from '../../../wasm-core/taxonomy.ts';

export interface TechniqueRow {
  id: TechniqueId;
  label: string;
  count: number;
  previous: number;
}

/** Techniques seen this week or last, most frequent this week first. */
export function techniqueRows(
  counts: Record<TechniqueId, number>,
  previousCounts: Record<TechniqueId, number>,
): TechniqueRow[] {
  return TECHNIQUES.map((t) => ({
    id: t.id,
    label: t.label,
    count: counts[t.id],
    previous: previousCounts[t.id],
  }))
    .filter((row) => row.count > 0 || row.previous > 0)
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.id.localeCompare(b.id));
}

/** Short visible change and its spoken form. */
export function weekOverWeek(row: Pick<TechniqueRow, 'count' | 'previous'>): {
  shown: string;
  spoken: string;
} {
  const diff = row.count - row.previous;
  if (row.previous === 0) return { shown: 'new', spoken: 'none last week' };
  if (diff === 0) return { shown: '=', spoken: 'same as last week' };
  const abs = Math.abs(diff);
  return diff > 0
    ? { shown: `+${abs}`, spoken: `up ${abs} from last week` }
    : { shown: `−${abs}`, spoken: `down ${abs} from last week` };
}

export function TechniqueBars({ rows }: { rows: readonly TechniqueRow[] }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.count, r.previous)));
  return (
    <ul class="plain technique-bars" aria-label="Techniques this week">
      {rows.map((row) => {
        const change = weekOverWeek(row);
        const direction =
          row.previous === 0
            ? 'new'
            : row.count > row.previous
              ? 'up'
              : row.count < row.previous
                ? 'down'
                : 'same';
        return (
          <li key={row.id} class="technique-row" data-technique={row.id}>
            <div class="technique-line">
              <span class="technique-label">{row.label}</span>
              <span class="technique-count">
                {row.count}
                <span class="visually-hidden"> this week, {change.spoken}</span>
              </span>
              <span class={`technique-change ${direction}`} aria-hidden="true">
                {change.shown}
              </span>
            </div>
            <div class="bars" aria-hidden="true">
              <div class="bar current" style={{ width: `${(row.count / max) * 100}%` }} />
              <div class="bar previous" style={{ width: `${(row.previous / max) * 100}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
