/**
 * Whether each keyword-index doc's item passes a search filter, remembered per filter in a byte per
 * doc, so that the filtered matched set (every doc a common word matches, thousands) is checked
 * from a typed array instead of an item-id lookup, an item-cache lookup and a predicate per doc.
 * A doc is judged the first time a search with that filter meets it.
 *
 * Kept true by the item cache's version, as `DocFacets` is: the docs of items written since the
 * version last seen are judged again (`changedSince`), every doc after a reload. The `MAX_FILTERS`
 * most recently used filters are kept. A doc without an item row never passes and is not remembered.
 */

/** Filters whose verdicts are kept at once (least recently used dropped first). */
export const MAX_FILTERS = 32;

const UNJUDGED = 0;
const PASSES = 1;
const FAILS = 2;

export interface DocVerdictSource {
  /** The item id of each doc, in order; undefined for a doc without an item row. */
  itemIds(docs: readonly number[]): readonly (string | undefined)[];
  /** Changes on every catalogue write. */
  readonly version: number;
  /** The ids written after `version`, or undefined when no longer known. */
  changedSince(version: number): readonly string[] | undefined;
}

export class DocVerdicts {
  private readonly entries = new Map<string, Uint8Array>();
  /** Item id -> its doc, for the docs judged so far (to find a written item's doc). */
  private readonly itemDocs = new Map<string, number>();
  private version: number | undefined;

  constructor(private readonly source: DocVerdictSource) {}

  /**
   * The docs, in their order, whose items pass `check` (the filter named exactly by `key`, e.g.
   * its JSON), at most `limit` (0: none; negative: every one), as a plain pass over the docs with
   * `check` on each doc's item id would keep them.
   */
  passing(key: string, docs: readonly number[], check: (itemId: string) => boolean, limit: number): number[] {
    this.follow();
    let verdicts = this.entries.get(key);
    this.entries.delete(key); // re-inserted below: the Map's order is the use order
    let max = -1;
    for (let i = 0; i < docs.length; i++) if (docs[i]! > max) max = docs[i]!;
    if (verdicts === undefined || verdicts.length <= max) {
      const grown = new Uint8Array(Math.max(max + 1, (verdicts?.length ?? 0) * 2, 1024));
      if (verdicts !== undefined) grown.set(verdicts);
      verdicts = grown;
    }
    this.entries.set(key, verdicts);
    if (this.entries.size > MAX_FILTERS) this.entries.delete(this.entries.keys().next().value!);

    const out: number[] = [];
    if (limit === 0) return out;
    let unjudged: number[] | undefined;
    for (let i = 0; i < docs.length; i++) if (verdicts[docs[i]!] === UNJUDGED) (unjudged ??= []).push(docs[i]!);
    if (unjudged !== undefined) {
      const ids = this.source.itemIds(unjudged);
      for (let i = 0; i < unjudged.length; i++) {
        const id = ids[i];
        if (id === undefined) continue; // no item row: never passes, looked up again next time
        this.itemDocs.set(id, unjudged[i]!);
        verdicts[unjudged[i]!] = check(id) ? PASSES : FAILS;
      }
    }
    for (let i = 0; i < docs.length; i++) {
      if (verdicts[docs[i]!] === PASSES) {
        out.push(docs[i]!);
        if (out.length === limit) break;
      }
    }
    return out;
  }

  /** Filters kept now. */
  get size(): number {
    return this.entries.size;
  }

  /** Docs whose item was written since the version last seen are judged again; after a reload, every doc. */
  private follow(): void {
    const version = this.source.version;
    if (this.version === version) return;
    const changed = this.version === undefined ? undefined : this.source.changedSince(this.version);
    if (changed === undefined) this.entries.clear();
    else {
      for (const id of changed) {
        const d = this.itemDocs.get(id);
        if (d === undefined) continue;
        for (const verdicts of this.entries.values()) if (d < verdicts.length) verdicts[d] = UNJUDGED;
      }
    }
    this.version = version;
  }
}
