import { sumVarints } from './posting-lists';

/** Reads of the keyword index's per-doc sizes (`item_search_docsize`): a page after a doc id, or the given docs. */
export interface DocSizeReads {
  page(after: number, limit: number): [number, Buffer][];
  of(docsJson: string): [number, Buffer][];
}

/**
 * Each keyword doc's length in tokens over every column (FTS5's xColumnSize(-1)), for bm25(): read
 * ahead `page` docs per turn of the event loop once lists are in use, and by a query for the docs it
 * meets that the read-ahead has not reached (up to a bound: with more, the query is left to FTS5).
 * -1 is "not read"; a written doc is marked so again and read by the next query that meets it.
 */
export class DocLengths {
  private lengths = new Int32Array(0);
  private reading = false;
  /** Every doc's length was read ahead once since the last `reset`. */
  private complete = false;

  constructor(
    private readonly reads: () => DocSizeReads,
    private readonly page: number,
  ) {}

  /** A doc's length (read before: `read` returned true for it). */
  of(doc: number): number {
    return this.lengths[doc]!;
  }

  /** Starts the read-ahead unless it is under way or done since the last reset. */
  readAheadOnce(): void {
    if (!this.complete) this.readAhead();
  }

  /** Reads the lengths of the docs not known yet, unless more than `most` are missing (false: left unread, the read-ahead started). */
  read(docs: ArrayLike<number>, most = Infinity): boolean {
    let max = -1;
    for (let i = 0; i < docs.length; i++) if (docs[i]! > max) max = docs[i]!;
    this.grow(max);
    let missing: number[] | undefined;
    for (let i = 0; i < docs.length; i++) if (this.lengths[docs[i]!] === -1) (missing ??= []).push(docs[i]!);
    if (missing === undefined) return true;
    if (missing.length > most) {
      this.readAhead();
      return false;
    }
    for (const [id, sz] of this.reads().of(JSON.stringify(missing))) this.lengths[id] = sumVarints(sz);
    // A doc in a list has a size row; if one is missing all the same, count it as FTS5 would (no size: 0).
    for (const d of missing) if (this.lengths[d] === -1) this.lengths[d] = 0;
    return true;
  }

  /** Written docs: read again when next met. */
  forget(docs: readonly number[]): void {
    for (const d of docs) if (d < this.lengths.length) this.lengths[d] = -1;
  }

  /** Every length unknown again; the next list read starts the read-ahead afresh. */
  reset(): void {
    this.lengths.fill(-1);
    this.complete = false;
  }

  private grow(max: number): void {
    if (max < this.lengths.length) return;
    const grown = new Int32Array(Math.max(max + 1, this.lengths.length * 2, 1024)).fill(-1);
    grown.set(this.lengths);
    this.lengths = grown;
  }

  private readAhead(): void {
    if (this.reading) return;
    this.reading = true;
    let after = 0;
    const step = (): void => {
      let rows: [number, Buffer][];
      try {
        rows = this.reads().page(after, this.page);
      } catch {
        this.reading = false;
        return; // the connection closed meanwhile: queries read the lengths they need
      }
      if (rows.length > 0) this.grow(rows[rows.length - 1]![0]);
      // A length forgotten meanwhile (-1) is read again by the query that needs it; one read here is current.
      for (const [id, sz] of rows) if (this.lengths[id] === -1) this.lengths[id] = sumVarints(sz);
      if (rows.length === this.page) {
        after = rows[rows.length - 1]![0];
        setImmediate(step).unref();
      } else {
        this.reading = false;
        this.complete = true;
      }
    };
    setImmediate(step).unref();
  }
}
