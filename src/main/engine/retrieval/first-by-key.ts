/**
 * The `n` entries with the smallest key, in order, ties by id: kept as the entries go by, a binary
 * search and a short move each (n is small, the entries many: a sorted search's matched set).
 */
export class FirstByKey {
  private readonly keys: number[] = [];
  private readonly ids: string[] = [];

  constructor(private readonly n: number) {}

  offer(key: number, id: string): void {
    const { keys, ids, n } = this;
    if (n <= 0) return;
    const last = keys.length - 1;
    // Most entries go no further: not before the last kept one.
    if (keys.length === n && (key > keys[last]! || (key === keys[last]! && id >= ids[last]!))) return;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key < keys[mid]! || (key === keys[mid]! && id < ids[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    keys.splice(lo, 0, key);
    ids.splice(lo, 0, id);
    if (keys.length > n) {
      keys.pop();
      ids.pop();
    }
  }

  /** The ids kept, smallest key first. */
  get first(): string[] {
    return [...this.ids];
  }
}
