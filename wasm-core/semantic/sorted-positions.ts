/** Binary searches over ascending arrays of text offsets: O(log n) lookups after one linear pass. */

/** Index of the last element ≤ value, or −1 when every element is greater. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** Index of the first element ≥ value, or sorted.length when there is none. */
export function firstAtOrAfter(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many elements lie in [from, to). */
export function countInRange(sorted: ArrayLike<number>, from: number, to: number): number {
  if (to <= from) return 0;
  return firstAtOrAfter(sorted, to) - firstAtOrAfter(sorted, from);
}

/** Whether any element lies in [from, to). */
export function anyInRange(sorted: ArrayLike<number>, from: number, to: number): boolean {
  if (to <= from) return false;
  const index = firstAtOrAfter(sorted, from);
  return index < sorted.length && (sorted[index] as number) < to;
}
