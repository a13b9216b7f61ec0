/**
 * Keyword search over the catalogue: FTS5 (migration 004) ranked by BM25 with column weights
 * title > brand > category > attributes, with the contract's filters applied in the same query
 * (a plan's search: to the best matches the index ranked alone, in widening windows). The matched set
 * facets count is read as doc ids (`matchedDocs`); with the item cache, a filter's verdict per doc is
 * kept (`DocVerdicts`), and queries with a very common word are ranked and matched from posting lists
 * in memory (`KeywordPostings`: the same hits, scores and matched sets as FTS5, without a bm25() call
 * per matched row).
 */
import type { Database, Statement } from 'better-sqlite3';
import { DocVerdicts } from './doc-verdicts';
import { FilteredItems } from './filtered-items';
import type { ItemLookup } from './item-filter';
import { KeywordPostings, type MatchTree } from './keyword-postings';
import { filterClause, type SearchFilters } from './search-filters';
import { parseLexicalQuery } from './lexical-query';
import { hasCorrections, planMatch, planTree, type LexicalPlan } from './query-plan';

/** A hit found only through a typo correction scores this share of its BM25 and ranks after every exact hit. */
export const CORRECTED_WEIGHT = 0.5;
/** The most matched items counted for facets. */
export const MAX_MATCHED = 20_000;

/** Doc -> item rows read per turn of the event loop when the mapping is first filled. */
const PREFILL_PAGE = 5000;

/** bm25() weights for the columns title, brand, category, attributes. */
export const BM25_WEIGHTS = [10, 5, 2, 1] as const;

export interface LexicalHit {
  itemId: string;
  /** -bm25: higher is better. */
  score: number;
  /** 1-based. */
  rank: number;
  /** Found only through a typo correction. */
  corrected?: boolean;
}

interface Row {
  item_id: string;
  bm25: number;
}

interface DocRow {
  doc: number;
  bm25: number;
}

export interface LexicalSearchOptions {
  /**
   * Rank and match queries with a very common word from posting lists in memory (`KeywordPostings`;
   * the same results as FTS5). Default true; needs an item cache with a version and a change log.
   */
  postings?: boolean;
}

/** One `KeywordPostings` per connection and item cache: the engine's keyword search and its facets share the lists. */
const sharedPostings = new WeakMap<Database, { source: object; postings: KeywordPostings }>();

export class LexicalSearch {
  private readonly statements = new Map<string, Statement<[Record<string, string | number>], Row>>();
  private readonly matchedStatements = new Map<string, Statement<[Record<string, string | number>], string>>();
  /**
   * FTS rowid (item_search_docs.doc_id) -> item id, filled as docs are first matched. A doc id
   * never changes for an item (an upsert updates in place) and items are never deleted, so an
   * entry stays true; unfiltered queries then read rowids alone from the index and skip the join.
   */
  private readonly docItems = new Map<number, string>();
  private prefilling = false;
  private readonly filtered: FilteredItems;
  /** Per filter, whether each doc's item passes (with a versioned item cache): the filtered matched set reads no item per doc. */
  private readonly verdicts: DocVerdicts | undefined;
  /** Very common words' posting lists in memory (with a versioned item cache). */
  private readonly postings: KeywordPostings | undefined;
  private docStatementsOnce:
    | {
        ranked: Statement<[Record<string, string | number>], DocRow>;
        matched: Statement<[Record<string, string | number>], number>;
        matchedAll: Statement<[Record<string, string | number>], number>;
        items: Statement<[string], { doc_id: number; item_id: string }>;
        page: Statement<[number, number], { doc_id: number; item_id: string }>;
      }
    | undefined;

  /** `items`: the engine's item cache; with it the filters are checked in memory, not joined to `items` in SQL. */
  constructor(
    private readonly db: Database,
    items?: ItemLookup,
    options: LexicalSearchOptions = {},
  ) {
    this.filtered = new FilteredItems(db, items);
    const changedSince = items?.changedSince?.bind(items);
    if (items?.version !== undefined && changedSince !== undefined) {
      this.verdicts = new DocVerdicts({
        itemIds: (docs) => this.itemIdsOfDocs(docs),
        get version() {
          return items.version!;
        },
        changedSince,
      });
      if (options.postings !== false) {
        const shared = sharedPostings.get(db);
        if (shared !== undefined && shared.source === items) this.postings = shared.postings;
        else {
          const source = {
            get version() {
              return items.version!;
            },
            changedSince,
          };
          this.postings = new KeywordPostings(db, source, BM25_WEIGHTS);
          sharedPostings.set(db, { source: items, postings: this.postings });
        }
      }
    }
  }

