/**
 * A keyword query's BM25 ranking and matched set from posting lists kept in memory, for queries with
 * a very common word: FTS5 computes bm25() for every row a query matches (a docsize read and a
 * position-list walk per row: "home home" matches 12,134 items, "with" alone 42,001), and pays it
 * again on every search. Here each word's (or prefix's) list of docs with its column-weighted
 * frequency is read from the index once (`fts5vocab`, instance table), each doc's length once
 * (`item_search_docsize`), and a query is scored in a pass over its lists.
 *
 * Exactly FTS5's bm25(): the same phrase order, the same double arithmetic (k1 1.2, b 0.75, IDF
 * floored at 1e-6, avgdl from the index's totals record), the logarithm taken by SQLite's `ln()`
 * (the C library's `log`, as FTS5 uses), and ties ordered by doc id as FTS5's ORDER BY ... LIMIT
 * keeps them; the matched set in doc order, as FTS5 returns it. Tests compare every result with FTS5
 * (`keyword-postings.test.ts`), after catalogue writes too.
 *
 * Only queries whose phrases are single ASCII words (optionally a prefix) are answered here; a
 * synonym phrase of several words, a word the tokenizer would fold (diacritics) or split, or a list
 * not loaded yet leave the query to FTS5. A list is loaded in a later turn of the event loop, after a
 * query that needed it answered through FTS5, and only for queries with a phrase matching at least
 * `COMMON_DOCS` docs (rarer queries are cheap in FTS5 already).
 *
 * Kept exact by the item cache's version: the docs of items written since the version last seen are
 * tokenized again by FTS5 itself (a temporary FTS5 table with the index's own tokenizer settings) and
 * patched into every list kept; every list is dropped after a reload, when the change log no longer
 * reaches back, when more than `PATCH_MAX_DOCS` docs changed at once, or when a written item has no
 * doc any more (deleted: the engine never deletes items, a store edited by hand may).
 */
import type { Database } from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { DocLengths } from './doc-lengths';
import { docTerms, prepareKeywordIndex, type KeywordIndex } from './keyword-index';
import {
  bestDocs,
  bm25Scores,
  evaluate,
  keyOf,
  mergeAdd,
  patchedPosting,
  postingOf,
  readVarint,
  sumVarints,
  type MatchPhrase,
  type MatchTree,
  type Posting,
  type RankedDoc,
} from './posting-lists';

export type { MatchNode, MatchPhrase, MatchTree, RankedDoc } from './posting-lists';


/** What keeps the lists current: the engine's item cache. */
export interface PostingVersionSource {
  readonly version: number;
  changedSince(version: number): readonly string[] | undefined;
}

/** A phrase matching at least this many docs makes a query worth answering from memory. */
export const COMMON_DOCS = 1000;
/** Doc entries kept over every list (least recently used lists dropped first): 8 bytes each. */
export const MAX_POSTINGS = 4_000_000;
/** More docs changed at once than this: drop every list instead of patching them. */
export const PATCH_MAX_DOCS = 2000;

/** Doc lengths read ahead per turn of the event loop (~2.5 µs each). */
export const LENGTH_PAGE = 2000;
/** A query reads at most this many unknown doc lengths itself; with more, FTS5 answers it while the read-ahead goes on. */
const MAX_LENGTHS_READ = 2 * LENGTH_PAGE;

/** Turns a prefix's words are loaded in, one each, before the rest are read in the prefix's own turn (a bound, should the words not fit in memory together). */
const MAX_PREFIX_TURNS = 64;

/** A missing list of at most this many docs is read by the query that needs it. */
export const INLINE_DOCS = 500;
/** Words of the index's vocabulary looked at per turn of the event loop when the common ones are listed. */
const WORD_PAGE = 5000;

/** A word FTS5's unicode61 tokenizer keeps as it is (one token, nothing folded). */
const PLAIN_WORD = /^[a-z0-9]+$/;

