const numberFormat = new Intl.NumberFormat('en-US');

/** "1,234": counts as the report writes them. */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1 reply", "3 replies": a count with the noun that agrees with it. */
export function plural(n: number, singular: string, pluralForm: string): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