  /** The very common words' posting lists this search answers from (undefined without them): their figures for benches. */
  get postingLists(): KeywordPostings | undefined {
    return this.postings;
  }

  private get docStatements(): NonNullable<LexicalSearch['docStatementsOnce']> {
    return (this.docStatementsOnce ??= {
      ranked: this.db.prepare(`SELECT rowid AS doc, bm25(item_search, ${BM25_WEIGHTS.join(', ')}) AS bm25 FROM item_search
        WHERE item_search MATCH @match ORDER BY bm25 LIMIT @k`),
      matched: this.db.prepare<[Record<string, string | number>], number>('SELECT rowid FROM item_search WHERE item_search MATCH @match LIMIT @limit').pluck(),
      matchedAll: this.db.prepare<[Record<string, string | number>], number>('SELECT rowid FROM item_search WHERE item_search MATCH @match').pluck(),
      items: this.db.prepare('SELECT doc_id, item_id FROM item_search_docs WHERE doc_id IN (SELECT value FROM json_each(?))'),
      page: this.db.prepare('SELECT doc_id, item_id FROM item_search_docs WHERE doc_id > ? ORDER BY doc_id LIMIT ?'),
    });
  }

  /** Never throws on user text: an empty or unusable query gives no hits. */
  /**
   * `anyWordFallback`: when too few items have every word, fill up with items that have some. It
   * scores every item with any of the words, so hybrid search, whose semantic half fills the list
   * anyway, turns it off.
   */
  search(query: string, k: number, filters?: SearchFilters, anyWordFallback = true, plan?: LexicalPlan): LexicalHit[] {
    if (plan !== undefined) return this.searchPlan(plan, k, filters, anyWordFallback);
    const parsed = parseLexicalQuery(query);
    if (parsed === undefined || k <= 0) return [];
    const filter = filterClause(filters);
    const statement = this.statement(filter.shape, filter.sql);
    const rows = statement.all({ ...filter.params, match: parsed.matchAll, k });
    if (anyWordFallback && rows.length < k && parsed.words.length > 1) {
      // Too few items have every word: fill up with items that have some, ranked after.
      const seen = new Set(rows.map((r) => r.item_id));
      for (const r of statement.all({ ...filter.params, match: parsed.matchAny, k })) {
        if (rows.length >= k) break;
        if (!seen.has(r.item_id)) rows.push(r);
      }
    }
    return rows.map((r, i) => ({ itemId: r.item_id, score: -r.bm25, rank: i + 1 }));
  }

  /**
   * A rewritten query (synonyms, corrections): items with every word as typed (or a synonym)
   * first, then items that need a correction, then (fallback) items with any word.
   */
  searchPlan(plan: LexicalPlan, k: number, filters?: SearchFilters, anyWordFallback = true): LexicalHit[] {
    const exact = planMatch(plan, { corrections: false });
    if (exact === undefined || k <= 0) return [];
    const filter = filterClause(filters);
    const hits: LexicalHit[] = [];
    const seen = new Set<string>();
    const take = (match: string, tree: MatchTree | undefined, weight: number, corrected: boolean): void => {
      if (hits.length >= k) return;
      const rows = filter.shape === '' ? this.rankedDocs(match, k, tree) : this.rankedFiltered(match, k, filters, tree);
      for (const r of rows) {
        if (hits.length >= k) break;
        if (seen.has(r.item_id)) continue;
        seen.add(r.item_id);
        hits.push({ itemId: r.item_id, score: -r.bm25 * weight, rank: hits.length + 1, ...(corrected ? { corrected } : {}) });
      }
    };
    take(exact, planTree(plan, { corrections: false }), 1, false);
    if (hasCorrections(plan)) take(planMatch(plan, { corrections: true })!, planTree(plan, { corrections: true }), CORRECTED_WEIGHT, true);
    if (anyWordFallback && plan.groups.length > 1) {
      const any = { corrections: true, any: true };
      take(planMatch(plan, any)!, planTree(plan, any), CORRECTED_WEIGHT, hasCorrections(plan));
    }
    return hits;
  }