export class KeywordPostings {
  private readonly lists = new Map<string, Posting>();
  private entries = 0;
  /** Doc -> its length in tokens over every column, read ahead or by the query that meets it. */
  private readonly lengths = new DocLengths(() => ({ page: (after, limit) => this.statements.sizePage.all(after, limit), of: (json) => this.statements.sizes.all(json) }), LENGTH_PAGE);
  /** Docs matched per key at this version (from the vocabulary), for deciding whether a query is common. */
  private readonly docCounts = new Map<string, number>();
  private readonly idfs = new Map<number, number>();
  private totals: { rows: number; avgdl: number } | undefined;
  /** Lists to load, with the turns a prefix's words took so far. */
  private readonly pending = new Map<string, number>();
  private loading = false;
  private warming = false;
  private loads = 0;
  private loadMs = 0;
  private maxLoadMs = 0;
  private slowestLoad = '';
  private version: number | undefined;
  /** The keyword index's statements and column weights, prepared on first use (null: not readable this way; undefined: not tried yet). */
  private indexOnce: KeywordIndex | null | undefined;

  /** `weights`: bm25()'s weight per column, in the index's column order (title, brand, category, attributes). */
  constructor(
    private readonly db: Database,
    private readonly source: PostingVersionSource,
    private readonly weights: readonly number[],
  ) {}

  /**
   * The top k docs by bm25() (k < 0: every match), as `SELECT rowid, bm25(...) ... ORDER BY bm25 LIMIT k`
   * gives them; undefined when the query is left to FTS5 (its lists are loaded later when it is common).
   */
  rank(tree: MatchTree, k: number): RankedDoc[] | undefined {
    const lists = this.listsFor(tree);
    if (lists === undefined) return undefined;
    const docs = evaluate(tree.root, lists);
    if (k === 0 || docs.length === 0) return [];
    // Right after the lists were read, before the read-ahead reached their docs: FTS5 answers this once.
    if (!this.lengths.read(docs, MAX_LENGTHS_READ)) return undefined;
    const { avgdl } = this.totals!;
    const idf = tree.phrases.map((_, i) => this.idf(lists[i]!.docs.length));
    const scores = bm25Scores(tree.root, lists, docs, idf, (doc) => this.lengths.of(doc), avgdl);
    return bestDocs(docs, scores, k < 0 ? docs.length : k);
  }

  /** Every doc the tree matches in doc order, at most `limit` (negative: all), as FTS5 lists them; undefined: left to FTS5. */
  matched(tree: MatchTree, limit: number): number[] | undefined {
    const lists = this.listsFor(tree);
    if (lists === undefined) return undefined;
    const docs = evaluate(tree.root, lists);
    return Array.from(limit < 0 || limit >= docs.length ? docs : docs.subarray(0, limit));
  }

  /** Loads now what a query would schedule (tests, warm-up): true when every list of the tree is in memory. */
  load(tree: MatchTree): boolean {
    if (!this.ready()) return false;
    this.follow();
    for (const p of tree.phrases) if (!this.lists.has(keyOf(p))) this.loadList(keyOf(p));
    return tree.phrases.every((p) => this.lists.has(keyOf(p)));
  }

  /** Doc entries held over every list. */
  get size(): number {
    return this.entries;
  }

  /** Lists held, doc entries over them, lists loaded so far and the time spent loading them (ms: all, the longest one). */
  get stats(): { lists: number; entries: number; pending: number; loads: number; loadMs: number; maxLoadMs: number; slowestLoad: string } {
    return {
      lists: this.lists.size,
      entries: this.entries,
      pending: this.pending.size,
      loads: this.loads,
      loadMs: this.loadMs,
      maxLoadMs: this.maxLoadMs,
      slowestLoad: this.slowestLoad,
    };
  }

  private listsFor(tree: MatchTree): Posting[] | undefined {
    if (!this.ready() || tree.phrases.length === 0) return undefined;
    if (tree.phrases.some((p) => !PLAIN_WORD.test(p.word))) return undefined;
    this.follow();
    const lists: Posting[] = [];
    let missing: string[] | undefined;
    for (const p of tree.phrases) {
      const key = keyOf(p);
      const list = this.lists.get(key);
      if (list === undefined) (missing ??= []).push(key);
      else {
        this.lists.delete(key); // re-inserted: the Map's order is the use order
        this.lists.set(key, list);
        lists.push(list);
      }
    }
    if (!this.warming) this.warm();
    if (missing !== undefined) {
      if (!tree.phrases.some((p) => this.docCount(p) >= COMMON_DOCS)) return undefined;
      // A common query: its small lists are read now (well under a millisecond each), and a prefix's list
      // merged now from its words' lists when they are held; the large ones are read in later turns.
      const large = tree.phrases
        .filter((p) => !this.lists.has(keyOf(p)) && this.docCount(p) > INLINE_DOCS && !(p.prefix && this.missingWord(p.word) === undefined))
        .map(keyOf);
      if (large.length > 0) {
        this.schedule(large);
        return undefined;
      }
      for (const p of tree.phrases) if (!this.lists.has(keyOf(p))) this.loadList(keyOf(p));
      return this.listsFor(tree);
    }
    this.totals ??= this.readTotals();
    if (this.totals.rows > 0) return lists;
    // An empty index (every item gone) matches nothing: answered here too, as FTS5 would (no lengths to average).
    return lists.every((l) => l.docs.length === 0) ? lists : undefined;
  }

