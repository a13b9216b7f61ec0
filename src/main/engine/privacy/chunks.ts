/** Rows one transaction of an erasure or a retention run deletes: short enough not to hold the engine's thread. */
export const DELETE_CHUNK = 2000;

/** `?, ?, ?` for an IN list of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export function* slices<T>(values: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) yield values.slice(i, i + size);
}