  /** Every item the plan matches (corrections included) under the filters, at most `limit`: the set facets count. */
  matchedItems(plan: LexicalPlan, filters?: SearchFilters, limit = MAX_MATCHED): string[] {
    const docs = this.matchedDocs(plan, filters, limit);
    if (docs !== undefined) return this.itemIdsOf(docs);
    const match = planMatch(plan, { corrections: true })!;
    const filter = filterClause(filters);
    let statement = this.matchedStatements.get(filter.shape);
    if (statement === undefined) {
      statement = this.db
        .prepare<[Record<string, string | number>], string>(`SELECT d.item_id FROM item_search JOIN item_search_docs d ON d.doc_id = item_search.rowid
          ${filter.shape === '' ? '' : 'JOIN items i ON i.item_id = d.item_id'}
          WHERE item_search MATCH @match AND ${filter.sql} LIMIT @limit`)
        .pluck();
      this.matchedStatements.set(filter.shape, statement);
    }
    try {
      return statement.all({ ...filter.params, match, limit });
    } catch {
      return [];
    }
  }

  /**
   * The same set as `matchedItems` as keyword-index doc ids (FTS rowids), in the same order: without
   * filters every matched doc up to `limit` (a doc without an item row included: `matchedItems`
   * drops it when it maps docs to items); with filters checked in memory, the docs whose items pass.
   * Undefined where the filters need SQL (no item cache, or a filter the cache cannot decide):
   * `matchedItems` reads that set with the join.
   */
  matchedDocs(plan: LexicalPlan, filters?: SearchFilters, limit = MAX_MATCHED): number[] | undefined {
    const match = planMatch(plan, { corrections: true });
    if (match === undefined) return [];
    const filter = filterClause(filters);
    const tree = this.postings === undefined ? undefined : planTree(plan, { corrections: true });
    if (filter.shape === '') {
      const fromMemory = tree === undefined ? undefined : this.fromPostings((p) => p.matched(tree, limit));
      if (fromMemory !== undefined) return fromMemory;
      try {
        return this.docStatements.matched.all({ match, limit });
      } catch {
        return [];
      }
    }
    const check = this.filtered.check(filters);
    if (check === undefined) return undefined;
    if (this.verdicts === undefined) return this.matchedChecked(match, check, limit);
    let docs: number[] | undefined = tree === undefined ? undefined : this.fromPostings((p) => p.matched(tree, -1));
    if (docs === undefined) {
      try {
        docs = this.docStatements.matchedAll.all({ match });
      } catch {
        return [];
      }
    }
    return this.verdicts.passing(JSON.stringify(filters), docs, check, limit);
  }

  /**
   * The filtered matched set with the filters checked in memory: every matched doc in rowid order
   * (the order the joined query reads the index in, so the same first `limit` pass), its item id
   * from the mapping, kept when its item passes (a doc without an item row never passes).
   */
  private matchedChecked(match: string, check: (itemId: string) => boolean, limit: number): number[] {
    let docs: number[];
    try {
      docs = this.docStatements.matchedAll.all({ match });
    } catch {
      return [];
    }
    const ids = this.itemIdsOfDocs(docs);
    const out: number[] = [];
    if (limit === 0) return out; // SQL: LIMIT 0 keeps none, a negative LIMIT every row
    for (let i = 0; i < docs.length; i++) {
      const id = ids[i];
      if (id !== undefined && check(id)) {
        out.push(docs[i]!);
        if (out.length === limit) break;
      }
    }
    return out;
  }

  /** The top k by BM25 without filters (k < 0: every match): rowids and scores from the index alone, then their item ids. */
  private rankedDocs(match: string, k: number, tree?: MatchTree): Row[] {
    let docs: DocRow[] | undefined = tree === undefined ? undefined : this.fromPostings((p) => p.rank(tree, k));
    if (docs === undefined) {
      try {
        docs = this.docStatements.ranked.all({ match, k });
      } catch {
        return [];
      }
    }
    const ids = this.itemIdsOf(docs.map((d) => d.doc));
    // itemIdsOf drops a doc whose item went meanwhile: pair ids and scores through the cache.
    if (ids.length === docs.length) return docs.map((d, i) => ({ item_id: ids[i]!, bm25: d.bm25 }));
    return docs.flatMap((d) => {
      const itemId = this.docItems.get(d.doc);
      return itemId === undefined ? [] : [{ item_id: itemId, bm25: d.bm25 }];
    });
  }