  /**
   * After the first query: the lists of every word (not all digits) in at least `COMMON_DOCS` docs, most common first,
   * one per turn of the event loop (while they take at most half of `MAX_POSTINGS`), so that queries
   * with common words find them held; a prefix's list is then merged from held lists.
   */
  private warm(): void {
    this.warming = true;
    const words: [string, number][] = [];
    let after = '';
    // The vocabulary in pages of `WORD_PAGE` words per turn, then the common ones' lists.
    const step = (): void => {
      let page: [string, number][];
      try {
        page = this.statements.wordPage.all(after, WORD_PAGE);
      } catch {
        return; // the connection closed meanwhile
      }
      // All-digit words (sizes, quantities: "4" is in 75k docs of the bench store) are left to the queries that use them.
      for (const [word, docs] of page) if (docs >= COMMON_DOCS && PLAIN_WORD.test(word) && !/^[0-9]+$/.test(word)) words.push([word, docs]);
      if (page.length === WORD_PAGE) {
        after = page[page.length - 1]![0];
        setImmediate(step).unref();
        return;
      }
      words.sort((a, b) => b[1] - a[1]);
      let budget = MAX_POSTINGS / 2;
      const keys: string[] = [];
      for (const [word, docs] of words) {
        if (docs > budget) break;
        budget -= docs;
        keys.push(word);
      }
      this.schedule(keys);
    };
    setImmediate(step).unref();
  }

  private schedule(keys: readonly string[]): void {
    for (const k of keys) if (!this.pending.has(k)) this.pending.set(k, 0);
    if (this.loading) return;
    this.loading = true;
    const step = (): void => {
      const next = this.pending.entries().next().value;
      if (next === undefined) {
        this.loading = false;
        return;
      }
      const [key, turns] = next;
      this.pending.delete(key);
      try {
        this.follow();
        // A prefix's list is merged from its words' lists: one missing word per turn, the prefix queued again after it.
        const word = key.endsWith('*') && turns < MAX_PREFIX_TURNS ? this.missingWord(key.slice(0, -1)) : undefined;
        if (word !== undefined) {
          this.loadList(word);
          this.pending.set(key, turns + 1);
        } else if (!this.lists.has(key)) this.loadList(key);
      } catch {
        // the connection closed meanwhile, or the index is unreadable: queries stay with FTS5
        this.pending.clear();
        this.loading = false;
        return;
      }
      setImmediate(step).unref();
    };
    setImmediate(step).unref();
  }

  /** The index's words with the prefix, in order. */
  private wordsWith(prefix: string): string[] {
    // Every word with the prefix sorts before the prefix with its last (ASCII) character moved one on.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return this.statements.rangeDocs
      .all(prefix, end)
      .map(([term]) => term)
      .filter((t) => t.startsWith(prefix));
  }

  /** A word with the prefix whose list is not held, if any. */
  private missingWord(prefix: string): string | undefined {
    return this.wordsWith(prefix).find((w) => !this.lists.has(w));
  }

