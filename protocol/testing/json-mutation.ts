/** Paths to every value inside a JSON value (the root included), for tampering tests. */
export type JsonPath = (string | number)[];

export function valuePaths(value: unknown, path: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [path];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) out.push(...valuePaths(item, [...path, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) out.push(...valuePaths(item, [...path, key]));
  }
  return out;
}

function at(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const step of path) current = (current as Record<string | number, unknown>)[step];
  return current;
}

/** A value different from `value`, chosen by `choice`: an edit of the same type, or another type. */
export function otherValue(value: unknown, choice: number): unknown {
  const pick = choice % 4;
  if (pick === 3) return value === null ? 0 : null;
  if (typeof value === 'string') {
    if (value.length === 0) return 'x';
    const i = choice % value.length;
    const c = value[i] as string;
    // Hex stays hex, so the edit has to be caught by a hash or signature, not by a format check.
    const replacement = /[0-9a-f]/.test(c)
      ? ((Number.parseInt(c, 16) + 1 + (choice % 15)) % 16).toString(16)
      : 'x';
    return pick === 0
      ? value.slice(0, i) + replacement + value.slice(i + 1)
      : pick === 1
        ? `${value}0`
        : value.slice(1);
  }
  if (typeof value === 'number') return pick === 0 ? value + 1 : pick === 1 ? value - 1 : value * 2 + 0.5;
  if (typeof value === 'boolean') return !value;
  if (value === null) return pick === 0 ? 0 : pick === 1 ? 'null' : false;
  if (Array.isArray(value)) return pick === 0 ? value.slice(1) : pick === 1 ? [...value, 0] : {};
  const entries = Object.entries(value as object);
  if (pick === 0 && entries.length > 0) return Object.fromEntries(entries.slice(1));
  return { ...(value as object), zz: 1 };
}

/** A copy of `root` with the value at `path` replaced. */
export function withValue(root: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = replacement;
  return copy;
}
