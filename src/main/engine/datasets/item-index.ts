/** Assigns dense indices to a dataset's item ids in first-seen order, so models can use typed arrays. */
export class ItemIndex {
  private readonly byId = new Map<string, number>();
  readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Returns the index of an id, adding it when new. */
  intern(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const next = this.ids.length;
    this.byId.set(id, next);
    this.ids.push(id);
    return next;
  }

  /** Returns the index, or -1 for an id never seen (e.g. a test item absent from training). */
  lookup(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  encode(ids: readonly string[]): Int32Array {
    return Int32Array.from(ids, (id) => this.intern(id));
  }
}