  /**
   * One list: a word's from the index's vocabulary (every instance of the word), a prefix's merged
   * from the lists of its words (each read here unless held).
   */
  private loadList(key: string): void {
    const started = performance.now();
    let list: Posting;
    if (key.endsWith('*')) {
      list = { docs: new Int32Array(0), freqs: new Float32Array(0) };
      for (const word of this.wordsWith(key.slice(0, -1))) list = mergeAdd(list, this.lists.get(word) ?? postingOf(this.statements.term.all(word), this.index.columnWeights));
    } else list = postingOf(this.statements.term.all(key), this.index.columnWeights);
    this.lists.delete(key);
    this.lists.set(key, list);
    this.entries += list.docs.length;
    this.lengths.readAheadOnce();
    while (this.entries > MAX_POSTINGS && this.lists.size > 1) {
      const [oldest, list] = this.lists.entries().next().value!;
      this.lists.delete(oldest);
      this.entries -= list.docs.length;
    }
    const ms = performance.now() - started;
    this.loads++;
    this.loadMs += ms;
    if (ms > this.maxLoadMs) {
      this.maxLoadMs = ms;
      this.slowestLoad = `${key} (${list.docs.length} docs)`;
    }
  }

  private docCount(p: MatchPhrase): number {
    const key = keyOf(p);
    let n = this.docCounts.get(key);
    if (n === undefined) {
      n = 0;
      if (p.prefix) {
        // An upper bound (a doc with two words of the prefix counts twice): enough to tell common from rare.
        const end = p.word.slice(0, -1) + String.fromCharCode(p.word.charCodeAt(p.word.length - 1) + 1);
        for (const [term, docs] of this.statements.rangeDocs.all(p.word, end)) if (term.startsWith(p.word)) n += docs;
      } else n = this.statements.termDocs.get(p.word) ?? 0;
      this.docCounts.set(key, n);
    }
    return n;
  }

  private idf(hits: number): number {
    let idf = this.idfs.get(hits);
    if (idf === undefined) {
      const rows = this.totals!.rows;
      // FTS5: log((N - nHit + 0.5) / (nHit + 0.5)), at least 1e-6; SQLite's ln() is the same C log().
      idf = this.statements.ln.get((rows - hits + 0.5) / (hits + 0.5)) ?? 0;
      if (!(idf > 0)) idf = 1e-6;
      this.idfs.set(hits, idf);
    }
    return idf;
  }

  private readTotals(): { rows: number; avgdl: number } {
    const block = this.statements.averages.get();
    if (block === undefined) return { rows: 0, avgdl: 0 };
    const [rows, next] = readVarint(block, 0);
    const tokens = sumVarints(block, next);
    return { rows, avgdl: rows > 0 ? tokens / rows : 0 };
  }

  /** Follows the item cache: patches the docs of items written since, or drops every list. */
  private follow(): void {
    const version = this.source.version;
    if (version === this.version) return;
    const changed = this.version === undefined ? undefined : this.source.changedSince(this.version);
    this.version = version;
    this.totals = undefined;
    this.idfs.clear();
    this.docCounts.clear();
    if (changed !== undefined && changed.length === 0) return;
    const ids = changed === undefined ? undefined : [...new Set(changed)];
    const docs = ids === undefined ? undefined : this.statements.docsOf.all(JSON.stringify(ids));
    // An id without a doc: its item (and doc) went, and which doc it was is no longer known: start again.
    if (docs === undefined || docs.length < ids!.length || docs.length > PATCH_MAX_DOCS) {
      this.lists.clear();
      this.entries = 0;
      this.lengths.reset();
      return;
    }
    this.lengths.forget(docs);
    if (this.lists.size > 0) this.patch(docs);
  }

  /** Puts the written docs' new frequencies (tokenized by FTS5 itself) into every list. */
  private patch(docs: readonly number[]): void {
    const terms = docTerms(this.index, docs);
    for (const [key, list] of [...this.lists]) {
      const patched = patchedPosting(key, list, terms);
      if (patched === undefined) continue;
      this.entries += patched.docs.length - list.docs.length;
      this.lists.set(key, patched);
    }
  }

  /** Whether the index can be read this way (its vocabulary and a scratch table with its tokenizer); decided once. */
  private ready(): boolean {
    if (this.indexOnce === undefined) {
      try {
        this.indexOnce = prepareKeywordIndex(this.db, this.weights) ?? null;
      } catch {
        this.indexOnce = null;
      }
    }
    return this.indexOnce !== null;
  }

  private get index(): KeywordIndex {
    if (!this.indexOnce) throw new Error('keyword postings: the keyword index (item_search) is not readable from memory');
    return this.indexOnce;
  }

  private get statements(): KeywordIndex['statements'] {
    return this.index.statements;
  }
}