  /**
   * The top k by BM25 that pass the filters: the index's ranking alone over a window of the best
   * 4k, then 32k, then every matched doc, their items checked against the filters (in memory with
   * the item cache, in order until k pass; else in one query, a primary-key probe each), until k pass
   * or the window held every match. The join to `items` for every matched row, which the filtered
   * SQL paid before ranking, is paid only for the window, and with the cache not at all.
   */
  private rankedFiltered(match: string, k: number, filters: SearchFilters | undefined, tree?: MatchTree): Row[] {
    const check = this.filtered.check(filters);
    for (const window of [k * 4, k * 32, -1]) {
      const ranked = this.rankedDocs(match, window, tree);
      let rows: Row[];
      if (check !== undefined) {
        rows = [];
        for (const r of ranked) {
          if (check(r.item_id)) {
            rows.push(r);
            if (rows.length >= k) break;
          }
        }
      } else {
        let passing: Set<string>;
        try {
          passing = this.filtered.passing(
            ranked.map((r) => r.item_id),
            filters,
          );
        } catch {
          return []; // as a refused MATCH: no hits, never an error
        }
        rows = ranked.filter((r) => passing.has(r.item_id)).slice(0, k);
      }
      if (rows.length >= k || window < 0 || ranked.length < window) return rows;
    }
    return [];
  }

  /** An answer from the posting lists in memory; undefined (FTS5 answers) without them or when they cannot be read (the store closed). */
  private fromPostings<T>(answer: (postings: KeywordPostings) => T | undefined): T | undefined {
    if (this.postings === undefined) return undefined;
    try {
      return answer(this.postings);
    } catch {
      return undefined;
    }
  }

  /** A page of the doc -> item mapping: the docs after `afterDoc` in doc order, at most `limit`, with their item ids (kept in the mapping too). */
  docPage(afterDoc: number, limit: number): { doc: number; itemId: string }[] {
    const rows = this.docStatements.page.all(afterDoc, limit);
    for (const r of rows) this.docItems.set(r.doc_id, r.item_id);
    return rows.map((r) => ({ doc: r.doc_id, itemId: r.item_id }));
  }

  /** Item ids of FTS rowids, in order, a doc without an item row left out. */
  private itemIdsOf(docs: readonly number[]): string[] {
    const ids: string[] = [];
    for (const id of this.itemIdsOfDocs(docs)) if (id !== undefined) ids.push(id);
    return ids;
  }

  /**
   * The item id of each FTS rowid, in order (undefined: the doc has no item row); the ones not cached
   * yet are read in one query. The first call also starts reading the whole mapping in pages, one
   * per turn of the event loop, so that later queries find every doc cached.
   */
  itemIdsOfDocs(docs: readonly number[]): (string | undefined)[] {
    if (!this.prefilling) this.prefill();
    let missing: number[] | undefined;
    for (const d of docs) if (!this.docItems.has(d)) (missing ??= []).push(d);
    if (missing !== undefined) for (const r of this.docStatements.items.all(JSON.stringify(missing))) this.docItems.set(r.doc_id, r.item_id);
    return docs.map((d) => this.docItems.get(d));
  }

  private prefill(pageSize = PREFILL_PAGE): void {
    this.prefilling = true;
    const page = this.db.prepare<[number, number], { doc_id: number; item_id: string }>('SELECT doc_id, item_id FROM item_search_docs WHERE doc_id > ? ORDER BY doc_id LIMIT ?');
    let after = 0;
    const step = (): void => {
      let rows: { doc_id: number; item_id: string }[];
      try {
        rows = page.all(after, pageSize);
      } catch {
        return; // the connection closed meanwhile: lookups fall back to reading missing docs
      }
      for (const r of rows) this.docItems.set(r.doc_id, r.item_id);
      if (rows.length === pageSize) {
        after = rows[rows.length - 1]!.doc_id;
        setImmediate(step).unref();
      }
    };
    setImmediate(step).unref();
  }

  private statement(shape: string, where: string): Statement<[Record<string, string | number>], Row> {
    let s = this.statements.get(shape);
    if (s === undefined) {
      s = this.db.prepare(`SELECT d.item_id, bm25(item_search, ${BM25_WEIGHTS.join(', ')}) AS bm25
        FROM item_search
        JOIN item_search_docs d ON d.doc_id = item_search.rowid
        ${shape === '' ? '' : 'JOIN items i ON i.item_id = d.item_id'}
        WHERE item_search MATCH @match AND ${where}
        ORDER BY bm25 LIMIT @k`);
      this.statements.set(shape, s);
    }
    return s;
  }
}
