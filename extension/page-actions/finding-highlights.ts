/** The name the page-actions stylesheet styles with `::highlight(cogfw-finding)`. */
export const FINDING_HIGHLIGHT = 'cogfw-finding';

/** What is needed of the CSS Custom Highlight API (absent in older browsers and in test DOMs). */
export interface HighlightApi {
  registry: HighlightRegistry;
  create(): Highlight;
}

export function browserHighlightApi(): HighlightApi | null {
  const registry = globalThis.CSS?.highlights;
  const HighlightClass = globalThis.Highlight;
  if (!registry || typeof HighlightClass !== 'function') return null;
  return { registry, create: () => new HighlightClass() };
}

/**
 * Finding spans painted with the CSS Custom Highlight API: the browser draws them over the page's own
 * text, so the site's DOM is never split or wrapped and its scripts see nothing change. One Highlight holds
 * every turn's ranges; each turn's set can be replaced or cleared on its own.
 */
export class FindingHighlights {
  private readonly byTurn = new Map<string, readonly Range[]>();
  private highlight: Highlight | undefined;

  constructor(private readonly api: HighlightApi | null = browserHighlightApi()) {}

  /** False where the browser cannot paint highlights; the reply's marker still lists the phrases. */
  get supported(): boolean {
    return this.api !== null;
  }

  show(key: string, ranges: readonly Range[]): void {
    if (!this.api) return;
    this.clear(key);
    if (ranges.length === 0) return;
    const highlight = this.registered();
    for (const range of ranges) highlight?.add(range);
    this.byTurn.set(key, ranges);
  }

  rangesOf(key: string): readonly Range[] {
    return this.byTurn.get(key) ?? [];
  }

  clear(key: string): void {
    const ranges = this.byTurn.get(key);
    if (!ranges) return;
    for (const range of ranges) this.highlight?.delete(range);
    this.byTurn.delete(key);
  }

  clearAll(): void {
    for (const key of [...this.byTurn.keys()]) this.clear(key);
  }

  /** The shared Highlight, registered again if the page (or another script) removed it from the registry. */
  private registered(): Highlight | undefined {
    if (!this.api) return undefined;
    this.highlight ??= this.api.create();
    if (this.api.registry.get(FINDING_HIGHLIGHT) !== this.highlight) {
      this.api.registry.set(FINDING_HIGHLIGHT, this.highlight);
    }
    return this.highlight;
  }
}
