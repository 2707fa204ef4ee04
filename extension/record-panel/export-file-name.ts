/** The export's file name, e.g. cogfw-record-2026-11-21.jsonl, or .cogfw when sealed with a passphrase. */
export function exportFileName(now: number, sealed: boolean): string {
  const date = new Date(now);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
  return `cogfw-record-${day}.${sealed ? 'cogfw' : 'jsonl'}`;
}
